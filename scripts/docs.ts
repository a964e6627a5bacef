// Generates, from the rules' metadata and the skill tree: the rule index (rules/src/rules/index.ts),
// each rule page's header, the README's rule table and its skill-tree coverage table.
// With --check it changes nothing and fails when a generated part is stale.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import type { NodeStreamsDocs } from '../rules/src/create-rule.js';
import { walkthroughSteps } from '../client/src/walkthrough-steps.js';
import { levelNames, levels, topicNames, topics, type Topic } from '../rules/src/skill-tree.js';
import { parseSnippetFile, snippetFileOf } from '../snippets/src/library.js';
import { markdownTable, replaceGeneratedSection } from './generated-sections.js';
import { ruleFileNames, ruleIndexFile, ruleIndexText } from './rule-index.js';

const check = process.argv.includes('--check');
const root = new URL('../', import.meta.url);
const stale: string[] = [];

function update(file: string, after: (before: string) => string): void {
  const url = new URL(file, root);
  const before = existsSync(url) ? readFileSync(url, 'utf8') : '';
  const text = after(before);
  if (before === text) return;
  if (check) stale.push(file);
  else writeFileSync(url, text);
}

// The index first: the rest reads the rules through it.
update(ruleIndexFile, () => ruleIndexText(ruleFileNames(new URL('rules/src/rules/', root))));
const { rules } = (await import('../rules/src/rules/index.js')) as typeof import('../rules/src/rules/index.js');
const { rulesOf } = await import('../rules/src/configs.js');

type RuleName = keyof typeof rules;
const ruleNames = Object.keys(rules) as RuleName[];
// createRule requires the docs of every rule; the type of `meta` leaves them optional.
const docsOf = (name: RuleName) => rules[name].meta.docs as NodeStreamsDocs;

const configEmoji = { recommended: '✅', strict: '🔒' } as const;

function configsOf(name: RuleName): (keyof typeof configEmoji)[] {
  return (['recommended', 'strict'] as const).filter((config) => rulesOf(config).includes(name));
}

function ruleHeader(name: RuleName): string {
  const rule = rules[name];
  const docs = docsOf(name);
  const lines = [`# ${docs.description} (\`node-streams/${name}\`)`, ''];
  const configs = configsOf(name);
  lines.push(`**Level:** ${levelNames[docs.level]} · **Topic:** ${docs.topic}`, '');
  lines.push(
    configs.length > 0
      ? `💼 This rule is enabled in the ${configs.map((config) => `${configEmoji[config]} \`${config}\``).join(' and ')} config${configs.length > 1 ? 's' : ''}.`
      : '💼 This rule is enabled in the `all` config only.',
    '',
  );
  if (docs.strictOptions) {
    const options = docs.strictOptions.map((option) => `\`${JSON.stringify(option)}\``).join(', ');
    lines.push(`⚙️ The 🔒 \`strict\` and \`all\` configs set its [options](#options) to ${options}.`, '');
  }
  if (rule.meta.fixable) lines.push('🔧 Some problems reported by this rule are fixed by `--fix`.', '');
  if (rule.meta.hasSuggestions) lines.push('💡 Some problems reported by this rule come with suggestions, applied by hand in the editor.', '');
  if (docs.requiresTypeChecking) lines.push('💭 This rule needs type information.', '');
  return lines.join('\n').trimEnd();
}

function ruleTable(): string {
  const names = [...ruleNames].sort((a, b) => levels.indexOf(docsOf(a).level) - levels.indexOf(docsOf(b).level) || a.localeCompare(b));
  const rows = names.map((name) => {
    const rule = rules[name];
    const docs = docsOf(name);
    const configs = configsOf(name).map((config) => configEmoji[config]).join(' ');
    const marks = [rule.meta.fixable ? '🔧' : '', rule.meta.hasSuggestions ? '💡' : '', docs.requiresTypeChecking ? '💭' : '']
      .filter(Boolean)
      .join(' ');
    return `| [${name}](rules/docs/${name}.md) | ${docs.description} | ${levelNames[docs.level]} | ${docs.topic} | ${configs} | ${marks} |`;
  });
  return [
    '✅ `recommended` · 🔒 `strict` (and `all` has every rule) · 🔧 fixable with `--fix` · 💡 has suggestions · 💭 needs type information',
    '',
    '| Rule | Description | Level | Topic | Configs | |',
    '| --- | --- | --- | --- | --- | --- |',
    ...rows,
  ].join('\n');
}

/** For each skill of the tree: the rules that check it, the snippets that teach it, the walkthrough step that shows it. */
function coverageTable(): string {
  const snippets = levels.flatMap((level) => {
    const file = `snippets/${snippetFileOf(level)}`;
    return parseSnippetFile(readFileSync(new URL(file, root), 'utf8'), file);
  });
  const list = (items: string[]) => (items.length > 0 ? items.join(', ') : '—');
  const rows = topics.map((topic: Topic) => {
    const topicRules = ruleNames.filter((name) => docsOf(name).topic === topic);
    const topicLevels = levels.filter(
      (level) =>
        topicRules.some((name) => docsOf(name).level === level) || snippets.some((snippet) => snippet.topic === topic && snippet.level === level),
    );
    const steps = walkthroughSteps.filter((step) => (topicRules as string[]).includes(step.rule));
    return [
      topicNames[topic],
      list(topicLevels.map((level) => levelNames[level])),
      list(topicRules.map((name) => `[${name}](rules/docs/${name}.md)`)),
      list(snippets.filter((snippet) => snippet.topic === topic).map((snippet) => `\`${snippet.name}\``)),
      list(steps.map((step) => `${levelNames[step.level]}: ${step.title.replace(/^\w+: /, '')}`)),
    ];
  });
  return markdownTable(['Skill', 'Levels', 'Rules', 'Snippets', 'Walkthrough step'], rows);
}

for (const name of ruleNames) {
  const file = `rules/docs/${name}.md`;
  if (!existsSync(new URL(file, root))) {
    stale.push(`${file} (missing)`);
    continue;
  }
  update(file, (text) => replaceGeneratedSection(text, 'rule header', ruleHeader(name), file));
}
update('README.md', (text) => replaceGeneratedSection(text, 'rules list', ruleTable(), 'README.md'));
update('README.md', (text) => replaceGeneratedSection(text, 'skill-tree coverage', coverageTable(), 'README.md'));

if (stale.length > 0) {
  console.error(`Generated docs are stale; run \`npm run docs\`:\n  ${stale.join('\n  ')}`);
  process.exit(1);
}
