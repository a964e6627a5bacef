import * as typescriptParser from '@typescript-eslint/parser';
import { Linter } from 'eslint';
import type * as ts from 'typescript';
import plugin from '../../rules/src/index.js';

/** Every rule of the plugin, as the `all` config turns them on: rules added later are included. */
const allRules = plugin.configs.all as Linter.Config;

// Every file the plugin lints (a pattern of only `**/*` would match none: ESLint wants an extension).
// Comments in the corpus must not turn our rules off.
const linterOptions: Linter.Config = { linterOptions: { noInlineConfig: true, reportUnusedDisableDirectives: 'off' } };

const lintedFiles = ['**/*.js', '**/*.mjs', '**/*.cjs', '**/*.jsx', '**/*.ts', '**/*.tsx', '**/*.mts', '**/*.cts'];

export type JavaScriptSourceType = 'script' | 'module' | 'commonjs';

/** A way to parse and lint: one config array, and the files it is for. */
export interface LintSetup {
  name: string;
  config: Linter.Config[];
}

export function javascriptSetup(sourceType: JavaScriptSourceType): LintSetup {
  return {
    name: `espree (${sourceType})`,
    config: [linterOptions, { files: lintedFiles, languageOptions: { ecmaVersion: 'latest', sourceType } }, allRules],
  };
}

/** typescript-eslint's parser with no type information, as most TypeScript users run it. */
export function typescriptSetup(): LintSetup {
  return {
    name: '@typescript-eslint/parser',
    config: [linterOptions, { files: lintedFiles, languageOptions: { parser: typescriptParser } }, allRules],
  };
}

/** typescript-eslint's parser given a program: the rules see types. */
export function typedSetup(program: ts.Program): LintSetup {
  return {
    name: '@typescript-eslint/parser with a program',
    config: [
      linterOptions,
      { files: lintedFiles, languageOptions: { parser: typescriptParser, parserOptions: { programs: [program] } } },
      allRules,
    ],
  };
}

export function isTypeScriptPath(path: string): boolean {
  return /\.[mc]?tsx?$/.test(path);
}

/** What linting one text gave: the problems, or why it did not parse, or the error a rule threw. */
export type LintOutcome =
  | { kind: 'linted'; messages: Linter.LintMessage[] }
  | { kind: 'unparsable'; message: string }
  | { kind: 'threw'; error: Error };

/** A linter whose base path is the root, so that files anywhere are linted, not ignored. */
export function newLinter(): Linter {
  return new Linter({ configType: 'flat', cwd: '/' });
}

export function lintOnce(linter: Linter, setup: LintSetup, code: string, filename: string): LintOutcome {
  try {
    const messages = linter.verify(code, setup.config, filename);
    const fatal = messages.find((message) => message.fatal);
    if (fatal) return { kind: 'unparsable', message: fatal.message };
    // "No matching configuration", "File ignored": the harness linted nothing, which must not pass.
    const notLinted = messages.find((message) => /^(No matching configuration|File ignored)/.test(message.message));
    if (notLinted) throw new Error(`${filename} was not linted: ${notLinted.message}`);
    return { kind: 'linted', messages: messages.filter((message) => message.ruleId !== null) };
  } catch (error) {
    return { kind: 'threw', error: error as Error };
  }
}

/** The text as ESLint sees it: without a byte order mark, which fix ranges do not count. */
export function withoutBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
