/** The snippet library as the repository has it: snippets/<level>.json. */
import { readRepositoryFile } from './workspace.js';

export const snippetLevels = ['novice', 'intermediate', 'advanced', 'expert'] as const;

export function snippetsOfLevel(level: string): { name: string; prefix: string }[] {
  const data = JSON.parse(readRepositoryFile(`snippets/${level}.json`)) as Record<string, { prefix: string }>;
  return Object.entries(data).map(([name, snippet]) => ({ name, prefix: snippet.prefix }));
}
