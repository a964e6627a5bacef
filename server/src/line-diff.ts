/** Which lines two texts share: the one line diff behind the server's edits and the tests' diffs. */

/** The text's lines, each with its line break: joined, they give the text back. */
export function linesOf(text: string): string[] {
  return text.split(/(?<=\n)/);
}

/** Where each line starts, and after the last one the text's length. */
export function lineOffsets(lines: readonly string[]): number[] {
  const offsets = [0];
  for (const line of lines) offsets.push(offsets.at(-1)! + line.length);
  return offsets;
}

/**
 * Pairs of equal lines (index in `before`, index in `after`), in order: a longest common
 * subsequence. Where two alignments are as long, old lines go before new ones come.
 */
export function commonLines(before: readonly string[], after: readonly string[]): [number, number][] {
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

/** The runs of lines between the common ones: old lines [oldStart, oldEnd) became new lines [newStart, newEnd). */
export interface ChangedRun {
  oldStart: number;
  oldEnd: number;
  newStart: number;
  newEnd: number;
}

export function changedRuns(before: readonly string[], after: readonly string[], pairs = commonLines(before, after)): ChangedRun[] {
  const runs: ChangedRun[] = [];
  let i = 0;
  let j = 0;
  for (const [pairOld, pairNew] of [...pairs, [before.length, after.length] as const]) {
    if (pairOld > i || pairNew > j) runs.push({ oldStart: i, oldEnd: pairOld, newStart: j, newEnd: pairNew });
    i = pairOld + 1;
    j = pairNew + 1;
  }
  return runs;
}
