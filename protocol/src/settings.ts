/**
 * The editor settings, each written once: name, type, default, allowed values and description.
 * The server validates what it receives with these definitions, the client sends and reads them,
 * and `npm run manifest` writes `contributes.configuration` and the README's table from them.
 * Keep the names stable: users' settings files refer to them.
 */
import type { ConfigName } from 'eslint-plugin-node-streams/configs';
import { levels } from 'eslint-plugin-node-streams/skill-tree';

/** The section editors keep these settings under: `nodeStreams.enable`, `nodeStreams.rules`… */
export const settingsSection = 'nodeStreams';

/** One setting as editors describe it, and how a value sent for it is checked. */
export interface SettingDefinition<Value> {
  type: 'boolean' | 'string' | 'number' | 'object' | 'array';
  default: Value;
  /** The allowed values: of the setting itself, of each item of an array, of each value of an object. */
  values?: readonly string[];
  description: string;
  isValid(value: unknown): boolean;
}

function flag(defaultValue: boolean, description: string): SettingDefinition<boolean> {
  return { type: 'boolean', default: defaultValue, description, isValid: (value) => typeof value === 'boolean' };
}

function positiveNumber(defaultValue: number, description: string): SettingDefinition<number> {
  return {
    type: 'number',
    default: defaultValue,
    description,
    isValid: (value) => typeof value === 'number' && Number.isFinite(value) && value > 0,
  };
}

function oneOf<const Value extends string>(values: readonly Value[], defaultValue: Value, description: string): SettingDefinition<Value> {
  return { type: 'string', default: defaultValue, values, description, isValid: (value) => values.includes(value as Value) };
}

function someOf<const Value extends string>(values: readonly Value[], description: string): SettingDefinition<Value[]> {
  return {
    type: 'array',
    default: [...values],
    values,
    description,
    isValid: (value) => Array.isArray(value) && value.every((item) => values.includes(item as Value)),
  };
}

function oneOfByName<const Value extends string>(values: readonly Value[], description: string): SettingDefinition<Record<string, Value>> {
  return {
    type: 'object',
    default: {},
    values,
    description,
    isValid: (value) =>
      typeof value === 'object' && value !== null && !Array.isArray(value) && Object.values(value).every((item) => values.includes(item)),
  };
}

/** A rule's severity in the editor; `default` keeps what the config says. */
export const ruleSeverities = ['default', 'error', 'warning', 'information', 'hint', 'off'] as const;
export type RuleSeverity = (typeof ruleSeverities)[number];

const embeddedConfigNames = ['recommended', 'strict', 'all'] as const satisfies readonly ConfigName[];

/** The settings the language server reads, in the order editors list them. */
export const serverSettingDefinitions = {
  enable: flag(true, 'Lint JavaScript and TypeScript files for Node.js stream misuse.'),
  run: oneOf(['onType', 'onSave'], 'onType', 'Lint as you type, or when the file is saved.'),
  typeAware: oneOf(['off', 'auto', 'on'], 'auto', 'Use type information. `auto`: when a tsconfig.json or jsconfig.json covers the file.'),
  useProjectConfig: oneOf(
    ['auto', 'never'],
    'auto',
    "In a trusted workspace, lint with the project's own ESLint config when it enables node-streams rules.",
  ),
  config: oneOf(embeddedConfigNames, 'recommended', 'The embedded config, used when the project has none of its own.'),
  rules: oneOfByName(ruleSeverities, 'Severity per rule, e.g. { "prefer-pipeline": "warning", "no-floating-pipeline": "off" }.'),
  levels: someOf(levels, 'Show only the rules of these levels.'),
  timeBudgetMs: positiveNumber(500, 'Log a warning when linting one file takes longer than this (milliseconds).'),
  maxFileSizeBytes: positiveNumber(2 * 1024 * 1024, 'Files larger than this (bytes) are not linted.'),
};

/** The settings only the client reads. */
export const clientSettingDefinitions = {
  'snippets.levels': someOf(levels, 'Offer the snippets of these levels in completions and in "Node Streams: Insert Snippet…".'),
};

type ValuesOf<Definitions> = { -readonly [Key in keyof Definitions]: Definitions[Key] extends SettingDefinition<infer Value> ? Value : never };

export type NodeStreamsSettings = ValuesOf<typeof serverSettingDefinitions>;
export type ClientSettings = ValuesOf<typeof clientSettingDefinitions>;

export type RunMode = NodeStreamsSettings['run'];
export type TypeAwareMode = NodeStreamsSettings['typeAware'];
export type ProjectConfigMode = NodeStreamsSettings['useProjectConfig'];
export type EmbeddedConfigName = NodeStreamsSettings['config'];

/** Settings that could make the server load workspace code: ignored in an untrusted workspace. */
export const restrictedSettings: readonly (keyof NodeStreamsSettings)[] = ['useProjectConfig'];

/** The server's settings from whatever the client sent, checked setting by setting: anything missing or malformed keeps its default. */
export function resolveSettings(input: unknown): NodeStreamsSettings {
  const given = (typeof input === 'object' && input !== null ? input : {}) as Record<string, unknown>;
  const resolved: Record<string, unknown> = {};
  for (const [key, definition] of Object.entries(serverSettingDefinitions)) {
    resolved[key] = definition.isValid(given[key]) ? given[key] : structuredClone(definition.default);
  }
  return resolved as NodeStreamsSettings;
}

export const defaultSettings: NodeStreamsSettings = resolveSettings({});
