import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import type { Linter } from 'eslint';
import { fullRun } from './corpora.js';
import { checkEveryFix, checkFixedPoint } from './fix-checks.js';
import { javascriptSetup, lintOnce, newLinter, typescriptSetup } from './linting.js';
import { render, streamProgram, withErrorListener, withPipeline, type StreamProgram } from './stream-programs.js';

// A fixed seed: a failure found once is found again. The full run tries many more programs.
const runs = { seed: 20_251_124, numRuns: fullRun ? 3000 : 100 };

const linter = newLinter();

function lint(lines: string[], program: StreamProgram): Linter.LintMessage[] {
  const outcome = lintOnce(linter, javascriptSetup(program.moduleStyle), lines.join('\n'), 'generated.js');
  if (outcome.kind === 'threw') throw outcome.error;
  if (outcome.kind === 'unparsable') throw new Error(`the generated program does not parse: ${outcome.message}`);
  return outcome.messages;
}

const of = (rule: string, messages: Linter.LintMessage[]) =>
  messages.filter((message) => message.ruleId === `node-streams/${rule}`);

const where = (message: Linter.LintMessage) => `${message.line}:${message.column}`;

describe('random stream programs', () => {
  it('never make a rule throw, with espree or typescript-eslint', (t) => {
    const reportsByRule = new Map<string, number>();
    fc.assert(
      fc.property(streamProgram, (program) => {
        const { lines } = render(program);
        for (const message of lint(lines, program)) {
          reportsByRule.set(message.ruleId!, (reportsByRule.get(message.ruleId!) ?? 0) + 1);
        }
        const typescript = lintOnce(linter, typescriptSetup(), lines.join('\n'), 'generated.ts');
        if (typescript.kind === 'threw') throw typescript.error;
      }),
      runs,
    );
    t.diagnostic(`reports: ${[...reportsByRule].map(([rule, count]) => `${rule} ${count}`).join(', ')}`);
    // Programs that no rule reports would prove nothing.
    assert.ok(reportsByRule.size >= 3, `only ${[...reportsByRule.keys()].join(', ')} reported`);
  });

  it("never get a new no-unhandled-error report from an added 'error' listener", (t) => {
    let removed = 0;
    fc.assert(
      fc.property(streamProgram, fc.nat(), (program, pick) => {
        const rendered = render(program);
        const stream = pick % program.streams.length;
        const insertedLine = rendered.declarations[stream] + 2;
        const before = new Set(
          of('no-unhandled-error', lint(rendered.lines, program)).map((message) =>
            where({ ...message, line: message.line >= insertedLine ? message.line + 1 : message.line }),
          ),
        );
        const after = of('no-unhandled-error', lint(withErrorListener(rendered, stream), program));
        const added = after.filter((message) => !before.has(where(message)));
        removed += before.size - (after.length - added.length);
        assert.deepEqual(added.map(where), [], `listener on stream${stream} of\n${rendered.lines.join('\n')}`);
      }),
      runs,
    );
    t.diagnostic(`${removed} reports removed by the listeners`);
    assert.ok(removed > 0, 'no listener ever removed a report: the programs prove nothing');
  });

  it('lose the reports of a .pipe() chain once it is wrapped in pipeline()', (t) => {
    let removed = 0;
    fc.assert(
      fc.property(
        streamProgram.filter((program) => program.chain !== null),
        (program) => {
          const rendered = render(program);
          const chainLine = rendered.chainLine! + 1;
          const stageLines = new Set([
            chainLine,
            ...program.chain!.flatMap((stage) => ('variable' in stage ? [rendered.declarations[stage.variable] + 1] : [])),
          ]);
          const chainReports = (messages: Linter.LintMessage[]) => [
            ...of('prefer-pipeline', messages).filter((message) => message.line === chainLine),
            ...of('no-unhandled-error', messages).filter((message) => stageLines.has(message.line)),
          ];
          removed += chainReports(lint(rendered.lines, program)).length;
          const after = lint(withPipeline(rendered, program), program);
          const left = [
            ...chainReports(after),
            ...of('no-floating-pipeline', after).filter((message) => message.line === chainLine),
          ];
          assert.deepEqual(
            left.map((message) => `${where(message)} ${message.ruleId}`),
            [],
            `after wrapping line ${chainLine} of\n${rendered.lines.join('\n')}`,
          );
        },
      ),
      runs,
    );
    t.diagnostic(`${removed} reports of chains removed by pipeline()`);
    assert.ok(removed > 0, 'no chain was ever reported: the programs prove nothing');
  });

  it('get only fixes and suggestions that keep their promises', (t) => {
    let tried = 0;
    fc.assert(
      fc.property(streamProgram, (program) => {
        const code = render(program).lines.join('\n');
        const setup = javascriptSetup(program.moduleStyle);
        const check = checkEveryFix(linter, setup, code, 'generated.js');
        tried += check.tried;
        const failure = check.failures[0];
        assert.ok(!failure, failure && `${failure.rule} ${failure.offered} at ${failure.line}:${failure.column}: ${failure.why}\n${code}\n--- gave ---\n${failure.output}`);
        assert.equal(checkFixedPoint(linter, setup, code, 'generated.js'), null);
      }),
      runs,
    );
    t.diagnostic(`${tried} fixes and suggestions tried`);
  });
});
