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

function linesOf(text: string): string[] {
  return text.split(/(?<=\n)/);
}

/** Pairs of equal lines (old index, new index), in order: a longest common subsequence. */
function commonLines(before: string[], after: string[]): [number, number][] {
  const lengths = Array.from({ length: before.length + 1 }, () => new Uint32Array(after.length + 1));
  for (let i = before.length - 1; i >= 0; i--) {
    for (let j = after.length - 1; j >= 0; j--) {
      lengths[i][j] = before[i] === after[j] ? lengths[i + 1][j + 1] + 1 : Math.max(lengths[i + 1][j], lengths[i][j + 1]);
    }
  }
  const pairs: [number, number][] = [];
  for (let i = 0, j = 0; i < before.length && j < after.length; ) {
    if (before[i] === after[j]) pairs.push([i++, j++]);
    else if (lengths[i + 1][j] >= lengths[i][j + 1]) i++;
    else j++;
  }
  return pairs;
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
  const oldOffsets = offsetsOf(oldLines);
  const newOffsets = offsetsOf(newLines);
  const hunks: Hunk[] = [];
  let i = 0;
  let j = 0;
  for (const [pairOld, pairNew] of [...pairs, [oldMiddle.length, newMiddle.length]]) {
    if (pairOld > i || pairNew > j) {
      const hunk = tighten(before, after, {
        oldStart: oldOffsets[prefix + i],
        oldEnd: oldOffsets[prefix + pairOld],
        newStart: newOffsets[prefix + j],
        newEnd: newOffsets[prefix + pairNew],
      });
      if (hunk) hunks.push(hunk);
    }
    i = pairOld + 1;
    j = pairNew + 1;
  }
  return hunks;
}

function offsetsOf(lines: string[]): number[] {
  const offsets = [0];
  for (const line of lines) offsets.push(offsets.at(-1)! + line.length);
  return offsets;
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
