/** Writes a snippet into a document: the body at the cursor, the imports with the file's own. */
import * as vscode from 'vscode';
import type { Snippet } from '../../snippets/src/library.js';
import { moduleStyleOf } from '../../snippets/src/module-style.js';
import { escapeSnippetText, expandPlaceholders } from '../../snippets/src/placeholders.js';
import { renderSnippet } from '../../snippets/src/render.js';
import { nearestPackageType } from './package-type.js';

export interface SnippetInsertion {
  body: vscode.SnippetString;
  /** The imports, when they go above the cursor: a separate edit. */
  importEdit?: vscode.TextEdit;
  conflicts: string[];
  /** The code as it reads with the placeholders' defaults, imports first. */
  preview: string;
}

export function snippetInsertion(document: vscode.TextDocument, snippet: Snippet, position: vscode.Position): SnippetInsertion {
  const style = moduleStyleOf({
    fileName: document.isUntitled ? document.uri.path : document.fileName,
    languageId: document.languageId,
    text: document.getText(),
    packageType: document.uri.scheme === 'file' ? nearestPackageType(document.fileName) : undefined,
  });
  const rendered = renderSnippet(snippet, style, document.getText());
  const preview = [rendered.imports, expandPlaceholders(rendered.body)].filter(Boolean).join('\n\n');
  if (!rendered.imports) return { body: new vscode.SnippetString(rendered.body), conflicts: rendered.conflicts, preview };
  // Imports above the cursor are their own edit; at or below it they lead the body, so no edit overlaps.
  if (position.line > rendered.importLine) {
    const nextLine = rendered.importLine < document.lineCount ? document.lineAt(rendered.importLine).text : '';
    // Code right after the new imports gets a blank line between; more imports do not.
    const blankLine = nextLine.trim() !== '' && !/^\s*import\b|require\(/.test(nextLine) ? '\n' : '';
    return {
      body: new vscode.SnippetString(rendered.body),
      importEdit: vscode.TextEdit.insert(new vscode.Position(rendered.importLine, 0), `${rendered.imports}\n${blankLine}`),
      conflicts: rendered.conflicts,
      preview,
    };
  }
  return { body: new vscode.SnippetString(`${escapeSnippetText(rendered.imports)}\n\n${rendered.body}`), conflicts: rendered.conflicts, preview };
}

/** Inserts at the editor's cursor, imports included, as one undo step. */
export async function insertSnippet(editor: vscode.TextEditor, snippet: Snippet): Promise<void> {
  const insertion = snippetInsertion(editor.document, snippet, editor.selection.active);
  if (insertion.importEdit) {
    const edit = insertion.importEdit;
    await editor.edit((builder) => builder.insert(edit.range.start, edit.newText), { undoStopBefore: true, undoStopAfter: false });
  }
  await editor.insertSnippet(insertion.body, editor.selection, { undoStopBefore: !insertion.importEdit, undoStopAfter: true });
  warnOfConflicts(insertion.conflicts);
}

export function warnOfConflicts(conflicts: string[]): void {
  if (conflicts.length === 0) return;
  void vscode.window.showWarningMessage(`This file already imports ${conflicts.join(', ')} from another module: rename one of them.`);
}
