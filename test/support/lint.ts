import { ESLint, Linter } from 'eslint';
import { embeddedConfig } from '../../rules/src/embedded-config.js';
import type { ConfigName } from '../../rules/src/configs.js';

/** Lints one text with the embedded config, as the CLI and the editor do. */
export function lintText(code: string, filename: string, config: ConfigName = 'all'): Linter.LintMessage[] {
  const linter = new Linter({ configType: 'flat' });
  return linter.verify(code, embeddedConfig(config) as Linter.Config[], filename);
}

/** An ESLint engine on the embedded config, for whole folders. */
export function embeddedEngine(config: ConfigName = 'recommended', cwd = process.cwd()): ESLint {
  return new ESLint({
    cwd,
    overrideConfigFile: true,
    overrideConfig: embeddedConfig(config) as ESLint.Options['overrideConfig'],
    errorOnUnmatchedPattern: false,
  });
}

/** `line:column rule` for each problem, the form the reviewed expectation files use. */
export function describeProblems(messages: Linter.LintMessage[]): string[] {
  return messages.map((message) => `${message.line}:${message.column} ${message.ruleId ?? 'fatal: ' + message.message}`);
}
