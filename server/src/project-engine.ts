/**
 * The project's own ESLint and flat config, used only in a trusted workspace: loading a config
 * file runs the workspace's code.
 */
import { ESLint, type Linter } from 'eslint';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { rulePrefix } from './embedded-engine.js';

const configFileNames = ['eslint.config.js', 'eslint.config.mjs', 'eslint.config.cjs', 'eslint.config.ts', 'eslint.config.mts', 'eslint.config.cts'];

/** The nearest flat config file above `filePath`, if any. */
export function findConfigFile(filePath: string): string | null {
  for (let directory = dirname(filePath); ; directory = dirname(directory)) {
    for (const name of configFileNames) {
      const candidate = join(directory, name);
      if (existsSync(candidate)) return candidate;
    }
    if (dirname(directory) === directory) return null;
  }
}

type ESLintClass = typeof ESLint;

/** The project's installed ESLint (9 or later), or ours when it has none. */
function eslintClassFor(projectDirectory: string): ESLintClass {
  try {
    const requireFromProject = createRequire(join(projectDirectory, 'package.json'));
    const project = requireFromProject('eslint') as { ESLint?: ESLintClass };
    const major = Number(project.ESLint?.version.split('.')[0]);
    if (project.ESLint && major >= 9) return project.ESLint;
  } catch {
    // No ESLint in the project: its config is still loaded, by our ESLint.
  }
  return ESLint;
}

function isOn(setting: unknown): boolean {
  const severity = Array.isArray(setting) ? setting[0] : setting;
  return severity !== 0 && severity !== 'off' && severity !== undefined;
}

/** One project: its ESLint, created once, and one more per set of rules that had to be turned off. */
export class ProjectEngine {
  private readonly engines = new Map<string, ESLint>();
  private readonly enabledByFile = new Map<string, Promise<boolean>>();
  private readonly eslintClass: ESLintClass;

  constructor(readonly configFile: string) {
    this.eslintClass = eslintClassFor(dirname(configFile));
  }

  private engine(rulesOff: readonly string[]): ESLint {
    const key = rulesOff.join(',');
    let engine = this.engines.get(key);
    if (!engine) {
      engine = new this.eslintClass({
        cwd: dirname(this.configFile),
        overrideConfigFile: this.configFile,
        ...(rulesOff.length > 0
          ? { overrideConfig: { rules: Object.fromEntries(rulesOff.map((ruleId) => [ruleId, 'off' as const])) } }
          : {}),
      });
      this.engines.set(key, engine);
    }
    return engine;
  }

  /** Whether the project's config turns on any node-streams rule for this file. */
  enablesNodeStreams(filePath: string): Promise<boolean> {
    let enabled = this.enabledByFile.get(filePath);
    if (!enabled) {
      enabled = this.engine([])
        .calculateConfigForFile(filePath)
        .then((config: { rules?: Record<string, unknown> } | undefined) =>
          Object.entries(config?.rules ?? {}).some(([ruleId, setting]) => ruleId.startsWith(rulePrefix) && isOn(setting)),
        );
      this.enabledByFile.set(filePath, enabled);
    }
    return enabled;
  }

  async lintWithProjectConfig(text: string, filePath: string, rulesOff: readonly string[] = []): Promise<Linter.LintMessage[]> {
    const [result] = await this.engine(rulesOff).lintText(text, { filePath, warnIgnored: false });
    return result?.messages ?? [];
  }
}
