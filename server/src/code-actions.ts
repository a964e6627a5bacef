import type { Linter, Rule } from 'eslint';
import { CodeActionKind, type CodeAction, type CodeActionParams, type TextEdit } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { isDiagnosticOf, diagnosticSource } from './diagnostics.js';
import { disableForFile, disableForLine } from './disable-comments.js';
import { ruleDocsOf } from './embedded-engine.js';
import type { Refactor } from './refactors.js';
import { showDocumentationCommand } from '../../protocol/src/messages.js';
import { applyFixes, toTextEdits } from './text-edits.js';

/** `source.fixAll.nodeStreams`: what editors run on save. */
export const fixAllKind = `${CodeActionKind.SourceFixAll}.nodeStreams`;

export const codeActionKinds = [CodeActionKind.QuickFix, fixAllKind, CodeActionKind.RefactorRewrite];

function editOf(document: TextDocument, edits: TextEdit[]) {
  return { changes: { [document.uri]: edits } };
}

/** Lints a changed text of the document with the engine that gave its problems. */
export type Relint = (text: string) => Promise<readonly Linter.LintMessage[]>;

/** ESLint's limit on fix passes, which `--fix` and "Fix all" share. */
const maxFixPasses = 10;

/**
 * Every fix of the chosen problems, as `--fix` applies them: one pass of the fixes that do not
 * touch each other, then a lint of the result and another pass, until none is left. Two fixes
 * that add imports at the same place overlap, so one pass is not always enough.
 */
export async function fixAllEdits(
  document: TextDocument,
  messages: readonly Linter.LintMessage[],
  relint: Relint,
  chosen: (message: Linter.LintMessage) => boolean = () => true,
): Promise<TextEdit[]> {
  const original = document.getText();
  let text = original;
  let fixable = messages.filter((message) => message.fix && chosen(message));
  for (let pass = 0; pass < maxFixPasses && fixable.length > 0; pass += 1) {
    const fixed = applyFixes(text, fixable.map((message) => message.fix as Rule.Fix));
    if (fixed === text) break;
    text = fixed;
    fixable = (await relint(text)).filter((message) => message.fix && chosen(message));
  }
  return text === original ? [] : toTextEdits({ range: [0, original.length], text }, document);
}

/** Whether the client asked for this kind (`only` lists kinds and their parents). */
function isWanted(kind: string, only: readonly string[] | undefined): boolean {
  return !only || only.some((wanted) => kind === wanted || kind.startsWith(`${wanted}.`));
}

/** The actions for one problem: its fix, its suggestions, disabling it, its docs, fixing all of its kind. */
async function actionsForProblem(
  document: TextDocument,
  message: Linter.LintMessage,
  all: readonly Linter.LintMessage[],
  relint: Relint,
): Promise<CodeAction[]> {
  const ruleId = message.ruleId!;
  const actions: CodeAction[] = [];
  if (message.fix) {
    actions.push({
      title: `Fix this ${ruleId} problem`,
      kind: CodeActionKind.QuickFix,
      isPreferred: true,
      edit: editOf(document, [...toTextEdits(message.fix as Rule.Fix, document)]),
    });
  }
  for (const suggestion of message.suggestions ?? []) {
    actions.push({
      title: suggestion.desc,
      kind: CodeActionKind.QuickFix,
      edit: editOf(document, [...toTextEdits(suggestion.fix as Rule.Fix, document)]),
    });
  }
  const sameRuleFixable = all.filter((each) => each.ruleId === ruleId && each.fix);
  if (message.fix && sameRuleFixable.length > 1) {
    actions.push({
      title: `Fix all ${ruleId} problems in this file`,
      kind: CodeActionKind.QuickFix,
      edit: editOf(document, await fixAllEdits(document, all, relint, (each) => each.ruleId === ruleId)),
    });
  }
  const lineEdit = disableForLine(document, message.line - 1, ruleId);
  if (lineEdit) {
    actions.push({ title: `Disable ${ruleId} for this line`, kind: CodeActionKind.QuickFix, edit: editOf(document, [lineEdit]) });
  }
  actions.push({
    title: `Disable ${ruleId} for the entire file`,
    kind: CodeActionKind.QuickFix,
    edit: editOf(document, [disableForFile(document, ruleId)]),
  });
  const url = ruleDocsOf(ruleId)?.url;
  if (url) {
    actions.push({
      title: `Show documentation for ${ruleId}`,
      kind: CodeActionKind.QuickFix,
      command: { title: `Show documentation for ${ruleId}`, command: showDocumentationCommand, arguments: [url] },
    });
  }
  return actions;
}

/** Every code action at the request's range, from the file's current lint results and refactors. */
export async function codeActionsFor(
  document: TextDocument,
  params: CodeActionParams,
  messages: readonly Linter.LintMessage[],
  refactors: () => Refactor[],
  relint: Relint,
): Promise<CodeAction[]> {
  const only = params.context.only;
  const actions: CodeAction[] = [];
  if (isWanted(CodeActionKind.QuickFix, only)) {
    for (const diagnostic of params.context.diagnostics) {
      if (diagnostic.source !== diagnosticSource || typeof diagnostic.code !== 'string') continue;
      const message = messages.find((each) => each.ruleId && isDiagnosticOf(diagnostic, each, document));
      if (!message) continue;
      for (const action of await actionsForProblem(document, message, messages, relint)) actions.push({ ...action, diagnostics: [diagnostic] });
    }
  }
  if (only && isWanted(fixAllKind, only)) {
    const edits = await fixAllEdits(document, messages, relint);
    if (edits.length > 0) actions.push({ title: 'Fix all node-streams problems', kind: fixAllKind, edit: editOf(document, edits) });
  }
  if (isWanted(CodeActionKind.RefactorRewrite, only)) {
    for (const refactor of refactors()) {
      actions.push({
        title: refactor.title,
        kind: CodeActionKind.RefactorRewrite,
        edit: editOf(document, [...toTextEdits(refactor.fix as Rule.Fix, document)]),
      });
    }
  }
  return actions;
}
