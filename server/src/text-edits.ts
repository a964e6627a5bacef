import type { Rule } from 'eslint';
import type { TextEdit } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { changedRuns, lineOffsets, linesOf } from './line-diff.js';

type Fix = Rule.Fix;

/** Replaced regions larger than this many lines on either side are not diffed line by line. */
const maxDiffLines = 2000;

/**
 * An ESLint fix as the smallest edits that do the same. ESLint merges the parts of a fix (an
 * import on top, a rewrite below) into one replacement: the unchanged lines between them are
 * found again, so that the editor keeps cursors, folds and undo steps there.
 */
export function toTextEdits(fix: Fix, document: TextDocument): TextEdit[] {
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
  return changedLines(text.slice(start, end), replacement).map((change) => ({
    range: { start: document.positionAt(start + change.start), end: document.positionAt(start + change.end) },
    newText: change.text,
  }));
}

interface Change {
  /** Offsets in the old text. */
  start: number;
  end: number;
  text: string;
}

/** Splits a replacement into the runs of lines that differ. */
function changedLines(before: string, after: string): Change[] {
  const whole = [{ start: 0, end: before.length, text: after }];
  const oldLines = linesOf(before);
  const newLines = linesOf(after);
  if (oldLines.length < 2 || newLines.length < 2 || oldLines.length > maxDiffLines || newLines.length > maxDiffLines) return whole;
  const offsets = lineOffsets(oldLines);
  return changedRuns(oldLines, newLines).map((run) => ({
    start: offsets[run.oldStart],
    end: offsets[run.oldEnd],
    text: newLines.slice(run.newStart, run.newEnd).join(''),
  }));
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

/** The text after one pass of fixes that do not touch each other. */
export function applyFixes(text: string, fixes: readonly Fix[]): string {
  let fixed = text;
  for (const fix of [...nonOverlappingFixes(fixes)].reverse()) {
    fixed = fixed.slice(0, fix.range[0]) + fix.text + fixed.slice(fix.range[1]);
  }
  return fixed;
}
