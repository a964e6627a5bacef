/**
 * Refactors are ESLint rules run on demand with the selection as their option: they get the same
 * SourceCode, scopes and fixer as the plugin's rules, so its fix helpers are reused as they are.
 */
import { Linter } from 'eslint';
import { parse } from 'node:path';
import type { TSESLint } from '@typescript-eslint/utils';
import { serverEmbeddedConfig } from '../embedded-engine.js';
import { convertPipeChain } from './convert-pipe-chain.js';
import { instrumentPipeline, removePipelineInstrumentation } from './instrument-pipeline.js';
import type { Selection } from './selection.js';

const refactorRules = {
  'convert-pipe-chain': convertPipeChain,
  'instrument-pipeline': instrumentPipeline,
  'remove-instrumentation': removePipelineInstrumentation,
};

const pluginName = 'node-streams-refactor';

/** The level a refactor belongs to, when it is hidden with that level: instrumentation is for experts' profiling. */
const refactorLevels: Record<keyof typeof refactorRules, string | null> = {
  'convert-pipe-chain': null,
  'instrument-pipeline': 'expert',
  'remove-instrumentation': 'expert',
};

export interface Refactor {
  title: string;
  fix: Linter.LintMessage['fix'] & object;
}

/** The embedded parsers without the plugin's rules: only the refactor rules run. */
const parsingConfig: Linter.Config[] = serverEmbeddedConfig('recommended').map(({ rules: _rules, plugins: _plugins, ...block }) => block);

export class Refactors {
  private readonly linter = new Linter({ configType: 'flat', cwd: parse(process.cwd()).root });

  /** The refactors offered at `selection`, each with its edit. */
  find(text: string, filePath: string, selection: Selection, levels: readonly string[]): Refactor[] {
    const names = (Object.keys(refactorRules) as (keyof typeof refactorRules)[]).filter((name) =>
      refactorLevels[name] === null || levels.includes(refactorLevels[name]),
    );
    if (names.length === 0) return [];
    const config: Linter.Config[] = [
      ...parsingConfig,
      {
        plugins: { [pluginName]: { rules: refactorRules as unknown as Record<string, TSESLint.LooseRuleDefinition> } } as Linter.Config['plugins'],
        rules: Object.fromEntries(names.map((name) => [`${pluginName}/${name}`, ['error', selection]])),
      },
    ];
    const messages = this.linter.verify(text, config, { filename: filePath });
    return messages.flatMap((message) => (message.ruleId && message.fix ? [{ title: message.message, fix: message.fix }] : []));
  }
}
