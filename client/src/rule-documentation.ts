/** "Show Rule Documentation": the rule under the cursor, or one of the file's rules, or the rule list. */
import * as vscode from 'vscode';
import { ruleDocsUrl, ruleListUrl } from 'eslint-plugin-node-streams/repository';

interface RulePage {
  rule: string;
  url: vscode.Uri;
}

function pageOf(diagnostic: vscode.Diagnostic): RulePage | undefined {
  if (diagnostic.source !== 'node-streams' || typeof diagnostic.code !== 'object') return undefined;
  return { rule: String(diagnostic.code.value), url: diagnostic.code.target };
}

export async function showRuleDocumentation(rule?: unknown): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  const pages = editor ? vscode.languages.getDiagnostics(editor.document.uri).flatMap((diagnostic) => {
    const page = pageOf(diagnostic);
    return page ? [{ page, range: diagnostic.range }] : [];
  }) : [];
  const wanted = typeof rule === 'string' ? rule.replace(/^node-streams\//, '') : undefined;
  const named = wanted ? pages.find(({ page }) => page.rule.replace(/^node-streams\//, '') === wanted)?.page : undefined;
  if (wanted && !named) {
    await vscode.env.openExternal(vscode.Uri.parse(ruleDocsUrl(wanted)));
    return;
  }
  const atCursor = editor ? pages.find(({ range }) => range.contains(editor.selection.active))?.page : undefined;
  const unique = [...new Map(pages.map(({ page }) => [page.rule, page])).values()];
  const chosen = named ?? atCursor ?? (unique.length === 1 ? unique[0] : await pickRule(unique));
  if (chosen) await vscode.env.openExternal(chosen.url);
}

async function pickRule(pages: RulePage[]): Promise<RulePage | undefined> {
  const all = { rule: 'All rules', url: vscode.Uri.parse(ruleListUrl) };
  const picked = await vscode.window.showQuickPick(
    [...pages, all].map((page) => ({ label: page.rule, description: page === all ? 'the list of every rule' : 'reported in this file', page })),
    { title: 'Show the documentation of a node-streams rule' },
  );
  return picked?.page;
}
