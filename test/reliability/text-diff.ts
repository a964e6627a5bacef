import { changedRuns, commonLines, lineOffsets, linesOf } from '../../server/src/line-diff.js';

/** A stretch of text that differs between two versions: [oldStart, oldEnd) became [newStart, newEnd). */
export interface Hunk {
  oldStart: number;
  oldEnd: number;
  newStart: number;
  newEnd: number;
}

export interface Edit {
  range: readonly [number, number];
  text: string;
}

export function applyEdit(text: string, edit: Edit): string {
  return text.slice(0, edit.range[0]) + edit.text + text.slice(edit.range[1]);
}

/** Shrinks a hunk to the characters that really differ. */
function tighten(before: string, after: string, hunk: Hunk): Hunk | null {
  let { oldStart, oldEnd, newStart, newEnd } = hunk;
  while (oldStart < oldEnd && newStart < newEnd && before[oldStart] === after[newStart]) {
    oldStart++;
    newStart++;
  }
  while (oldEnd > oldStart && newEnd > newStart && before[oldEnd - 1] === after[newEnd - 1]) {
    oldEnd--;
    newEnd--;
  }
  return oldStart === oldEnd && newStart === newEnd ? null : { oldStart, oldEnd, newStart, newEnd };
}

/** The hunks that turn `before` into `after`, found line by line, then narrowed to characters. */
export function hunksBetween(before: string, after: string): Hunk[] {
  const oldLines = linesOf(before);
  const newLines = linesOf(after);
  let prefix = 0;
  while (prefix < oldLines.length && prefix < newLines.length && oldLines[prefix] === newLines[prefix]) prefix++;
  let suffix = 0;
  while (
    suffix < oldLines.length - prefix &&
    suffix < newLines.length - prefix &&
    oldLines[oldLines.length - 1 - suffix] === newLines[newLines.length - 1 - suffix]
  ) {
    suffix++;
  }
  const oldMiddle = oldLines.slice(prefix, oldLines.length - suffix);
  const newMiddle = newLines.slice(prefix, newLines.length - suffix);
  // Past a few thousand lines on each side the middle is one hunk: precise enough, and fast.
  const pairs = oldMiddle.length * newMiddle.length <= 4_000_000 ? commonLines(oldMiddle, newMiddle) : [];
  const oldOffsets = lineOffsets(oldLines);
  const newOffsets = lineOffsets(newLines);
  const hunks: Hunk[] = [];
  for (const run of changedRuns(oldMiddle, newMiddle, pairs)) {
    const hunk = tighten(before, after, {
      oldStart: oldOffsets[prefix + run.oldStart],
      oldEnd: oldOffsets[prefix + run.oldEnd],
      newStart: newOffsets[prefix + run.newStart],
      newEnd: newOffsets[prefix + run.newEnd],
    });
    if (hunk) hunks.push(hunk);
  }
  return hunks;
}

/**
 * Where an offset of the old text is in the new one: a number when the text around it did not
 * change, or the hunk that rewrote it. `backwards` maps from the new text to the old one.
 */
export function mapOffset(offset: number, hunks: Hunk[], backwards = false): number | Hunk {
  let shift = 0;
  for (const hunk of hunks) {
    const [start, end, otherStart, otherEnd] = backwards
      ? [hunk.newStart, hunk.newEnd, hunk.oldStart, hunk.oldEnd]
      : [hunk.oldStart, hunk.oldEnd, hunk.newStart, hunk.newEnd];
    if (offset < start) break;
    if (offset < end) return hunk;
    shift += otherEnd - otherStart - (end - start);
  }
  return offset + shift;
}
