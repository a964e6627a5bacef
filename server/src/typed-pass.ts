/**
 * The second, type-aware pass. Type information comes after the quick results, which are already
 * shown: typing never waits on the type checker, and the typed results replace the quick ones if
 * the text has not changed meanwhile.
 */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Linting, LintOutcome } from './linting.js';

export interface TypedPassHost {
  /** The open document now, to see whether it changed. */
  openDocument(uri: string): TextDocument | undefined;
  /** Typed results for the document at the version they were asked for. */
  acceptTypedOutcome(document: TextDocument, outcome: LintOutcome): Promise<void>;
  logError(message: string): void;
}

export class TypedPass {
  constructor(
    private readonly linting: Linting,
    private readonly host: TypedPassHost,
  ) {}

  /** Runs after a quick pass on the embedded config that parsed the file, when the settings want types there. */
  followQuickPass(document: TextDocument, quick: LintOutcome): void {
    if (quick.engine !== 'embedded' || quick.messages.some((message) => message.fatal)) return;
    const root = this.linting.typedRootFor(document);
    if (!root) return;
    const uri = document.uri;
    const version = document.version;
    setImmediate(() => {
      const current = this.host.openDocument(uri);
      if (current?.version !== version) return;
      void this.linting
        .lintTypedPass(current, root)
        .then(async (outcome) => {
          if (!outcome || this.host.openDocument(uri)?.version !== version) return;
          await this.host.acceptTypedOutcome(current, outcome);
        })
        .catch((error: unknown) => this.host.logError(`node-streams: typed lint failed: ${String(error)}`));
    });
  }
}
