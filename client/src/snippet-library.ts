/** The snippet data files shipped with the extension, read once. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { levels } from 'eslint-plugin-node-streams/skill-tree';
import { parseSnippetFile, snippetFileOf, type Snippet } from '../../snippets/src/library.js';

export function loadSnippetLibrary(extensionPath: string): Snippet[] {
  return levels.flatMap((level) => {
    const file = join(extensionPath, 'snippets', snippetFileOf(level));
    return parseSnippetFile(readFileSync(file, 'utf8'), file);
  });
}
