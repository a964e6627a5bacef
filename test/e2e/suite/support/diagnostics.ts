/** Our diagnostics as the editor has them, and waiting for them without sleeping. */
import * as vscode from 'vscode';

export const diagnosticSource = 'node-streams';

export function ourDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((diagnostic) => diagnostic.source === diagnosticSource);
}

/** The rule id of a diagnostic: VS Code gives a code with a docs link as `{ value, target }`. */
export function ruleOf(diagnostic: vscode.Diagnostic): string {
  const code = diagnostic.code;
  return String(typeof code === 'object' && code !== null ? code.value : code);
}

export function docsLinkOf(diagnostic: vscode.Diagnostic): string | undefined {
  const code = diagnostic.code;
  return typeof code === 'object' && code !== null ? code.target.toString(true) : undefined;
}

/** `line:column rule`, 1-based, as in test/expectations/examples.json. */
export function describeDiagnostic(diagnostic: vscode.Diagnostic): string {
  return `${diagnostic.range.start.line + 1}:${diagnostic.range.start.character + 1} ${ruleOf(diagnostic)}`;
}

export function describeDiagnostics(diagnostics: readonly vscode.Diagnostic[]): string[] {
  return [...diagnostics]
    .sort((a, b) => a.range.start.compareTo(b.range.start) || ruleOf(a).localeCompare(ruleOf(b)))
    .map(describeDiagnostic);
}

/**
 * Resolves with our diagnostics of `uri` once `isDone` holds for them: at once if it already does,
 * else on the diagnostics change that makes it hold. Fails after `timeoutMs` with what was there.
 */
export function waitForDiagnostics(
  uri: vscode.Uri,
  isDone: (diagnostics: vscode.Diagnostic[]) => boolean,
  what: string,
  timeoutMs = 20_000,
): Promise<vscode.Diagnostic[]> {
  return new Promise((resolve, reject) => {
    const check = () => {
      const diagnostics = ourDiagnostics(uri);
      if (!isDone(diagnostics)) return false;
      finish();
      resolve(diagnostics);
      return true;
    };
    const subscription = vscode.languages.onDidChangeDiagnostics((event) => {
      if (event.uris.some((changed) => changed.toString() === uri.toString())) check();
    });
    const timer = setTimeout(() => {
      finish();
      const seen = describeDiagnostics(ourDiagnostics(uri));
      reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what} in ${uri.path}; the diagnostics were: ${JSON.stringify(seen)}`));
    }, timeoutMs);
    const finish = () => {
      clearTimeout(timer);
      subscription.dispose();
    };
    check();
  });
}

/** Waits until the described diagnostics are exactly `expected`. */
export function waitForExactly(uri: vscode.Uri, expected: readonly string[], timeoutMs?: number): Promise<vscode.Diagnostic[]> {
  const wanted = JSON.stringify([...expected].sort());
  return waitForDiagnostics(
    uri,
    (diagnostics) => JSON.stringify(describeDiagnostics(diagnostics).sort()) === wanted,
    `exactly ${JSON.stringify(expected)}`,
    timeoutMs,
  );
}
