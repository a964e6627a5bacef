import type { TSESLint } from '@typescript-eslint/utils';
import { createRequire } from 'node:module';
import { configRules, type ConfigName } from './configs.js';
import { rules } from './rules/index.js';

export const javascriptFiles = ['**/*.js', '**/*.mjs', '**/*.cjs', '**/*.jsx'];
export const typescriptFiles = ['**/*.ts', '**/*.mts', '**/*.cts', '**/*.tsx'];

const requireHere = createRequire(import.meta.url);

/**
 * typescript-eslint's parser, loaded on the first TypeScript file: a session that only lints
 * JavaScript never pays for loading TypeScript.
 */
export const lazyTypeScriptParser = {
  meta: { name: 'lazy-typescript-eslint-parser' },
  parseForESLint(text: string, options?: unknown): unknown {
    const parser = requireHere('@typescript-eslint/parser') as { parseForESLint(code: string, options?: unknown): unknown };
    return parser.parseForESLint(text, options);
  },
} as TSESLint.FlatConfig.Parser;

/**
 * The config used when a project has none of its own: the CLI, the language server and the docs
 * tests all lint with it, so they agree.
 */
export function embeddedConfig(config: ConfigName = 'recommended'): TSESLint.FlatConfig.ConfigArray {
  return [
    {
      name: 'node-streams/embedded/javascript',
      files: javascriptFiles,
      languageOptions: {
        ecmaVersion: 'latest',
        parserOptions: { ecmaFeatures: { jsx: true } },
      },
    },
    {
      name: 'node-streams/embedded/typescript',
      files: typescriptFiles,
      languageOptions: { parser: lazyTypeScriptParser },
    },
    {
      name: `node-streams/embedded/${config}`,
      files: [...javascriptFiles, ...typescriptFiles],
      plugins: { 'node-streams': { rules } as unknown as TSESLint.FlatConfig.Plugin },
      rules: configRules(config),
    },
  ];
}
