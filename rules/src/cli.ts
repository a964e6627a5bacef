import { ESLint } from 'eslint';
import { createRequire } from 'node:module';
import { parseArgs } from 'node:util';
import type { ConfigName } from './configs.js';
import { embeddedConfig } from './embedded-config.js';

const usage = `Usage: node-streams-lint [options] [paths…]

Lints JavaScript and TypeScript files for Node.js stream misuse, with no configuration needed.

Options:
  --fix                 apply the fixes that cannot change what the code means
  --format <name>       stylish (default), json or sarif
  --config <name>       recommended (default), strict or all
  --max-warnings <n>    exit 1 when there are more warnings than this
  --exit-zero           exit 0 even when problems are found (a crash still exits 2)
  -h, --help            show this help`;

const requireHere = createRequire(import.meta.url);

export async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      fix: { type: 'boolean', default: false },
      format: { type: 'string', default: 'stylish' },
      config: { type: 'string', default: 'recommended' },
      'max-warnings': { type: 'string' },
      'exit-zero': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    console.log(usage);
    return 0;
  }
  const config = values.config as ConfigName;
  if (!['recommended', 'strict', 'all'].includes(config)) throw new UsageError(`unknown config '${config}'`);
  const eslint = new ESLint({
    overrideConfigFile: true,
    overrideConfig: embeddedConfig(config) as ESLint.Options['overrideConfig'],
    fix: values.fix,
    errorOnUnmatchedPattern: false,
  });
  const patterns = positionals.length > 0 ? positionals : ['.'];
  const results = await eslint.lintFiles(patterns);
  if (values.fix) await ESLint.outputFixes(results);
  process.stdout.write(await format(eslint, results, values.format!));
  const errors = results.reduce((sum, result) => sum + result.errorCount + result.fatalErrorCount, 0);
  const warnings = results.reduce((sum, result) => sum + result.warningCount, 0);
  const maxWarnings = values['max-warnings'] === undefined ? Infinity : Number(values['max-warnings']);
  return (errors > 0 || warnings > maxWarnings) && !values['exit-zero'] ? 1 : 0;
}

async function format(eslint: ESLint, results: ESLint.LintResult[], name: string): Promise<string> {
  if (name === 'sarif') {
    const sarif = requireHere('@microsoft/eslint-formatter-sarif') as (
      results: ESLint.LintResult[],
      data: ESLint.LintResultData,
    ) => string;
    return `${sarif(results, { cwd: process.cwd(), rulesMeta: eslint.getRulesMetaForResults(results) })}\n`;
  }
  if (name !== 'stylish' && name !== 'json') throw new UsageError(`unknown format '${name}'`);
  const formatter = await eslint.loadFormatter(name);
  return formatter.format(results, { cwd: process.cwd(), rulesMeta: eslint.getRulesMetaForResults(results) } as ESLint.LintResultData);
}

class UsageError extends Error {}

export function run(): void {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      const message = error instanceof Error ? error.message : String(error);
      console.error(`node-streams-lint: ${message}`);
      if (error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
        console.error(usage);
      }
      process.exitCode = 2;
    },
  );
}

