import assert from 'node:assert/strict';
import { describe, it, type TestContext } from 'node:test';
import { edgeCorpus, fullRun, readSource, realCorpus, type CorpusFile } from './corpora.js';
import { checkEveryFix, checkFixedPoint } from './fix-checks.js';
import { docsSources, exampleSources, ruleTesterSources, type KnownSource } from './known-sources.js';
import { isTypeScriptPath, javascriptSetup, newLinter, typescriptSetup, type LintSetup } from './linting.js';

interface Program {
  name: string;
  code: string;
  filename: string;
  setup: LintSetup;
}

function setupForName(filename: string): LintSetup {
  if (isTypeScriptPath(filename)) return typescriptSetup();
  return javascriptSetup(filename.endsWith('.cjs') ? 'commonjs' : 'module');
}

const fromKnown = (source: KnownSource): Program => ({ ...source, setup: setupForName(source.filename) });

const fromCorpus = (file: CorpusFile): Program => ({
  name: file.name,
  code: readSource(file),
  filename: file.path,
  setup: file.sourceType ? javascriptSetup(file.sourceType) : typescriptSetup(),
});

/** Checks every fix and suggestion; returns the programs that were offered any. */
function assertEveryFixKeepsItsPromises(t: TestContext, programs: Program[], minimumTried: number): Program[] {
  const linter = newLinter();
  let tried = 0;
  const failures: string[] = [];
  const offered: Program[] = [];
  for (const program of programs) {
    const check = checkEveryFix(linter, program.setup, program.code, program.filename);
    tried += check.tried;
    if (check.tried > 0) offered.push(program);
    for (const failure of check.failures) {
      failures.push(
        `${program.name} ${failure.line}:${failure.column} ${failure.rule}, ${failure.offered}: ${failure.why}\n--- output ---\n${failure.output}\n---`,
      );
    }
  }
  t.diagnostic(`${tried} fixes and suggestions tried on ${programs.length} programs`);
  assert.equal(failures.length, 0, `${failures.length} broken fixes:\n${failures.slice(0, 5).join('\n')}`);
  assert.ok(tried >= minimumTried, `only ${tried} fixes and suggestions were tried`);
  return offered;
}

function assertFixedPoints(programs: Program[]): void {
  const linter = newLinter();
  const failures = programs.flatMap((program) => {
    const why = checkFixedPoint(linter, program.setup, program.code, program.filename);
    return why ? [`${program.name}: ${why}`] : [];
  });
  assert.deepEqual(failures, []);
}

describe('every fix and suggestion keeps its promises', () => {
  const testCases = ruleTesterSources().map(fromKnown);
  const documented = [...docsSources(), ...exampleSources()].map(fromKnown);

  it('on the programs of the RuleTester suites', (t) => {
    assertEveryFixKeepsItsPromises(t, testCases, testCases.length / 4);
  });

  it('on the docs examples and examples/', (t) => {
    assertEveryFixKeepsItsPromises(t, documented, 1);
  });

  it('--fix reaches a fixed point on all of them', () => {
    assertFixedPoints([...testCases, ...documented]);
  });

  it('on the edge-case corpus', { skip: !fullRun && 'runs in npm run test:reliability' }, (t) => {
    const corpus = edgeCorpus();
    const programs = [...corpus.javascript, ...corpus.typescript].map(fromCorpus);
    assertFixedPoints(assertEveryFixKeepsItsPromises(t, programs, 0));
  });

  it('on the real-code corpus', { skip: !fullRun && 'runs in npm run test:reliability' }, async (t) => {
    const files = await realCorpus();
    assert.ok(files, 'scripts/corpus.mjs is missing');
    const programs = files.map(fromCorpus);
    assertFixedPoints(assertEveryFixKeepsItsPromises(t, programs, 10));
  });
});
