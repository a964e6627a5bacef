import { existsSync } from 'node:fs';
import { basename, dirname, extname, join, parse } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TextDocument } from 'vscode-languageserver-textdocument';

export const fileSystemRoot = parse(process.cwd()).root;

const extensionOfLanguage: Record<string, string> = {
  javascript: '.js',
  javascriptreact: '.jsx',
  typescript: '.ts',
  typescriptreact: '.tsx',
};

const lintedExtensions = new Set(['.js', '.mjs', '.cjs', '.jsx', '.ts', '.mts', '.cts', '.tsx']);

export function isOnDisk(document: TextDocument): boolean {
  return document.uri.startsWith('file:');
}

/**
 * The path ESLint sees for a document. Untitled documents and files without a JavaScript extension
 * get one from their language, so that the config's `files` patterns match them.
 */
export function lintPathOf(document: TextDocument): string {
  const extension = extensionOfLanguage[document.languageId] ?? '.js';
  if (!isOnDisk(document)) {
    const name = basename(decodeURIComponent(document.uri.replace(/^[a-z-]+:/i, ''))) || 'untitled';
    return join(fileSystemRoot, 'untitled', `${name}${extension}`);
  }
  const path = fileURLToPath(document.uri);
  return lintedExtensions.has(extname(path)) ? path : `${path}${extension}`;
}

/** The folder of the tsconfig.json or jsconfig.json nearest above the file, if any. */
export function typeScriptProjectOf(filePath: string): string | null {
  for (let directory = dirname(filePath); ; directory = dirname(directory)) {
    if (existsSync(join(directory, 'tsconfig.json')) || existsSync(join(directory, 'jsconfig.json'))) return directory;
    if (dirname(directory) === directory) return null;
  }
}
