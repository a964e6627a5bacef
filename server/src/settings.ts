/**
 * The settings of the language server: one typed definition, imported by the VS Code client too
 * (for `contributes.configuration` and for what it sends). Keep the names stable: editors' user
 * settings refer to them.
 */
import type { Level } from '../../rules/src/create-rule.js';

/** The section editors keep these settings under: `nodeStreams.enable`, `nodeStreams.rules`… */
export const settingsSection = 'nodeStreams';

export type RunMode = 'onType' | 'onSave';
export type TypeAwareMode = 'off' | 'auto' | 'on';
export type ProjectConfigMode = 'auto' | 'never';
export type EmbeddedConfigName = 'recommended' | 'strict' | 'all';
/** A rule's severity in the editor; `default` keeps what the config says. */
export type RuleSeverity = 'default' | 'error' | 'warning' | 'information' | 'hint' | 'off';

export interface NodeStreamsSettings {
  enable: boolean;
  /** Lint as one types, or only when the file is saved. */
  run: RunMode;
  /** Type information through typescript-eslint's project service; `auto`: when a tsconfig/jsconfig covers the file. */
  typeAware: TypeAwareMode;
  /** In a trusted workspace, lint with the project's own ESLint and flat config when it enables node-streams rules. */
  useProjectConfig: ProjectConfigMode;
  /** The embedded config used when the project has none. */
  config: EmbeddedConfigName;
  /** Per-rule severity, by rule name without prefix (`no-unhandled-error`) or with it. */
  rules: Record<string, RuleSeverity>;
  /** Which rule levels are shown. */
  levels: Level[];
  /** Warn in the log when one file takes longer than this to lint. */
  timeBudgetMs: number;
  /** Files larger than this are not linted. */
  maxFileSizeBytes: number;
}

export const allLevels: Level[] = ['novice', 'intermediate', 'advanced', 'expert'];

export const defaultSettings: NodeStreamsSettings = {
  enable: true,
  run: 'onType',
  typeAware: 'auto',
  useProjectConfig: 'auto',
  config: 'recommended',
  rules: {},
  levels: [...allLevels],
  timeBudgetMs: 500,
  maxFileSizeBytes: 2 * 1024 * 1024,
};

/**
 * What the client passes in `initializationOptions`. Workspace trust comes only from here (or the
 * `nodeStreams/workspaceTrust` notification), never from settings, which a workspace can set itself.
 */
export interface InitializationOptions {
  workspaceTrusted?: boolean;
  settings?: Partial<NodeStreamsSettings>;
}

/** Sent by the client when the user trusts (or stops trusting) the workspace. */
export const workspaceTrustNotification = 'nodeStreams/workspaceTrust';
export interface WorkspaceTrustParams {
  trusted: boolean;
}

/** One setting as editors describe it: the data `contributes.configuration` is generated from. */
export interface SettingDescription {
  type: 'boolean' | 'string' | 'number' | 'object' | 'array';
  enum?: readonly string[];
  description: string;
}

const severities: readonly RuleSeverity[] = ['default', 'error', 'warning', 'information', 'hint', 'off'];

export const settingDescriptions: Record<keyof NodeStreamsSettings, SettingDescription> = {
  enable: { type: 'boolean', description: 'Lint JavaScript and TypeScript files for Node.js stream misuse.' },
  run: { type: 'string', enum: ['onType', 'onSave'], description: 'Lint as you type, or when the file is saved.' },
  typeAware: {
    type: 'string',
    enum: ['off', 'auto', 'on'],
    description: 'Use type information. `auto`: when a tsconfig.json or jsconfig.json covers the file.',
  },
  useProjectConfig: {
    type: 'string',
    enum: ['auto', 'never'],
    description: "In a trusted workspace, lint with the project's own ESLint config when it enables node-streams rules.",
  },
  config: {
    type: 'string',
    enum: ['recommended', 'strict', 'all'],
    description: 'The embedded config, used when the project has none of its own.',
  },
  rules: {
    type: 'object',
    enum: severities,
    description: 'Severity per rule, e.g. { "prefer-pipeline": "warning", "no-floating-pipeline": "off" }.',
  },
  levels: { type: 'array', enum: allLevels, description: 'Show only the rules of these levels.' },
  timeBudgetMs: { type: 'number', description: 'Log a warning when linting one file takes longer than this (milliseconds).' },
  maxFileSizeBytes: { type: 'number', description: 'Files larger than this (bytes) are not linted.' },
};

/** Settings from the client, checked field by field: anything missing or malformed keeps its default. */
export function resolveSettings(input: unknown): NodeStreamsSettings {
  const given = (typeof input === 'object' && input !== null ? input : {}) as Record<string, unknown>;
  const pick = <K extends keyof NodeStreamsSettings>(key: K, valid: (value: unknown) => boolean): NodeStreamsSettings[K] =>
    valid(given[key]) ? (given[key] as NodeStreamsSettings[K]) : structuredClone(defaultSettings[key]);
  const oneOf = (values: readonly unknown[]) => (value: unknown) => values.includes(value);
  const number = (value: unknown) => typeof value === 'number' && Number.isFinite(value) && value > 0;
  return {
    enable: pick('enable', (value) => typeof value === 'boolean'),
    run: pick('run', oneOf(['onType', 'onSave'])),
    typeAware: pick('typeAware', oneOf(['off', 'auto', 'on'])),
    useProjectConfig: pick('useProjectConfig', oneOf(['auto', 'never'])),
    config: pick('config', oneOf(['recommended', 'strict', 'all'])),
    rules: pick(
      'rules',
      (value) =>
        typeof value === 'object' && value !== null && Object.values(value).every((severity) => severities.includes(severity)),
    ),
    levels: pick('levels', (value) => Array.isArray(value) && value.every((level) => allLevels.includes(level))),
    timeBudgetMs: pick('timeBudgetMs', number),
    maxFileSizeBytes: pick('maxFileSizeBytes', number),
  };
}

/** The server's command behind "Show documentation for …": its argument is the page's URL. */
export const showDocumentationCommand = 'nodeStreams.server.showDocumentation';

/** Sent by the server when a file is skipped (too large, binary) or slow to lint. */
export const statusNotification = 'nodeStreams/status';
export interface StatusParams {
  uri: string;
  state: 'ok' | 'skipped' | 'slow' | 'error';
  message?: string;
}
