/** What the server keeps for one open document, in one object that is dropped whole when it closes. */
import type { Linter } from 'eslint';
import type { Diagnostic } from 'vscode-languageserver/node';
import type { StatusParams } from '../../protocol/src/messages.js';

/** The results of one lint of one version. */
export interface LintResults {
  version: number;
  messages: Linter.LintMessage[];
  diagnostics: Diagnostic[];
  /** Tells pulling clients whether they have these results already: a typed pass at the same version gets a new one. */
  resultId: string;
}

let resultsMade = 0;

export function lintResults(version: number, messages: Linter.LintMessage[], diagnostics: Diagnostic[]): LintResults {
  resultsMade += 1;
  return { version, messages, diagnostics, resultId: `${version}:${resultsMade}` };
}

export interface PendingRun {
  cancel(): void;
}

export class DocumentState {
  /** The latest results kept for the document, or null when it must be linted again. */
  results: LintResults | null = null;
  /** The quick lint running for each version: asking twice for one version waits for the same run. */
  readonly running = new Map<number, Promise<LintResults>>();
  /** The lint scheduled to run, when edits come in a burst or the file is slow. */
  scheduled: PendingRun | null = null;
  /** When the last edit came (performance.now()). */
  lastEdit: number | undefined;
  /** How long the last quick lint took. */
  quickLintMs = 0;
  /** The last status sent, so that the client hears when a skipped file is linted again. */
  status: StatusParams['state'] | undefined;

  /** Opened again with no close between: a new text, maybe at an old version, so no result or run is reused. */
  reopened(): void {
    this.cancelScheduled();
    this.results = null;
    this.running.clear();
  }

  cancelScheduled(): void {
    this.scheduled?.cancel();
    this.scheduled = null;
  }
}
