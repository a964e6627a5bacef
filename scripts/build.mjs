// Bundles the plugin, its CLI, the language server and the VS Code client with esbuild.
import { build } from 'esbuild';
import { cp, mkdir, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { execFileSync } from 'node:child_process';

const watch = process.argv.includes('--watch');
const production = process.argv.includes('--production');

/** What the plugin package loads at run time rather than bundling: its dependencies and peers. */
const pluginExternals = ['@typescript-eslint/*', 'eslint', 'eslint/*', 'typescript', '@microsoft/eslint-formatter-sarif'];

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
  });
}

async function buildServer() {
  if (!existsSync('server/src/server.ts')) return;
  await build({
    ...common,
    entryPoints: ['server/src/server.ts'],
    outfile: 'server/out/server.js',
    format: 'cjs',
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
    external: ['vscode'],
  });
}

// The sources are ES modules; the bundles are CommonJS, which every host can load.
for (const directory of ['rules/dist', 'server/out', 'client/out']) {
  await mkdir(directory, { recursive: true });
  await writeFile(`${directory}/package.json`, '{ "type": "commonjs" }\n');
}
await Promise.all([buildPlugin(), buildServer(), buildClient()]);
await copyTypeScriptForServer();
// The plugin's type declarations, for users who type-check their eslint.config.ts.
execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'rules/tsconfig.build.json'], { stdio: 'inherit' });
// They describe the ES module entry, as eslint.config.ts files import it.
await writeFile('rules/dist/types/package.json', '{ "type": "module" }\n');
if (watch) console.log('watch mode is not supported; run the build again');
