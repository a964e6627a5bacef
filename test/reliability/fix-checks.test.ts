import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Linter, Rule } from 'eslint';
import type { CallExpression } from 'estree';
import { checkEveryFix, checkFixedPoint } from './fix-checks.js';
import { newLinter, type LintSetup } from './linting.js';
import { applyEdit, hunksBetween, mapOffset } from './text-diff.js';

// The fix checks must catch each way a fix can go wrong: these rules each make one such fix on
// every `stream.pipe(out)` call, under the plugin's prefix so that the checks look at them.
function pipeRule(fix: (fixer: Rule.RuleFixer, node: Rule.Node, context: Rule.RuleContext) => Rule.Fix | Rule.Fix[]): Rule.RuleModule {
  return {
    meta: { type: 'problem', fixable: 'code', schema: [], messages: { pipe: 'pipe' } },
    create: (context) => ({
      'CallExpression[callee.property.name="pipe"]'(node: Rule.Node) {
        context.report({ node, messageId: 'pipe', fix: (fixer) => fix(fixer, node, context) });
      },
    }),
  };
}

const brokenRules: Record<string, Rule.RuleModule> = {
  unparsable: pipeRule((fixer, node) => fixer.insertTextAfter(node, ')')),
  'reports-again': pipeRule((fixer, node) => fixer.insertTextBefore(node, 'void ')),
  'drops-comments': pipeRule((fixer, node) => fixer.replaceText(node, 'pipeline(source, out, () => {})')),
  'changes-elsewhere': pipeRule((fixer) => fixer.insertTextAfterRange([0, 0], 'globalThis.touched = 1;\n')),
  'never-settles': pipeRule((fixer, node, context) => fixer.replaceText(node, `${context.sourceCode.getText(node)}.pipe(out)`)),
  'adds-import': pipeRule((fixer, node) => [
    fixer.insertTextBeforeRange([0, 0], "const { pipeline } = require('node:stream');\n"),
    fixer.replaceText((node as CallExpression).callee as Rule.Node, 'pipeline'),
  ]),
};

function setupWith(rule: string): LintSetup {
  return {
    name: rule,
    config: [
      {
        files: ['**/*.js'],
        plugins: { 'node-streams': { rules: brokenRules } },
        rules: { [`node-streams/${rule}`]: 'error' },
      },
    ] as Linter.Config[],
  };
}

const program = `
const fs = require('fs');
function copy(source, out) {
  // Copy it all.
  source.pipe(/* the destination */ out);
}
`;

function whyItFails(rule: string): string[] {
  return checkEveryFix(newLinter(), setupWith(rule), program, 'copy.js').failures.map((failure) => failure.why);
}

describe('the fix checks', () => {
  it('reject a fix whose code does not parse', () => {
    assert.match(whyItFails('unparsable').join(), /does not parse/);
  });

  it('reject a fix after which the rule reports the same place', () => {
    assert.match(whyItFails('reports-again').join(), /reports the same place again/);
  });

  it('reject a fix that drops a comment', () => {
    assert.match(whyItFails('drops-comments').join(), /drops comments: Block: the destination/);
  });

  it('reject a fix that changes code outside the problem', () => {
    assert.match(whyItFails('changes-elsewhere').join(), /outside the problem's block/);
  });

  it('accept a fix that adds an import at the top and rewrites its own statement', () => {
    assert.deepEqual(whyItFails('adds-import'), []);
  });

  it('reject --fix that never reaches a fixed point', () => {
    assert.match(checkFixedPoint(newLinter(), setupWith('never-settles'), program, 'copy.js') ?? '', /fixed point/);
  });
});

describe('text hunks', () => {
  const before = 'one\ntwo\nthree\nfour\n';
  const after = applyEdit(applyEdit(before, { range: [8, 13], text: 'THREE' }), { range: [0, 0], text: 'zero\n' });

  it('find each changed stretch, narrowed to characters', () => {
    assert.deepEqual(hunksBetween(before, after), [
      { oldStart: 0, oldEnd: 0, newStart: 0, newEnd: 5 },
      { oldStart: 8, oldEnd: 13, newStart: 13, newEnd: 18 },
    ]);
  });

  it('map offsets of unchanged text, and name the hunk of changed text', () => {
    const hunks = hunksBetween(before, after);
    assert.equal(mapOffset(4, hunks), 9);
    assert.equal(mapOffset(14, hunks), 19);
    assert.deepEqual(mapOffset(9, hunks), hunks[1]);
    assert.equal(mapOffset(9, hunks, true), 4);
  });
});
