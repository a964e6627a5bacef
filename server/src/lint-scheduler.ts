/** When a pushed lint runs: on the next turn, or once a burst of edits (or a slow file's typing) pauses. */
import type { DocumentState } from './document-state.js';

/** Edits closer together than this are one burst: only the state after the burst is linted. */
const burstWindowMs = 25;

export class LintScheduler {
  constructor(
    private readonly budgetMs: () => number,
    private readonly run: (uri: string) => void,
  ) {}

  /** Replaces whatever was scheduled for the document: a run for a version that is no longer current is dropped. */
  schedule(uri: string, state: DocumentState, isEdit: boolean): void {
    state.cancelScheduled();
    const now = performance.now();
    const last = state.lastEdit;
    if (isEdit) state.lastEdit = now;
    const run = () => {
      state.scheduled = null;
      this.run(uri);
    };
    // A file that takes longer than its budget is linted once typing pauses for that long.
    const budget = this.budgetMs();
    const slow = state.quickLintMs > budget;
    if (isEdit && slow) {
      const timeout = setTimeout(run, budget);
      state.scheduled = { cancel: () => clearTimeout(timeout) };
    } else if (isEdit && last !== undefined && now - last < burstWindowMs) {
      const timeout = setTimeout(run, burstWindowMs);
      state.scheduled = { cancel: () => clearTimeout(timeout) };
    } else {
      const immediate = setImmediate(run);
      state.scheduled = { cancel: () => clearImmediate(immediate) };
    }
  }
}
