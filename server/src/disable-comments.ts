import type { TextEdit } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';

/** `// eslint-disable-next-line a, b -- why`: the rule list ends where the description starts. */
const nextLineComment = /^(\s*)\/\/\s*eslint-disable-next-line(\s+(.*?))?(\s+--\s.*)?\s*$/;
const fileComment = /^\/\*\s*eslint-disable\s+(.*?)(\s+--\s.*?)?\s*\*\/\s*$/;

function lineText(document: TextDocument, line: number): string {
  return document.getText({ start: { line, character: 0 }, end: { line: line + 1, character: 0 } }).replace(/\r?\n$/, '');
}

/**
 * Disables `ruleId` on `line`: appends it to the `eslint-disable-next-line` comment above when
 * there is one, else adds one with the line's indentation. Null when the line is disabled already.
 */
export function disableForLine(document: TextDocument, line: number, ruleId: string): TextEdit | null {
  if (line > 0) {
    const above = lineText(document, line - 1);
    const match = nextLineComment.exec(above);
    if (match) {
      const listed = match[3]?.trim();
      if (!listed) return null;
      if (listed.split(/\s*,\s*/).includes(ruleId)) return null;
      const end = match[1].length + above.slice(match[1].length).indexOf(listed) + listed.length;
      return { range: { start: { line: line - 1, character: end }, end: { line: line - 1, character: end } }, newText: `, ${ruleId}` };
    }
  }
  const indent = /^\s*/.exec(lineText(document, line))?.[0] ?? '';
  const start = { line, character: 0 };
  return { range: { start, end: start }, newText: `${indent}// eslint-disable-next-line ${ruleId}\n` };
}

/** Disables `ruleId` in the whole file, in the `/* eslint-disable … *\/` comment on top (after a shebang). */
export function disableForFile(document: TextDocument, ruleId: string): TextEdit {
  const firstLine = lineText(document, 0).startsWith('#!') ? 1 : 0;
  const top = lineText(document, firstLine);
  const match = fileComment.exec(top);
  if (match) {
    const end = top.indexOf(match[1]) + match[1].length;
    const position = { line: firstLine, character: end };
    return { range: { start: position, end: position }, newText: `, ${ruleId}` };
  }
  const start = { line: firstLine, character: 0 };
  return { range: { start, end: start }, newText: `/* eslint-disable ${ruleId} */\n` };
}
