/**
 * What the snippet picker and the completion list show, as plain data: kept apart from the
 * `vscode` module so that it is tested on its own.
 */
import { levelNames, levels, type Level } from 'eslint-plugin-node-streams/skill-tree';
import type { Snippet } from '../../snippets/src/library.js';

export type PickEntry =
  | { kind: 'separator'; label: string }
  | { kind: 'snippet'; snippet: Snippet; label: string; description: string; detail: string };

/** The snippets of the wanted levels, grouped by level in teaching order, each group under a separator. */
export function snippetPicks(snippets: readonly Snippet[], wanted: readonly Level[]): PickEntry[] {
  return levels
    .filter((level) => wanted.includes(level))
    .flatMap((level) => {
      const group = snippets.filter((snippet) => snippet.level === level);
      if (group.length === 0) return [];
      return [
        { kind: 'separator' as const, label: levelNames[level] },
        ...group.map((snippet) => ({ kind: 'snippet' as const, snippet, label: snippet.prefix, description: snippet.topic, detail: snippet.description })),
      ];
    });
}

/** A completion's label parts: `stream-transform-class · Intermediate`, with the topic beside it. */
export function completionLabel(snippet: Snippet): { label: string; detail: string; description: string } {
  return { label: snippet.prefix, detail: ` · ${levelNames[snippet.level]}`, description: snippet.topic };
}

/** Sorts completions by level, then by name, so that novices see their snippets first. */
export function completionSortText(snippet: Snippet): string {
  return `${levels.indexOf(snippet.level)}-${snippet.prefix}`;
}
