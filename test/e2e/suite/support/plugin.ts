/** The built plugin (rules/dist): the rules' metadata and configs, to derive what the editor must show. */
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { repositoryRoot } from './workspace.js';

interface RuleModule {
  meta: { docs: { url: string; level: string } };
}

export const plugin = createRequire(join(repositoryRoot, 'package.json'))('./rules/dist/index.js') as {
  rules: Record<string, RuleModule>;
  configs: Record<string, { rules?: Record<string, unknown> }>;
};

/** `node-streams/prefer-pipeline` → the rule's metadata. */
export function ruleMeta(ruleId: string): RuleModule['meta'] {
  const rule = plugin.rules[ruleId.replace(/^node-streams\//, '')];
  if (!rule) throw new Error(`the plugin has no rule ${ruleId}`);
  return rule.meta;
}
