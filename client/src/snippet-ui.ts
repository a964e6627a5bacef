/** The snippets in the editor: completions with their level, and the picker grouped by level. */
import * as vscode from 'vscode';
import type { Snippet } from '../../snippets/src/library.js';
import { settingsSection } from '../../protocol/src/settings.js';
import { snippetLevels } from './client-settings.js';
import { documentSelector } from './language-server.js';
import { levelNames } from 'eslint-plugin-node-streams/skill-tree';
import { completionLabel, completionSortText, snippetPicks } from './snippet-picks.js';
import { insertSnippet, snippetInsertion, warnOfConflicts } from './snippet-insertion.js';

function wantedLevels() {
  return snippetLevels(vscode.workspace.getConfiguration(settingsSection).get('snippets.levels'));
}

export function registerSnippetCompletions(snippets: readonly Snippet[]): vscode.Disposable {
  return vscode.languages.registerCompletionItemProvider(documentSelector, {
    provideCompletionItems(document, position) {
      const levels = wantedLevels();
      const range = document.getWordRangeAtPosition(position, /[\w-]+/) ?? new vscode.Range(position, position);
      return snippets
        .filter((snippet) => levels.includes(snippet.level))
        .map((snippet) => {
          const insertion = snippetInsertion(document, snippet, range.start);
          const item = new vscode.CompletionItem(completionLabel(snippet), vscode.CompletionItemKind.Snippet);
          item.insertText = insertion.body;
          item.range = range;
          item.additionalTextEdits = insertion.importEdit ? [insertion.importEdit] : undefined;
          item.detail = `${levelNames[snippet.level]} · ${snippet.topic}`;
          item.filterText = snippet.prefix;
          item.sortText = completionSortText(snippet);
          item.documentation = new vscode.MarkdownString(`${snippet.description}\n\n`).appendCodeblock(insertion.preview, document.languageId);
          return item;
        });
    },
  });
}

type SnippetPickItem = vscode.QuickPickItem & { snippet?: Snippet };

/** "Node Streams: Insert Snippet…": grouped by level, searchable by name, topic and description. */
export async function pickAndInsertSnippet(snippets: readonly Snippet[], name?: unknown): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  if (!editor) {
    void vscode.window.showInformationMessage('Open a JavaScript or TypeScript file to insert a snippet.');
    return;
  }
  const named = typeof name === 'string' ? snippets.find((snippet) => snippet.name === name) : undefined;
  const chosen = named ?? (await pickSnippet(snippets));
  if (!chosen) return;
  await insertSnippet(editor, chosen);
}

async function pickSnippet(snippets: readonly Snippet[]): Promise<Snippet | undefined> {
  const items: SnippetPickItem[] = snippetPicks(snippets, wantedLevels()).map((entry) =>
    entry.kind === 'separator'
      ? { label: entry.label, kind: vscode.QuickPickItemKind.Separator }
      : { label: entry.label, description: entry.description, detail: entry.detail, snippet: entry.snippet },
  );
  const picked = await vscode.window.showQuickPick(items, {
    title: 'Insert a Node.js streams snippet',
    placeHolder: 'Search by name, topic or description',
    matchOnDescription: true,
    matchOnDetail: true,
  });
  return picked?.snippet;
}

/** Opens a new untitled file with one snippet in it, written right: the walkthrough's last step. */
export async function showSnippet(snippets: readonly Snippet[], name: unknown, language = 'javascript'): Promise<void> {
  const snippet = snippets.find((candidate) => candidate.name === name);
  if (!snippet) {
    void vscode.window.showErrorMessage(`No snippet is named ${String(name)}.`);
    return;
  }
  const document = await vscode.workspace.openTextDocument({ language, content: '' });
  const editor = await vscode.window.showTextDocument(document);
  const insertion = snippetInsertion(document, snippet, new vscode.Position(0, 0));
  await editor.insertSnippet(insertion.body, new vscode.Position(0, 0));
  warnOfConflicts(insertion.conflicts);
}
