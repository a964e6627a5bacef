/**
 * Every snippet of the library in the forms a user can get: JavaScript with `import`, JavaScript
 * with `require`, and TypeScript, each expanded with its placeholders' defaults and written as the
 * client writes it into an empty file, plus an export of the names a test exercises.
 */
import { readFileSync } from 'node:fs';
import { levels, parseSnippetFile, snippetFileOf, type Snippet } from '../../snippets/src/library.js';
import type { ModuleStyle } from '../../snippets/src/module-style.js';
import { expandPlaceholders } from '../../snippets/src/placeholders.js';
import { renderSnippet } from '../../snippets/src/render.js';

export const snippetsFolder = new URL('../../snippets/', import.meta.url);

export function loadLibrary(): Snippet[] {
  return levels.flatMap((level) =>
    parseSnippetFile(readFileSync(new URL(snippetFileOf(level), snippetsFolder), 'utf8'), snippetFileOf(level)),
  );
}

export interface SnippetForm {
  name: 'javascript-import' | 'javascript-require' | 'typescript';
  extension: '.mjs' | '.cjs' | '.mts';
  style: ModuleStyle;
}

export const forms: SnippetForm[] = [
  { name: 'javascript-import', extension: '.mjs', style: { typescript: false, modules: 'import' } },
  { name: 'javascript-require', extension: '.cjs', style: { typescript: false, modules: 'require' } },
  { name: 'typescript', extension: '.mts', style: { typescript: true, modules: 'import' } },
];

/** The code a snippet gives in one form, its placeholders at their defaults. */
export function expandedCode(snippet: Snippet, form: SnippetForm): string {
  const rendered = renderSnippet(snippet, form.style);
  const body = expandPlaceholders(rendered.body);
  return rendered.imports ? `${rendered.imports}\n\n${body}\n` : `${body}\n`;
}

/** The same code made a module that exports `names`, for a test to load and call. */
export function exportingModule(snippet: Snippet, form: SnippetForm, names: string[]): string {
  const exported = form.style.modules === 'require' ? `module.exports = { ${names.join(', ')} };` : `export { ${names.join(', ')} };`;
  return `${expandedCode(snippet, form)}\n${exported}\n`;
}
