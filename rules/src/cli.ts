import { ESLint, type Linter } from 'eslint';
import { existsSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import type { ConfigName } from './configs.js';
import { javascriptFiles, typescriptFiles } from './embedded-config.js';
import { formatNames, formatResults, type FormatName } from './cli/formats.js';
import { gitignorePatterns } from './cli/gitignore.js';
import { eslintFor, isJavaScriptFile, type LintPlan } from './cli/lint-options.js';
import { version } from './version.js';

export { workerOptions } from './cli/lint-options.js';

const usage = `Usage: node-streams-lint [options] [paths or globs…]

Lints JavaScript and TypeScript files for Node.js stream misuse, with no configuration needed.
Files ignored by .gitignore and by the project's ESLint config are left out.

Options:
  --fix                         apply the fixes that cannot change what the code means
  --format <name>               stylish (default), json, sarif or github (GitHub Actions annotations)
  --config <name>               the embedded config: recommended (default), strict or all
  --use-project-config          lint with the project's own eslint.config.* instead
  --ignore-pattern <glob>       leave out the files that match (may be repeated)
  --quiet                       report errors only
  --max-warnings <n>            exit 1 when there are more warnings than this
  --report-unused-disable-directives
                                warn about eslint-disable comments that disable nothing
  --cache                       only lint the files that changed since the last run
  --cache-location <path>       where the cache lives (default: .node-streams-lint-cache)
  --concurrency <n|auto|off>    lint in worker threads (ESLint 9.34 or later; default: off)
  --exit-zero                   exit 0 even when problems are found (a crash still exits 2)
  -v, --version                 print the version
  -h, --help                    show this help

Exit codes: 0 no problems, 1 problems (or too many warnings), 2 a usage error or a crash.`;

const configNames: readonly ConfigName[] = ['recommended', 'strict', 'all'];

const configFileNames = ['js', 'mjs', 'cjs', 'ts', 'mts', 'cts'].map((extension) => `eslint.config.${extension}`);

/** Where the CLI runs and writes: tests give their own. */
export interface CliEnvironment {
  cwd: string;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Whether stderr is a terminal that can show a progress line. */
  interactive: boolean;
}

function processEnvironment(): CliEnvironment {
  return {
    cwd: process.cwd(),
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    interactive: Boolean(process.stderr.isTTY),
  };
}

async function main(argv: string[], output: CliEnvironment): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      fix: { type: 'boolean', default: false },
      format: { type: 'string', default: 'stylish' },
      config: { type: 'string', default: 'recommended' },
      'use-project-config': { type: 'boolean', default: false },
      'ignore-pattern': { type: 'string', multiple: true, default: [] },
      quiet: { type: 'boolean', default: false },
      'max-warnings': { type: 'string' },
      'report-unused-disable-directives': { type: 'boolean', default: false },
      cache: { type: 'boolean', default: false },
      'cache-location': { type: 'string', default: '.node-streams-lint-cache' },
      concurrency: { type: 'string', default: 'off' },
      'exit-zero': { type: 'boolean', default: false },
      version: { type: 'boolean', short: 'v', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    output.stdout(`${usage}\n`);
    return 0;
  }
  if (values.version) {
    output.stdout(`${version}\n`);
    return 0;
  }
  const format = values.format as FormatName;
  if (!formatNames.includes(format)) throw new UsageError(`unknown format '${values.format}'`);
  const config = values.config as ConfigName;
  if (!configNames.includes(config)) throw new UsageError(`unknown config '${values.config}'`);
  const maxWarnings = values['max-warnings'] === undefined ? -1 : Number(values['max-warnings']);
  if (!Number.isInteger(maxWarnings) || maxWarnings < -1) {
    throw new UsageError(`--max-warnings takes a whole number, not '${values['max-warnings']}'`);
  }

  const cwd = output.cwd;
  const projectConfig = findProjectConfig(cwd);
  const useProjectConfig = values['use-project-config'];
  if (useProjectConfig && !projectConfig) throw new UsageError('--use-project-config: no eslint.config.* in this folder or above');
  if (projectConfig) {
    const shown = relative(cwd, projectConfig) || projectConfig;
    output.stderr(
      useProjectConfig
        ? `node-streams-lint: linting with the project's ESLint config, ${shown}\n`
        : `node-streams-lint: ${shown} found: linting with the embedded ${config} config, not with it (its ignores apply); --use-project-config lints with it instead\n`,
    );
  }
  const plan: LintPlan = {
    cwd,
    config: useProjectConfig ? null : config,
    fix: values.fix,
    ignorePatterns: [...(useProjectConfig ? [] : gitignorePatterns(cwd)), ...values['ignore-pattern']],
    reportUnusedDisableDirectives: values['report-unused-disable-directives'],
    cache: values.cache,
    cacheLocation: values['cache-location'],
    concurrency: concurrencyOf(values.concurrency),
    otherModuleKind: [],
  };
  const patterns = positionals.length > 0 ? positionals : ['.'];

  const progress = new Progress(output);
  const eslint = await eslintFor(plan, ESLint, output.interactive ? () => progress.fileLinted() : undefined);
  let results = await progress.during(() => eslint.lintFiles(patterns));
  if (plan.config !== null) {
    results = await retryAsOtherModuleKind(plan, results);
    if (projectConfig) results = await withoutProjectIgnores(cwd, results, output);
  }
  if (values.fix) await ESLint.outputFixes(results);
  if (plan.config !== null) results = results.map(withoutForeignRuleProblems);
  if (values.quiet) results = ESLint.getErrorResults(results);

  output.stdout(await formatResults(eslint, results, format, cwd));
  const errors = results.reduce((sum, result) => sum + result.errorCount, 0);
  const warnings = results.reduce((sum, result) => sum + result.warningCount, 0);
  const tooManyWarnings = maxWarnings >= 0 && warnings > maxWarnings;
  if (tooManyWarnings) output.stderr(`node-streams-lint: ${warnings} warnings, more than the maximum of ${maxWarnings}\n`);
  return (errors > 0 || tooManyWarnings) && !values['exit-zero'] ? 1 : 0;
}

function concurrencyOf(value: string | undefined): LintPlan['concurrency'] {
  if (value === 'off' || value === 'auto') return value;
  const threads = Number(value);
  if (!Number.isInteger(threads) || threads < 1) throw new UsageError(`--concurrency takes a number, auto or off, not '${value}'`);
  return threads;
}

/** The project's flat config file, looked up from `cwd` towards the root as ESLint does. */
function findProjectConfig(cwd: string): string | null {
  for (let directory = cwd; ; directory = dirname(directory)) {
    const found = configFileNames.map((name) => join(directory, name)).find((path) => existsSync(path));
    if (found) return found;
    if (dirname(directory) === directory) return null;
  }
}

/**
 * Node runs a `.js` file as the nearest package.json says, but much code written as ES modules is
 * compiled to CommonJS, and the other way round: a file that does not parse as its kind is linted
 * as the other before its parse error is reported.
 */
async function retryAsOtherModuleKind(plan: LintPlan, results: ESLint.LintResult[]): Promise<ESLint.LintResult[]> {
  const unparsable = results.filter((result) => result.fatalErrorCount > 0 && isJavaScriptFile(result.filePath));
  if (unparsable.length === 0) return results;
  const filePaths = unparsable.map((result) => result.filePath);
  const eslint = await eslintFor({ ...plan, otherModuleKind: filePaths, concurrency: 'off' }, ESLint);
  const parsed = new Map(
    (await eslint.lintFiles(filePaths)).filter((result) => result.fatalErrorCount === 0).map((result) => [result.filePath, result]),
  );
  return results.map((result) => parsed.get(result.filePath) ?? result);
}

/** The results of the files that the project's own ESLint config does not ignore. */
async function withoutProjectIgnores(cwd: string, results: ESLint.LintResult[], output: CliEnvironment): Promise<ESLint.LintResult[]> {
  // Every file we lint is given a config, so that only the project's ignores can leave one out.
  const project = new ESLint({ cwd, overrideConfig: { files: [...javascriptFiles, ...typescriptFiles] } });
  try {
    const ignored = await Promise.all(results.map((result) => project.isPathIgnored(result.filePath)));
    return results.filter((_, index) => !ignored[index]);
  } catch (error) {
    output.stderr(`node-streams-lint: the project's ESLint config did not load, so its ignores do not apply: ${messageOf(error)}\n`);
    return results;
  }
}

/**
 * In zero-config mode other plugins are not loaded, so the `eslint-disable` comments and inline
 * configs that name their rules are not the user's mistakes: ESLint's "not found" problems go.
 */
function withoutForeignRuleProblems(result: ESLint.LintResult): ESLint.LintResult {
  const messages = result.messages.filter(
    (message) => !(message.ruleId && !message.ruleId.startsWith('node-streams/') && /^Definition for rule '.*' was not found/.test(message.message)),
  );
  if (messages.length === result.messages.length) return result;
  const count = (filter: (message: Linter.LintMessage) => boolean) => messages.filter(filter).length;
  return {
    ...result,
    messages,
    errorCount: count((message) => message.severity === 2),
    fatalErrorCount: count((message) => message.fatal === true),
    warningCount: count((message) => message.severity === 1),
    fixableErrorCount: count((message) => message.severity === 2 && message.fix !== undefined),
    fixableWarningCount: count((message) => message.severity === 1 && message.fix !== undefined),
  };
}

/** On a terminal, a line that says how far a run of more than a second has come. */
class Progress {
  private files = 0;

  constructor(private readonly output: CliEnvironment) {}

  fileLinted(): void {
    this.files++;
  }

  async during<T>(lint: () => Promise<T>): Promise<T> {
    if (!this.output.interactive) return lint();
    const started = Date.now();
    let shown = false;
    const timer = setInterval(() => {
      shown = true;
      const seconds = Math.round((Date.now() - started) / 1000);
      // Worker threads (--concurrency) lint out of sight: only the time is known then.
      const files = this.files > 0 ? `${this.files} files, ` : '';
      this.output.stderr(`\r\x1b[Knode-streams-lint: linting… ${files}${seconds} s`);
    }, 1000);
    try {
      return await lint();
    } finally {
      clearInterval(timer);
      if (shown) this.output.stderr('\r\x1b[K');
    }
  }
}

class UsageError extends Error {}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** ESLint's own "no files" errors, said as a user can act on them. */
function explain(error: unknown): string | null {
  const { messageTemplate, messageData } = error as { messageTemplate?: string; messageData?: { pattern?: string } };
  if (messageTemplate === 'file-not-found') return `no files match '${messageData?.pattern}' (check the path)`;
  if (messageTemplate === 'all-matched-files-ignored') {
    return `every file that '${messageData?.pattern}' matches is ignored (by .gitignore, --ignore-pattern or ESLint's ignores)`;
  }
  return null;
}

/** Runs the CLI and gives its exit code: 2 for a usage error or a crash, with the reason on stderr. */
export async function runCli(argv: string[], environment: CliEnvironment = processEnvironment()): Promise<number> {
  try {
    return await main(argv, environment);
  } catch (error) {
    environment.stderr(`node-streams-lint: ${explain(error) ?? messageOf(error)}\n`);
    if (error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      environment.stderr('Run node-streams-lint --help for the options.\n');
    }
    return 2;
  }
}

export function run(): void {
  void runCli(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
