import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { rules } from '../../rules/src/rules/index.js';
import { lintText } from '../support/lint.js';

interface Example {
  code: string;
  filename: string;
  line: number;
}

/** The fenced code blocks of one `## Wrong` or `## Right` section of a rule page. */
function examplesIn(page: string, section: 'Wrong' | 'Right'): Example[] {
  const lines = page.split('\n');
  const examples: Example[] = [];
  let inSection = false;
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index];
    if (line.startsWith('## ')) inSection = line === `## ${section}`;
    const fence = /^```(js|mjs|cjs|ts|tsx|jsx)$/.exec(line);
    if (!inSection || !fence) continue;
    const end = lines.indexOf('```', index + 1);
    examples.push({ code: lines.slice(index + 1, end).join('\n'), filename: `example.${fence[1]}`, line: index + 2 });
    index = end;
  }
  return examples;
}

for (const [name, rule] of Object.entries(rules)) {
  describe(`docs of ${name}`, () => {
    const path = `rules/docs/${name}.md`;
    const page = readFileSync(path, 'utf8');

    it('states the description and level from the rule metadata', () => {
      const docs = rule.meta.docs!;
      assert.ok(page.includes(`# ${docs.description} (\`node-streams/${name}\`)`));
      assert.match(page, new RegExp(`\\*\\*Level:\\*\\* ${docs.level}`, 'i'));
      assert.ok(page.includes(`**Topic:** ${docs.topic}`));
    });

    it('has wrong and right examples', () => {
      assert.ok(examplesIn(page, 'Wrong').length > 0, 'no example under ## Wrong');
      assert.ok(examplesIn(page, 'Right').length > 0, 'no example under ## Right');
    });

    for (const example of examplesIn(page, 'Wrong')) {
      it(`reports the wrong example at ${path}:${example.line}`, () => {
        const problems = lintText(example.code, example.filename);
        assert.ok(
          problems.some((problem) => problem.ruleId === `node-streams/${name}`),
          `expected node-streams/${name}, got ${JSON.stringify(problems.map((p) => p.ruleId ?? p.message))}`,
        );
      });
    }

    for (const example of examplesIn(page, 'Right')) {
      it(`accepts the right example at ${path}:${example.line}`, () => {
        const problems = lintText(example.code, example.filename);
        assert.deepEqual(
          problems.map((problem) => `${problem.line}:${problem.column} ${problem.ruleId ?? problem.message}`),
          [],
        );
      });
    }
  });
}
