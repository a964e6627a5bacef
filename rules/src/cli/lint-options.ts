import type { ESLint, Linter } from 'eslint';
import { extname } from 'node:path';
import type { ConfigName } from '../configs.js';
import { embeddedConfig } from '../embedded-config.js';
import { moduleKindOf, type ModuleKind } from './module-kind.js';

/**
 * Everything that decides how the CLI lints, as plain data: ESLint's worker threads (`--concurrency`)
 * rebuild the same options from it, since functions and plugins cannot be sent to them.
 */
export interface LintPlan {
  cwd: string;
  /** The embedded config, or null to lint with the project's own ESLint config. */
  config: ConfigName | null;
  fix: boolean;
  ignorePatterns: string[];
  reportUnusedDisableDirectives: boolean;
  cache: boolean;
  cacheLocation: string;
  concurrency: 'off' | 'auto' | number;
  /** Files that failed to parse as the module kind Node gives them: lint them as the other. */
  otherModuleKind: string[];
}

const planVariable = 'NODE_STREAMS_LINT_PLAN';

const javascriptExtensions = new Set(['.js', '.jsx', '.mjs', '.cjs']);

export function isJavaScriptFile(filePath: string): boolean {
  return javascriptExtensions.has(extname(filePath));
}

/** What ESLint calls each module kind. */
const sourceTypes: Record<ModuleKind, Linter.SourceType> = { module: 'module', commonjs: 'commonjs' };

function moduleKindConfig(otherModuleKind: readonly string[]): Linter.Config[] {
  const retried = new Set(otherModuleKind);
  const kindOf = (filePath: string): ModuleKind => {
    const kind = moduleKindOf(filePath);
    if (!retried.has(filePath)) return kind;
    return kind === 'module' ? 'commonjs' : 'module';
  };
  return (['module', 'commonjs'] as const).map((kind) => ({
    name: `node-streams-lint/${kind}`,
    files: [(filePath: string) => isJavaScriptFile(filePath) && kindOf(filePath) === kind],
    languageOptions: { sourceType: sourceTypes[kind] },
  })) as unknown as Linter.Config[];
}

/** The options of the ESLint instance that carries out `plan`, in this thread. */
export function eslintOptions(plan: LintPlan): ESLint.Options {
  const shared: ESLint.Options = {
    cwd: plan.cwd,
    fix: plan.fix,
    ignorePatterns: plan.ignorePatterns,
    cache: plan.cache,
    cacheLocation: plan.cacheLocation,
    ...(plan.concurrency === 'off' ? {} : { concurrency: plan.concurrency }),
  };
  if (plan.config === null) return shared;
  return {
    ...shared,
    overrideConfigFile: true,
    overrideConfig: [
      ...(embeddedConfig(plan.config) as Linter.Config[]),
      ...moduleKindConfig(plan.otherModuleKind),
      {
        name: 'node-streams-lint/directives',
        linterOptions: { reportUnusedDisableDirectives: plan.reportUnusedDisableDirectives ? 'warn' : 'off' },
      },
    ],
  };
}

/** A rule that reports nothing: it counts the files linted, for the progress line. */
function progressConfig(onFile: () => void): Linter.Config {
  const progress = { meta: { type: 'suggestion' as const, schema: [] }, create: () => (onFile(), {}) };
  return {
    name: 'node-streams-lint/progress',
    plugins: { 'node-streams-lint': { rules: { progress } } },
    rules: { 'node-streams-lint/progress': 'warn' },
  };
}

/**
 * An ESLint for `plan`; with concurrency, built from the options module that worker threads load
 * too. `onFile` hears of each file linted in this thread.
 */
export async function eslintFor(plan: LintPlan, eslintClass: typeof ESLint, onFile?: () => void): Promise<ESLint> {
  if (plan.concurrency === 'off') {
    const options = eslintOptions(plan);
    if (!onFile) return new eslintClass(options);
    const override = options.overrideConfig;
    return new eslintClass({ ...options, overrideConfig: [...(Array.isArray(override) ? override : override ? [override] : []), progressConfig(onFile)] });
  }
  if (typeof eslintClass.fromOptionsModule !== 'function') {
    throw new Error('--concurrency needs ESLint 9.34 or later');
  }
  process.env[planVariable] = JSON.stringify(plan);
  return eslintClass.fromOptionsModule(new URL('./lint-options.cjs', import.meta.url));
}

/** The options module's value: the plan the main thread left in the environment. */
export function workerOptions(): ESLint.Options {
  const plan = process.env[planVariable];
  if (!plan) throw new Error(`${planVariable} is not set`);
  return eslintOptions(JSON.parse(plan) as LintPlan);
}
