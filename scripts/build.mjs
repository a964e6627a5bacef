// Bundles the plugin, its CLI, the language server and the VS Code client with esbuild.
import { build } from 'esbuild';
import { copyFile, cp, mkdir, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

// Package scripts (`prepack` in rules/ and server/) run this from their own folder.
process.chdir(fileURLToPath(new URL('..', import.meta.url)));

const watch = process.argv.includes('--watch');
const production = process.argv.includes('--production');

/**
 * What the plugin package loads at run time rather than bundling: its peers. typescript-eslint's
 * utils are bundled, so that a plain JavaScript project installs neither them nor TypeScript.
 */
const pluginExternals = ['eslint', 'eslint/*', 'typescript', '@typescript-eslint/parser'];

/** The CLI takes the rules from the plugin bundle beside it rather than carrying a second copy. */
const rulesFromPluginBundle = {
  name: 'rules-from-plugin-bundle',
  setup(build) {
    build.onResolve({ filter: /\/rules\/index\.js$/ }, (args) =>
      args.importer.endsWith('embedded-config.ts') || args.importer.endsWith('configs.ts') ? { path: './index.js', external: true } : undefined,
    );
  },
};

const common = {
  bundle: true,
  // The sources are ES modules that use import.meta.url; CommonJS bundles take it from __filename.
  define: { 'import.meta.url': '__importMetaUrl' },
  banner: { js: "const __importMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
  platform: 'node',
  target: 'node20',
  sourcemap: !production,
  // The packaged extension loads a smaller server faster (reading and compiling the bundle is most
  // of a cold start); names are kept for readable stack traces.
  minify: production,
  keepNames: true,
  logLevel: 'warning',
};

/**
 * The server and the client take the plugin through its subpath exports, which exist for this
 * repository's own packages only: with this condition they resolve to its sources.
 */
const workspaceConditions = ['node-streams-source', 'module'];

async function buildPlugin() {
  await build({
    ...common,
    entryPoints: ['rules/src/index.ts'],
    outfile: 'rules/dist/index.js',
    format: 'cjs',
    external: pluginExternals,
    // `require('eslint-plugin-node-streams')` gives the plugin itself, as ESLint users expect.
    footer: { js: 'module.exports = module.exports.default; module.exports.default = module.exports;' },
  });
  // One implementation for both module systems: the ESM entry re-exports the CommonJS one.
  await writeFile(
    'rules/dist/index.mjs',
    "import { createRequire } from 'node:module';\nconst plugin = createRequire(import.meta.url)('./index.js');\nexport default plugin;\nexport const { meta, rules, configs } = plugin;\n",
  );
  await build({
    ...common,
    entryPoints: ['rules/src/cli.ts'],
    outfile: 'rules/dist/cli.js',
    format: 'cjs',
    external: pluginExternals,
    plugins: [rulesFromPluginBundle],
  });
  // ESLint's worker threads (--concurrency) load their options from a module.
  await writeFile('rules/dist/lint-options.cjs', "module.exports = require('./cli.js').workerOptions();\n");
  await writePluginTypes();
}

/**
 * The plugin's public types, in terms of ESLint's own, so that `defineConfig` and `// @ts-check`
 * configs accept it without typescript-eslint installed: one file per module system.
 */
async function writePluginTypes() {
  const plugin = createRequire(import.meta.url)('../rules/dist/index.js');
  const union = (names) => names.map((name) => `'${name}'`).join(' | ');
  const ruleNames = union(Object.keys(plugin.rules));
  const configNames = union(Object.keys(plugin.configs));
  const pluginType = (prefix) => `interface NodeStreamsPlugin {
  meta: { name: string; version: string };
  rules: Record<${prefix}RuleName, Rule.RuleModule>;
  configs: Record<${prefix}ConfigName, Linter.Config>;
}`;
  await writeFile(
    'rules/dist/index.d.mts',
    `import type { Linter, Rule } from 'eslint';

export type RuleName = ${ruleNames};
export type ConfigName = ${configNames};

${pluginType('')}

declare const plugin: NodeStreamsPlugin;
export default plugin;
export declare const meta: NodeStreamsPlugin['meta'];
export declare const rules: NodeStreamsPlugin['rules'];
export declare const configs: NodeStreamsPlugin['configs'];
`,
  );
  // \`export =\` allows no other export: the type names live in a namespace of the same name.
  await writeFile(
    'rules/dist/index.d.ts',
    `import type { Linter, Rule } from 'eslint';

declare namespace plugin {
  type RuleName = ${ruleNames};
  type ConfigName = ${configNames};
}

${pluginType('plugin.')}

declare const plugin: NodeStreamsPlugin;
export = plugin;
`,
  );
}

async function buildServer() {
  if (!existsSync('server/src/server.ts')) return;
  await build({
    ...common,
    entryPoints: ['server/src/server.ts'],
    outfile: 'server/out/server.js',
    format: 'cjs',
    conditions: workspaceConditions,
    // TypeScript is loaded only when a TypeScript file is linted, from the extension's own copy;
    // jiti only by ESLint for a project's eslint.config.ts, from the project.
    external: ['typescript', 'jiti', 'jiti/*'],
  });
}

/**
 * The extension ships no node_modules but this: the TypeScript that typescript-eslint's parser and
 * the type-aware worker load, beside the server bundle, where `require('typescript')` finds it.
 */
async function copyTypeScriptForServer() {
  const target = 'server/out/node_modules/typescript';
  await rm(target, { recursive: true, force: true });
  const source = 'node_modules/typescript';
  await cp(source, target, {
    recursive: true,
    filter: (path) => {
      const relative = path.slice(source.length + 1);
      return (
        relative === '' ||
        relative === 'lib' ||
        ['package.json', 'LICENSE.txt', 'lib/typescript.js'].includes(relative) ||
        /^lib\/lib\..*\.d\.ts$/.test(relative)
      );
    },
  });
}

async function buildClient() {
  if (!existsSync('client/src/extension.ts')) return;
  await build({
    ...common,
    entryPoints: ['client/src/extension.ts'],
    outfile: 'client/out/extension.js',
    format: 'cjs',
    conditions: workspaceConditions,
    external: ['vscode'],
  });
  // The stream trace's graph webview: a browser script with cytoscape in it, and its stylesheet.
  await build({
    entryPoints: ['client/webview/trace-graph.ts'],
    outfile: 'client/out/trace-graph.js',
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'es2022',
    minify: production,
    sourcemap: !production,
    logLevel: 'warning',
  });
  await copyFile('client/webview/trace-graph.css', 'client/out/trace-graph.css');
  // The tracer that "Run with Stream Trace" loads into the program (NODE_OPTIONS --require), in one
  // file: it skips its own stack frames by its directory, client/.
  await build({
    entryPoints: ['trace/src/register.cjs'],
    outfile: 'client/out/stream-tracer.cjs',
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    logLevel: 'warning',
  });
}

// Nothing of an older build is left to be packed.
await rm('rules/dist', { recursive: true, force: true });
// The sources are ES modules; the bundles are CommonJS, which every host can load.
for (const directory of ['rules/dist', 'server/out', 'client/out']) {
  await mkdir(directory, { recursive: true });
  await writeFile(`${directory}/package.json`, '{ "type": "commonjs" }\n');
}
await Promise.all([buildPlugin(), buildServer(), buildClient()]);
await copyTypeScriptForServer();
// npm packs a package's own LICENSE file only.
await Promise.all(['rules', 'server'].map((folder) => copyFile('LICENSE', `${folder}/LICENSE`)));
if (watch) console.log('watch mode is not supported; run the build again');
