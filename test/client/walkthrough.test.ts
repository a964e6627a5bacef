// Each walkthrough step keeps its promise: its example has the bug its rule flags, the fix it names
// repairs it, and the snippet it shows exists.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { levels } from '../../snippets/src/library.js';
import { walkthroughSteps } from '../../client/src/walkthrough-steps.js';
import { lintText } from '../support/lint.js';
import { loadLibrary } from '../snippets/snippet-forms.js';

const library = loadLibrary();

function applySuggestion(code: string, fix: { range: [number, number]; text: string }): string {
  return code.slice(0, fix.range[0]) + fix.text + code.slice(fix.range[1]);
}

describe('walkthrough', () => {
  it('has one step per level, in order', () => {
    assert.deepEqual(walkthroughSteps.map((step) => step.level), levels);
  });

  for (const step of walkthroughSteps) {
    describe(`step ${step.level}`, () => {
      const code = readFileSync(new URL(`../../client/walkthrough/${step.example}`, import.meta.url), 'utf8');

      it(`its example is flagged by ${step.rule} in the ${step.config} config, and the fix repairs it`, () => {
        const problems = lintText(code, 'example.js', step.config).filter((problem) => problem.ruleId === `node-streams/${step.rule}`);
        assert.equal(problems.length, 1, JSON.stringify(problems));
        const suggestion = problems[0].suggestions?.find((candidate) => candidate.desc.startsWith(step.fix));
        assert.ok(suggestion, `no suggestion starts with "${step.fix}": ${JSON.stringify(problems[0].suggestions?.map((candidate) => candidate.desc))}`);
        const fixed = applySuggestion(code, suggestion.fix);
        const after = lintText(fixed, 'example.js', step.config);
        assert.deepEqual(after.filter((problem) => problem.ruleId === `node-streams/${step.rule}` || problem.fatal), []);
      });

      it('its markdown names the rule, the fix and the snippet', () => {
        const page = readFileSync(new URL(`../../client/walkthrough/${step.media}`, import.meta.url), 'utf8');
        assert.ok(page.includes(`node-streams/${step.rule}`));
        assert.ok(page.includes(step.snippet));
        assert.ok(library.some((snippet) => snippet.name === step.snippet), `no snippet ${step.snippet}`);
      });
    });
  }
});
