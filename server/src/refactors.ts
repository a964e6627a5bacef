/**
 * The plugin's refactor rules, run on demand through a second `Linter` with the selection as
 * their option: the refactors offered at a selection are the fixes they report.
 */
import { Linter } from 'eslint';
import { parse } from 'node:path';
import type { TSESLint } from '@typescript-eslint/utils';
import { refactorRules, type Selection } from 'eslint-plugin-node-streams/refactors';
import { serverEmbeddedConfig } from './embedded-engine.js';

const pluginName = 'node-streams-refactor';

export interface Refactor {
  title: string;
  fix: Linter.LintMessage['fix'] & object;
}

/** The embedded parsers without the plugin's rules: only the refactor rules run. */
const parsingConfig: Linter.Config[] = serverEmbeddedConfig('recommended').map(({ rules: _rules, plugins: _plugins, ...block }) => block);

export class Refactors {
  private readonly linter = new Linter({ configType: 'flat', cwd: parse(process.cwd()).root });

  /** The refactors offered at `selection`, each with its edit; a refactor of a hidden level is not. */
  find(text: string, filePath: string, selection: Selection, levels: readonly string[]): Refactor[] {
    const names = Object.keys(refactorRules).filter((name) => {
      const level = refactorRules[name].meta.docs?.level ?? null;
      return level === null || levels.includes(level);
    });
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
