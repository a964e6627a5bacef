import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * One `.gitignore` line as a flat-config ignore pattern relative to the `.gitignore`'s folder, or
 * null for a blank line or a comment.
 */
export function ignorePatternOf(line: string): string | null {
  // Trailing spaces are dropped unless escaped with a backslash.
  let pattern = line.replace(/(?<!\\)\s+$/, '');
  if (pattern === '' || pattern.startsWith('#')) return null;
  const negated = pattern.startsWith('!');
  if (negated) pattern = pattern.slice(1);
  if (pattern.startsWith('\\#') || pattern.startsWith('\\!')) pattern = pattern.slice(1);
  // A slash at the start or in the middle ties the pattern to the folder; else it matches at any depth.
  const anchored = pattern.replace(/\/$/, '').includes('/');
  if (pattern.startsWith('/')) pattern = pattern.slice(1);
  if (pattern === '') return null;
  return `${negated ? '!' : ''}${anchored || pattern.startsWith('**/') ? '' : '**/'}${pattern}`;
}

/** The ignore patterns of `directory/.gitignore`; none when there is no such file. */
export function gitignorePatterns(directory: string): string[] {
  let text: string;
  try {
    text = readFileSync(join(directory, '.gitignore'), 'utf8');
  } catch {
    return [];
  }
  return text.split(/\r?\n/).flatMap((line) => ignorePatternOf(line) ?? []);
}
