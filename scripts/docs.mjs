// Generates the README's rule table and each rule page's header from the rules' metadata.
// With --check it changes nothing and fails when a generated part is stale.
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';

const check = process.argv.includes('--check');
const plugin = createRequire(import.meta.url)('../rules/dist/index.js');

const configEmoji = { recommended: '✅', strict: '🔒' };
const levels = ['novice', 'intermediate', 'advanced', 'expert'];
const stale = [];

function configsOf(name) {
  return Object.entries(plugin.configs)
    .filter(([config]) => config !== 'all' && plugin.configs[config].rules[`node-streams/${name}`])
    .map(([config]) => config);
}

function capitalise(text) {
  return text[0].toUpperCase() + text.slice(1);
}

function ruleHeader(name, rule) {
  const { docs } = rule.meta;
  const lines = [`# ${docs.description} (\`node-streams/${name}\`)`, ''];
  const configs = configsOf(name);
  lines.push(`**Level:** ${capitalise(docs.level)} · **Topic:** ${docs.topic}`, '');
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

function replaceBetween(text, marker, content, file) {
  const begin = `<!-- begin auto-generated ${marker} -->`;
  const end = `<!-- end auto-generated ${marker} -->`;
  const start = text.indexOf(begin);
  const stop = text.indexOf(end);
  if (start < 0 || stop < start) throw new Error(`${file} has no '${begin}' … '${end}' markers`);
  return `${text.slice(0, start + begin.length)}\n${content}\n${text.slice(stop)}`;
}

function update(file, marker, content) {
  const before = readFileSync(file, 'utf8');
  const after = replaceBetween(before, marker, content, file);
  if (before === after) return;
  if (check) stale.push(file);
  else writeFileSync(file, after);
}

function ruleTable() {
  const names = Object.keys(plugin.rules).sort(
    (a, b) =>
      levels.indexOf(plugin.rules[a].meta.docs.level) - levels.indexOf(plugin.rules[b].meta.docs.level) ||
      a.localeCompare(b),
  );
  const rows = names.map((name) => {
    const rule = plugin.rules[name];
    const { docs } = rule.meta;
    const configs = configsOf(name).map((config) => configEmoji[config]).join(' ');
    const marks = [rule.meta.fixable ? '🔧' : '', rule.meta.hasSuggestions ? '💡' : '', docs.requiresTypeChecking ? '💭' : '']
      .filter(Boolean)
      .join(' ');
    return `| [${name}](rules/docs/${name}.md) | ${docs.description} | ${capitalise(docs.level)} | ${docs.topic} | ${configs} | ${marks} |`;
  });
  return [
    '✅ `recommended` · 🔒 `strict` (and `all` has every rule) · 🔧 fixable with `--fix` · 💡 has suggestions · 💭 needs type information',
    '',
    '| Rule | Description | Level | Topic | Configs | |',
    '| --- | --- | --- | --- | --- | --- |',
    ...rows,
  ].join('\n');
}

for (const [name, rule] of Object.entries(plugin.rules)) {
  const file = `rules/docs/${name}.md`;
  if (!existsSync(file)) {
    stale.push(`${file} (missing)`);
    continue;
  }
  update(file, 'rule header', ruleHeader(name, rule));
}
update('README.md', 'rules list', ruleTable());

if (stale.length > 0) {
  console.error(`Generated docs are stale; run \`npm run docs\`:\n  ${stale.join('\n  ')}`);
  process.exit(1);
}
