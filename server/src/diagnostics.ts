import type { Linter } from 'eslint';
import { DiagnosticSeverity, type Diagnostic, type Range } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { ruleDocsOf, severitySettingOf } from './embedded-engine.js';
import type { NodeStreamsSettings, RuleSeverity } from '../../protocol/src/settings.js';

export const diagnosticSource = 'node-streams';

/** What each diagnostic carries for the client: the rule's place in the skill tree. */
export interface DiagnosticData {
  level?: string;
  topic?: string;
}

const severityOfSetting: Record<Exclude<RuleSeverity, 'default' | 'off'>, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/** The range ESLint reports (1-based lines and columns), in LSP terms. */
export function rangeOf(message: Linter.LintMessage, document: TextDocument): Range {
  const start = { line: Math.max(message.line - 1, 0), character: Math.max(message.column - 1, 0) };
  if (message.endLine === undefined || message.endColumn === undefined) {
    // A parsing error has one position: underline the rest of the word there.
    const offset = document.offsetAt(start);
    const rest = /^\w*/.exec(document.getText().slice(offset, offset + 200))?.[0].length ?? 0;
    return { start, end: document.positionAt(offset + Math.max(rest, 1)) };
  }
  return { start, end: { line: message.endLine - 1, character: message.endColumn - 1 } };
}

export function toDiagnostic(message: Linter.LintMessage, document: TextDocument, settings: NodeStreamsSettings): Diagnostic {
  const range = rangeOf(message, document);
  if (!message.ruleId) {
    return { range, severity: DiagnosticSeverity.Error, source: diagnosticSource, message: message.message };
  }
  const docs = ruleDocsOf(message.ruleId);
  const setting = severitySettingOf(settings, message.ruleId);
  const severity =
    setting === 'default' || setting === 'off'
      ? message.severity === 2
        ? DiagnosticSeverity.Error
        : DiagnosticSeverity.Warning
      : severityOfSetting[setting];
  const data: DiagnosticData = { level: docs?.level, topic: docs?.topic };
  return {
    range,
    severity,
    source: diagnosticSource,
    code: message.ruleId,
    ...(docs?.url ? { codeDescription: { href: docs.url } } : {}),
    message: message.message,
    data,
  };
}

/** Whether a diagnostic the client sends back is the one made from `message`. */
export function isDiagnosticOf(diagnostic: Diagnostic, message: Linter.LintMessage, document: TextDocument): boolean {
  if (diagnostic.code !== (message.ruleId ?? undefined)) return false;
  const range = rangeOf(message, document);
  return (
    range.start.line === diagnostic.range.start.line &&
    range.start.character === diagnostic.range.start.character &&
    range.end.line === diagnostic.range.end.line &&
    range.end.character === diagnostic.range.end.character
  );
}
