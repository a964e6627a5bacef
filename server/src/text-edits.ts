import type { Rule } from 'eslint';
import type { TextEdit } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';

type Fix = Rule.Fix;

/** An ESLint fix as the smallest edit that does the same: the unchanged ends are left alone. */
export function toTextEdit(fix: Fix, document: TextDocument): TextEdit {
  const text = document.getText();
  let [start, end] = fix.range;
  let replacement = fix.text;
  while (start < end && replacement.length > 0 && text[start] === replacement[0]) {
    start += 1;
    replacement = replacement.slice(1);
  }
  while (start < end && replacement.length > 0 && text[end - 1] === replacement.at(-1)) {
    end -= 1;
    replacement = replacement.slice(0, -1);
  }
  return { range: { start: document.positionAt(start), end: document.positionAt(end) }, newText: replacement };
}

/** Fixes that do not touch each other, in order, as ESLint applies them in one pass. */
export function nonOverlappingFixes(fixes: readonly Fix[]): Fix[] {
  const sorted = [...fixes].sort((a, b) => a.range[0] - b.range[0] || a.range[1] - b.range[1]);
  const kept: Fix[] = [];
  for (const fix of sorted) {
    const last = kept.at(-1);
    if (!last || last.range[1] < fix.range[0]) kept.push(fix);
  }
  return kept;
}
