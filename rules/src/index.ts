import type { TSESLint } from '@typescript-eslint/utils';
import { configRules, type ConfigName } from './configs.js';
import { rules } from './rules/index.js';
import { version } from './version.js';

interface NodeStreamsPlugin {
  meta: { name: string; version: string };
  rules: typeof rules;
  configs: Record<ConfigName, TSESLint.FlatConfig.Config>;
}

const plugin: NodeStreamsPlugin = {
  meta: { name: 'eslint-plugin-node-streams', version },
  rules,
  configs: {} as NodeStreamsPlugin['configs'],
};

function flatConfig(name: ConfigName): TSESLint.FlatConfig.Config {
  return {
    name: `node-streams/${name}`,
    plugins: { 'node-streams': plugin as unknown as TSESLint.FlatConfig.Plugin },
    rules: configRules(name),
  };
}

plugin.configs.recommended = flatConfig('recommended');
plugin.configs.strict = flatConfig('strict');
plugin.configs.all = flatConfig('all');

export default plugin;
export { rules };
export type { NodeStreamsDocs } from './create-rule.js';
export type { Level, Topic } from './skill-tree.js';
