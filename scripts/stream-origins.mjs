// How many streams the analysis recognises on the tuning corpus, by where it learnt each one is a
// stream (a core factory, a library model, usage, types, a handler's parameter, …).
//
//   npm run origins                          the table for this tree
//   npm run origins -- --compare <checkout>  a "before" column from another checkout's analysis
//
// A stream is counted once per variable that holds it (a declared name or a parameter) and once per
// expression that makes or reaches one without being stored (`got.stream(url).pipe(out)`). The
// before column counts the sites the other checkout recognises, by the origin this tree gives them
// (its own analysis may not say where it learnt them).
import { relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Linter } from 'eslint';
import { corpusConfigs, ensureCorpus } from './corpus.mjs';
import { readFileSync } from 'node:fs';

const compareIndex = process.argv.indexOf('--compare');
const compareRoot = compareIndex > 0 ? resolve(process.argv[compareIndex + 1]) : null;
const here = resolve(import.meta.dirname, '..');

async function analysisOf(root) {
  return import(pathToFileURL(resolve(root, 'rules/src/analysis/index.ts')).href);
}

/** Every stream site of a corpus file: `line:column` to its origin (or `-` when not told). */
function streamSites(linter, analysis, code, filename, config) {
  const sites = new Map();
  const probeRule = {
    meta: { type: 'problem', schema: [] },
    create(context) {
      analysis.rememberLintContext?.(context);
      const sourceCode = context.sourceCode;
      const ask = (node) =>
        analysis.streamRecognitionOf
          ? analysis.streamRecognitionOf(sourceCode, node)
          : analysis.streamKindOf(sourceCode, node) && { origin: '-' };
      const note = (node) => {
        const recognition = ask(node);
        if (recognition) sites.set(`${node.loc.start.line}:${node.loc.start.column}`, recognition.origin);
      };
      const isStored = (node) => node.parent?.type === 'VariableDeclarator' && node.parent.init === node;
      const noteParameters = (fn) => fn.params.forEach((param) => param.type === 'Identifier' && note(param));
      return {
        'VariableDeclarator > Identifier.id': note,
        FunctionDeclaration: noteParameters,
        FunctionExpression: noteParameters,
        ArrowFunctionExpression: noteParameters,
        'CallExpression, NewExpression, MemberExpression'(node) {
          if (isStored(node) || node.parent?.type === 'CallExpression' && node.parent.callee === node) return;
          note(node);
        },
      };
    },
  };
  linter.verify(code, [...config, { plugins: { origins: { rules: { sites: probeRule } } }, rules: { 'origins/sites': 'error' } }], filename);
  return sites;
}

const corpus = ensureCorpus();
const config = corpusConfigs(corpus);
const linter = new Linter({ cwd: corpus.filesDirectory });
const current = await analysisOf(here);
const before = compareRoot ? await analysisOf(compareRoot) : null;
const counts = new Map();
const count = (origin, column) => {
  const row = counts.get(origin) ?? { after: 0, before: 0 };
  row[column] += 1;
  counts.set(origin, row);
};
for (const file of corpus.files) {
  const filename = resolve(corpus.filesDirectory, file.path);
  const code = readFileSync(filename, 'utf8');
  const after = streamSites(linter, current, code, filename, config);
  for (const origin of after.values()) count(origin, 'after');
  if (!before) continue;
  for (const [site, origin] of streamSites(linter, before, code, filename, config)) {
    count(after.get(site) ?? (origin === '-' ? 'no longer recognised' : origin), 'before');
  }
}

const order = ['factory', 'library', 'handler', 'annotation', 'call sites', 'narrowing', 'usage', 'types'];
const rows = [...counts.entries()].sort(([a], [b]) => (order.indexOf(a) + 1 || 99) - (order.indexOf(b) + 1 || 99));
const total = rows.reduce((sum, [, row]) => ({ after: sum.after + row.after, before: sum.before + row.before }), { after: 0, before: 0 });
console.log(`Streams recognised on the tuning corpus (${corpus.files.length} files), by origin`);
console.log(before ? `| origin | before (${relative(here, compareRoot) || '.'}) | after |` : '| origin | streams |');
console.log(before ? '|---|---:|---:|' : '|---|---:|');
for (const [origin, row] of [...rows, ['total', total]]) {
  console.log(before ? `| ${origin} | ${row.before} | ${row.after} |` : `| ${origin} | ${row.after} |`);
}
