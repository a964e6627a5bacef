import { Linter } from 'eslint';
import { createRequire } from 'node:module';
import type { NodeStreamsDocs } from 'eslint-plugin-node-streams/create-rule';
import {
  embeddedConfig,
  javascriptFiles,
  lazyTypeScriptParser,
  typescriptFiles,
} from 'eslint-plugin-node-streams/embedded-config';
import { rules } from 'eslint-plugin-node-streams/rules';
import type { EmbeddedConfigName, NodeStreamsSettings } from '../../protocol/src/settings.js';

export const rulePrefix = 'node-streams/';

/** The rule's metadata docs, by full id (`node-streams/no-unhandled-error`). */
export function ruleDocsOf(ruleId: string | null | undefined): (NodeStreamsDocs & { url?: string }) | null {
  if (!ruleId?.startsWith(rulePrefix)) return null;
  const rule = (rules as Record<string, { meta: { docs?: unknown } }>)[ruleId.slice(rulePrefix.length)];
  return (rule?.meta.docs as NodeStreamsDocs & { url?: string }) ?? null;
}

/** The user's severity for a rule, whether they wrote its name with the prefix or without. */
export function severitySettingOf(settings: NodeStreamsSettings, ruleId: string) {
  return settings.rules[ruleId] ?? settings.rules[ruleId.slice(rulePrefix.length)] ?? 'default';
}

/** Whether the settings show a rule at all: its level is shown and it is not turned off. */
export function isRuleShown(settings: NodeStreamsSettings, ruleId: string): boolean {
  const docs = ruleDocsOf(ruleId);
  if (docs && !settings.levels.includes(docs.level)) return false;
  return severitySettingOf(settings, ruleId) !== 'off';
}

/** The rules the settings turn on or off on top of the embedded config. */
function ruleOverrides(settings: NodeStreamsSettings): Linter.RulesRecord {
  const configured = new Set(Object.keys(embeddedRules(settings)));
  const overrides: Linter.RulesRecord = {};
  for (const name of Object.keys(rules)) {
    const ruleId = `${rulePrefix}${name}`;
    const severity = severitySettingOf(settings, ruleId);
    if (!isRuleShown(settings, ruleId)) overrides[ruleId] = 'off';
    else if (severity !== 'default' && !configured.has(ruleId)) overrides[ruleId] = 'error';
  }
  return overrides;
}

function embeddedRules(settings: NodeStreamsSettings): Linter.RulesRecord {
  return Object.assign({}, ...serverEmbeddedConfig(settings.config).map((block) => block.rules ?? {})) as Linter.RulesRecord;
}

type Parser = { parseForESLint(code: string, options?: unknown): unknown };

/**
 * typescript-eslint's parser, bundled into the server (the extension ships no node_modules but
 * TypeScript) yet evaluated only on the first TypeScript file: esbuild turns this `require` into
 * a lazy call into the bundle.
 */
const bundledTypeScriptParser = {
  meta: { name: 'bundled-typescript-eslint-parser' },
  parseForESLint(text: string, options?: unknown): unknown {
    const parser = (
      typeof require === 'function' ? require('@typescript-eslint/parser') : createRequire(import.meta.url)('@typescript-eslint/parser')
    ) as Parser;
    return parser.parseForESLint(text, options);
  },
} as Linter.Parser;

/** The plugin's embedded config, with the TypeScript parser that the server bundle carries. */
export function serverEmbeddedConfig(name: EmbeddedConfigName): Linter.Config[] {
  return (embeddedConfig(name) as Linter.Config[]).map((block) =>
    block.languageOptions?.parser === lazyTypeScriptParser
      ? { ...block, languageOptions: { ...block.languageOptions, parser: bundledTypeScriptParser } }
      : block,
  );
}

/** Type information for every file, JavaScript included, from the tsconfig/jsconfig that covers it. */
function typedLanguageOptions(tsconfigRootDir: string): Linter.Config {
  return {
    name: 'node-streams/server/type-aware',
    files: [...javascriptFiles, ...typescriptFiles],
    languageOptions: {
      parser: bundledTypeScriptParser,
      parserOptions: { projectService: true, tsconfigRootDir },
    },
  };
}

/**
 * ESLint's `Linter` on the embedded config and the user's rule settings. Built once per settings
 * change: linting a file is then one `verify` call.
 */
export class EmbeddedEngine {
  private readonly linter: Linter;
  private readonly config: Linter.Config[];

  constructor(settings: NodeStreamsSettings, options: { cwd: string; typedRoot?: string }) {
    this.linter = new Linter({ configType: 'flat', cwd: options.cwd });
    this.config = [
      ...serverEmbeddedConfig(settings.config),
      ...(options.typedRoot ? [typedLanguageOptions(options.typedRoot)] : []),
      { name: 'node-streams/server/settings', rules: ruleOverrides(settings) },
    ];
  }

  lintWithEmbeddedConfig(text: string, filePath: string, rulesOff: readonly string[] = []): Linter.LintMessage[] {
    const config =
      rulesOff.length === 0
        ? this.config
        : [...this.config, { rules: Object.fromEntries(rulesOff.map((ruleId) => [ruleId, 'off' as const])) }];
    return this.linter.verify(text, config, { filename: filePath });
  }
}
