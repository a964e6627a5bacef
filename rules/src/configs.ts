import type { TSESLint } from '@typescript-eslint/utils';
import type { NodeStreamsDocs } from './create-rule.js';
import { rules } from './rules/index.js';

export type ConfigName = 'recommended' | 'strict' | 'all';

const configRank: Record<ConfigName, number> = { recommended: 0, strict: 1, all: 2 };

/** The rules a config turns on: each config includes the ones before it. */
export function rulesOf(config: ConfigName): string[] {
  return Object.entries(rules)
    .filter(([, rule]) => {
      const docs = rule.meta.docs as NodeStreamsDocs;
      const smallest: ConfigName = docs.recommended ?? 'all';
      return configRank[smallest] <= configRank[config];
    })
    .map(([name]) => name);
}

export function configRules(config: ConfigName): TSESLint.FlatConfig.Rules {
  return Object.fromEntries(rulesOf(config).map((name) => [`node-streams/${name}`, ruleEntry(name, config)]));
}

/**
 * A preference (a `prefer-*` rule: the code works, another way is safer or shorter) is a warning in
 * `recommended` and `strict`, so that it neither fails a build nor reads like a crash. `all` is
 * for audits and the evaluation scripts: every rule with its strict options, each as an error.
 */
function severityOf(name: string, config: ConfigName): TSESLint.FlatConfig.SeverityString {
  return name.startsWith('prefer-') && config !== 'all' ? 'warn' : 'error';
}

/** The severity, with the rule's stricter options in the strict and all configs. */
function ruleEntry(name: string, config: ConfigName): TSESLint.FlatConfig.RuleEntry {
  const docs = rules[name as keyof typeof rules].meta.docs as NodeStreamsDocs;
  const severity = severityOf(name, config);
  return docs.strictOptions && config !== 'recommended' ? [severity, ...docs.strictOptions] : severity;
}
