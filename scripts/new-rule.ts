// `npm run new-rule <name> [--level novice] [--topic "readable streams"] [--description "…"]`:
// writes a new rule, its test, its docs page and an example file from the templates below, then
// registers it by regenerating the rule index and the docs. The test and the docs examples fail
// until the rule's `create` is written: that is the next step.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { isLevel, isTopic, levels, topics, type Level, type Topic } from '../rules/src/skill-tree.js';
import { ruleFileNames, ruleIndexFile, ruleIndexText } from './rule-index.js';

export interface NewRule {
  name: string;
  level: Level;
  topic: Topic;
  description: string;
}

function ruleSource({ name, level, topic, description }: NewRule): string {
  return `import { createRule } from '../create-rule.js';

type MessageIds = 'problem';

export default createRule<[], MessageIds>({
  name: '${name}',
  meta: {
    type: 'problem',
    docs: {
      description: ${JSON.stringify(description)},
      level: '${level}',
      topic: '${topic}',
      recommended: 'strict',
    },
    messages: {
      problem: 'Say what goes wrong at run time, and what to write instead.',
    },
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    // Ask the shared analysis (../analysis/index.js) what a stream is and where it goes; a question
    // it cannot answer yet belongs there, with a test of its own, not in this file.
    void context;
    return {};
  },
});
`;
}

function testSource({ name }: NewRule): string {
  return `import assert from 'node:assert/strict';
import { it } from 'node:test';
import rule from '../../rules/src/rules/${name}.js';
import { runModule } from '../support/node-run.js';
import { ruleTester } from './rule-tester.js';

// Node is the judge: run the reported shape and see it fail the way the message says.
it('fails under Node the way the rule says', () => {
  const run = runModule(\`
    import { createReadStream } from 'node:fs';
    createReadStream('in.txt');
  \`);
  assert.fail(\`run the reported code under Node and assert how it fails (status \${run.status}, stderr: \${run.stderr.slice(0, 80)})\`);
});

ruleTester.run('${name}', rule, {
  valid: [
    // Real code shapes that are right: from the corpus, with the project they come from.
    \`
      const { pipeline } = require('node:stream/promises');
    \`,
  ],
  invalid: [
    {
      code: \`
        const fs = require('node:fs');
        fs.createReadStream('in.txt');
      \`,
      errors: [{ messageId: 'problem', line: 3 }],
    },
  ],
});
`;
}

function docsPage({ name, description }: NewRule): string {
  return `<!-- begin auto-generated rule header -->
# ${description} (\`node-streams/${name}\`)
<!-- end auto-generated rule header -->

What goes wrong at run time, in which code, and why Node behaves so.

This rule reports … . Not reported: … .

## Wrong

\`\`\`js
const fs = require('node:fs');

fs.createReadStream('in.txt');
\`\`\`

## Right

\`\`\`js
const { pipeline } = require('node:stream/promises');
\`\`\`
`;
}

function exampleSource({ name }: NewRule): string {
  return `// A real-looking program with the bug that node-streams/${name} reports.
const fs = require('node:fs');

fs.createReadStream('in.txt');
`;
}

/** The files of the new rule, relative to the repository root. */
export function newRuleFiles(rule: NewRule): Record<string, string> {
  return {
    [`rules/src/rules/${rule.name}.ts`]: ruleSource(rule),
    [`test/rules/${rule.name}.test.ts`]: testSource(rule),
    [`rules/docs/${rule.name}.md`]: docsPage(rule),
    [`examples/${rule.name}.js`]: exampleSource(rule),
  };
}

/** Writes the new rule's files under `root` and registers it in the rule index; refuses to overwrite. */
export function scaffoldRule(root: URL, rule: NewRule): string[] {
  if (!/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/.test(rule.name)) throw new Error(`'${rule.name}' is not a rule name: lower case words joined by '-'`);
  const files = newRuleFiles(rule);
  const existing = Object.keys(files).filter((file) => existsSync(new URL(file, root)));
  if (existing.length > 0) throw new Error(`not overwriting ${existing.join(', ')}`);
  for (const [file, text] of Object.entries(files)) {
    const url = new URL(file, root);
    mkdirSync(dirname(fileURLToPath(url)), { recursive: true });
    writeFileSync(url, text);
  }
  writeFileSync(new URL(ruleIndexFile, root), ruleIndexText(ruleFileNames(new URL('rules/src/rules/', root))));
  return [...Object.keys(files), ruleIndexFile];
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { level: { type: 'string', default: 'novice' }, topic: { type: 'string', default: 'readable streams' }, description: { type: 'string' } },
  });
  const [name] = positionals;
  if (!name || !isLevel(values.level) || !isTopic(values.topic)) {
    console.error(
      `usage: npm run new-rule <name> -- [--level ${levels.join('|')}] [--topic "${topics.join('" | "')}"] [--description "Require …"]`,
    );
    process.exit(2);
  }
  const description = values.description ?? `Describe what ${name} requires or disallows`;
  const root = new URL('../', import.meta.url);
  try {
    const written = scaffoldRule(root, { name, level: values.level, topic: values.topic, description });
    // The rule page's header and the README tables follow from the new rule's metadata.
    execFileSync(process.execPath, ['--conditions=node-streams-source', '--import', 'tsx', fileURLToPath(new URL('scripts/docs.ts', root))], { cwd: fileURLToPath(root), stdio: 'inherit' });
    console.log(`Wrote ${written.join(', ')}; README and the rule page header regenerated.`);
    console.log(`Next: write create() in rules/src/rules/${name}.ts, the cases in its test, the docs page and the example; then npm test.`);
  } catch (error) {
    console.error((error as Error).message);
    process.exit(1);
  }
}
