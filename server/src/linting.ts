/** Chooses the engine for a document (project config, embedded, typed) and runs it safely. */
import type { Linter } from 'eslint';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { fileSystemRoot, isOnDisk, lintPathOf, typeScriptProjectOf } from './document-paths.js';
import { EmbeddedEngine, isRuleShown, rulePrefix } from './embedded-engine.js';
import { findConfigFile, ProjectEngine } from './project-engine.js';
import { lintIsolatingRules } from './rule-isolation.js';
import type { NodeStreamsSettings } from '../../protocol/src/settings.js';
import { TypedLinter } from './typed-worker.js';

export type EngineKind = 'embedded' | 'project' | 'typed';

export interface LintOutcome {
  messages: Linter.LintMessage[];
  engine: EngineKind;
  durationMs: number;
}

export interface LintLog {
  warn(message: string): void;
  error(message: string): void;
}

export class Linting {
  private embedded: EmbeddedEngine;
  private readonly typedLinter = new TypedLinter();
  private readonly projects = new Map<string, ProjectEngine | null>();
  private readonly loggedFailures = new Set<string>();

  constructor(
    private settings: NodeStreamsSettings,
    private trusted: boolean,
    private readonly log: LintLog,
  ) {
    this.embedded = new EmbeddedEngine(settings, { cwd: fileSystemRoot });
  }

  /** New settings or trust: every engine is built again, once. */
  configure(settings: NodeStreamsSettings, trusted: boolean): void {
    this.settings = settings;
    this.trusted = trusted;
    this.embedded = new EmbeddedEngine(settings, { cwd: fileSystemRoot });
    this.projects.clear();
  }

  /** Config files changed on disk: the projects are looked up again. */
  forgetProjects(): void {
    this.projects.clear();
  }

  /** The project to lint with, only in a trusted workspace whose config turns on our rules. */
  private async projectFor(filePath: string): Promise<ProjectEngine | null> {
    if (!this.trusted || this.settings.useProjectConfig === 'never') return null;
    const configFile = findConfigFile(filePath);
    if (!configFile) return null;
    if (!this.projects.has(configFile)) this.projects.set(configFile, new ProjectEngine(configFile));
    const project = this.projects.get(configFile)!;
    try {
      return project && (await project.enablesNodeStreams(filePath)) ? project : null;
    } catch (error) {
      this.log.error(`node-streams: could not load ${configFile}, using the embedded config: ${String(error)}`);
      this.projects.set(configFile, null);
      return null;
    }
  }

  /** The quick results: the project's config, or the embedded one without type information. */
  async lintQuickPass(document: TextDocument): Promise<LintOutcome> {
    const filePath = lintPathOf(document);
    const text = document.getText();
    const project = isOnDisk(document) ? await this.projectFor(filePath) : null;
    if (project) return this.run('project', filePath, (rulesOff) => project.lintWithProjectConfig(text, filePath, rulesOff));
    return this.run('embedded', filePath, (rulesOff) => this.embedded.lintWithEmbeddedConfig(text, filePath, rulesOff));
  }

  /** The folder whose tsconfig/jsconfig gives this document types, when the settings want types. */
  typedRootFor(document: TextDocument): string | null {
    if (this.settings.typeAware === 'off' || !isOnDisk(document)) return null;
    return typeScriptProjectOf(lintPathOf(document)) ?? (this.settings.typeAware === 'on' ? fileSystemRoot : null);
  }

  /**
   * The typed results, or null when type information is not to be had for this file. Called only
   * after a quick pass on the embedded config that found no syntax error; runs in a worker.
   */
  async lintTypedPass(document: TextDocument, root: string): Promise<LintOutcome | null> {
    const filePath = lintPathOf(document);
    const started = performance.now();
    const response = await this.typedLinter.lintInWorker({ text: document.getText(), filePath, root, settings: this.settings });
    if (response.stale) return null;
    for (const failure of response.failures ?? []) {
      this.logOnce(`${failure.ruleId}\0${filePath}`, `node-streams: rule ${failure.ruleId} failed on ${filePath} and was skipped there: ${failure.message}`);
    }
    const fatal = response.messages?.find((message) => message.fatal);
    if (!response.messages || fatal) {
      // The syntax is fine (the quick pass said so): the project service does not cover the file.
      this.logOnce(`typed\0${filePath}`, `node-streams: no type information for ${filePath}: ${fatal?.message ?? response.error}`);
      return null;
    }
    return { messages: this.shown(response.messages), engine: 'typed', durationMs: performance.now() - started };
  }

  stop(): Promise<void> {
    return this.typedLinter.stop();
  }

  private async run(
    engine: EngineKind,
    filePath: string,
    lint: (rulesOff: readonly string[]) => Linter.LintMessage[] | Promise<Linter.LintMessage[]>,
  ): Promise<LintOutcome> {
    const started = performance.now();
    let messages: Linter.LintMessage[];
    try {
      const { result, failures } = await lintIsolatingRules(lint);
      for (const failure of failures) {
        this.logOnce(
          `${failure.ruleId}\0${filePath}`,
          `node-streams: rule ${failure.ruleId} failed on ${filePath} and was skipped there: ${failure.error.stack ?? failure.error.message}`,
        );
      }
      messages = result;
    } catch (error) {
      // Not a rule's failure (a parser crash): one problem at the top instead of a broken server.
      this.log.error(`node-streams: linting ${filePath} failed: ${(error as Error).stack ?? String(error)}`);
      messages = [{ ruleId: null, fatal: true, severity: 2, message: `node-streams could not lint this file: ${(error as Error).message}`, line: 1, column: 1 }];
    }
    return { messages: this.shown(messages), engine, durationMs: performance.now() - started };
  }

  /** Our rules' problems the settings show; a parsing error alone when there is one. */
  private shown(messages: Linter.LintMessage[]): Linter.LintMessage[] {
    const fatal = messages.filter((message) => message.fatal);
    if (fatal.length > 0) return fatal.slice(0, 1);
    return messages.filter((message) => message.ruleId?.startsWith(rulePrefix) && isRuleShown(this.settings, message.ruleId));
  }

  private logOnce(key: string, message: string): void {
    if (this.loggedFailures.has(key)) return;
    this.loggedFailures.add(key);
    this.log.warn(message);
  }
}
