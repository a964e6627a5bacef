import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { before, describe, it } from 'node:test';
// @ts-expect-error: a plain ES module script without type declarations.
import { bugsDirectory, evaluate, loadBugs, readRecall, summarize } from './evaluate.mjs';

// The shipped-bug benchmark (test/bugs/<project>-<bug>/): each pre-fix reduction must be complete
// and parse, each post-fix one must get no report that bug.json does not name as a real remaining
// problem, and no bug caught when recall.json was last raised may go missed again.

interface Expectation {
  rule: string;
  caught: boolean;
}
interface Result {
  setup: { name: string };
  bug: { name: string; after: string };
  caught: boolean;
  expectations: Expectation[];
  afterReports: { rule: string; line: number }[];
  unexplainedAfterReports: { rule: string; line: number; column: number; message: string }[];
  parseErrors: string[];
}
interface Bug {
  name: string;
  before?: string;
  after?: string;
  problems: string[];
  description: { afterReports?: { line: number }[] };
}

const bugs = loadBugs() as Bug[];
let results: Result[] = [];
let summary: Record<string, { caught: string[]; total: number }> = {};

before(() => {
  const evaluation = evaluate({ bugs });
  results = evaluation.results;
  summary = summarize(evaluation);
});

describe('shipped-bug benchmark', () => {
  it('has at least 40 bugs, each folder complete: before, after, and a bug.json whose expected lines exist', () => {
    assert.ok(bugs.length >= 40, `only ${bugs.length} bugs`);
    assert.deepEqual(
      bugs.filter((bug) => bug.problems.length > 0).map((bug) => `${bug.name}: ${bug.problems.join('; ')}`),
      [],
    );
  });

  it('names in afterReports lines that exist in the post-fix file', () => {
    const wrong = bugs.flatMap((bug) => {
      if (!bug.after) return [];
      const lineCount = readFileSync(bug.after, 'utf8').split('\n').length;
      return (bug.description.afterReports ?? []).filter((entry) => entry.line > lineCount).map((entry) => `${bug.name}:${entry.line}`);
    });
    assert.deepEqual(wrong, []);
  });

  it('parses every pre-fix and post-fix file', () => {
    assert.deepEqual(
      results.filter((result) => result.parseErrors.length > 0).map((result) => `${result.bug.name} [${result.setup.name}]: ${result.parseErrors.join('; ')}`),
      [],
    );
  });

  it('reports nothing on a post-fix file but the remaining problems its bug.json names', () => {
    const unexplained = results.flatMap((result) =>
      result.unexplainedAfterReports.map(
        (report) => `[${result.setup.name}] ${relative(bugsDirectory, result.bug.after)}:${report.line}:${report.column} ${report.rule}: ${report.message}`,
      ),
    );
    assert.deepEqual(unexplained, []);
  });

  it('still catches every bug recall.json records as caught (raise it with npm run eval:bugs -- --update-recall)', () => {
    const recorded = readRecall() as Record<string, { recall: number; caught: string[] }>;
    for (const [setup, figures] of Object.entries(summary)) {
      assert.ok(recorded[setup], `recall.json has no figures for ${setup}`);
      const lost = recorded[setup].caught.filter((name) => bugs.some((bug) => bug.name === name) && !figures.caught.includes(name));
      assert.deepEqual(lost, [], `${setup}: bugs caught before and missed now`);
      assert.ok(
        figures.caught.length / figures.total >= recorded[setup].recall - 1e-9,
        `${setup}: recall ${figures.caught.length}/${figures.total} is below the recorded ${recorded[setup].recall}`,
      );
    }
  });

  it('counts a bug as caught only for a report by an expected rule at an expected line', () => {
    // The harness itself, on two made-up bugs: the same unhandled stream, expected at its line and at another.
    const directory = mkdtempSync(join(tmpdir(), 'bugs-harness-'));
    try {
      const code = "const fs = require('node:fs');\nconst input = fs.createReadStream(process.argv[2]);\ninput.pipe(process.stdout);\n";
      for (const [name, line] of [['at-the-bug', 2], ['elsewhere', 3]] as const) {
        mkdirSync(join(directory, name));
        writeFileSync(join(directory, name, 'before.js'), code);
        writeFileSync(join(directory, name, 'after.js'), "const fs = require('node:fs');\n");
        const description = {
          project: 'p',
          repository: 'https://github.com/o/p',
          fix: 'https://github.com/o/p/commit/0000000',
          license: 'MIT',
          failure: 'crash',
          expected: [{ rule: 'no-unhandled-error', lines: [line] }],
        };
        writeFileSync(join(directory, name, 'bug.json'), JSON.stringify(description));
      }
      const made = loadBugs(directory) as Bug[];
      assert.deepEqual(made.map((bug) => bug.problems), [[], []]);
      const caught = summarize(evaluate({ bugs: made })).recommended.caught;
      assert.deepEqual(caught, ['at-the-bug']);
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  });
});
