/**
 * Writes a snippet for one document: its body in TypeScript or JavaScript, and the imports it
 * needs in the document's module style, leaving out the names the document already imports.
 */
import type { Snippet, SnippetImport } from './library.js';
import type { ModuleStyle } from './module-style.js';

export interface RenderedSnippet {
  /** The body in snippet syntax, with the TypeScript-only parts kept or dropped. */
  body: string;
  /** The import statements to add, one per line; empty when the document has them all. */
  imports: string;
  /** The line of the document where the imports go: after its last top-of-file import. */
  importLine: number;
  /** Names the snippet needs that the document already imports from another module. */
  conflicts: string[];
}

export function renderSnippet(snippet: Snippet, style: ModuleStyle, documentText = ''): RenderedSnippet {
  const header = readImportHeader(documentText);
  const imports = snippet.imports
    .map((wanted) => importStatement(missingNames(wanted, style, header.bound), wanted.from, style))
    .filter((statement) => statement !== '');
  const conflicts = snippet.imports.flatMap((wanted) =>
    [...(wanted.names ?? []), ...(style.typescript ? (wanted.types ?? []) : [])]
      .filter((name) => [...header.bound].some(([source, names]) => source !== moduleKey(wanted.from) && names.has(name)))
      .map((name) => `${name} (needed from ${wanted.from})`),
  );
  return { body: languageForm(snippet.body, style.typescript), imports: imports.join('\n'), importLine: header.endLine, conflicts };
}

/** Keeps (TypeScript) or drops (JavaScript) the `{{…}}` parts of a body. */
export function languageForm(body: string, typescript: boolean): string {
  return body.replace(/\{\{([\s\S]*?)\}\}/g, (_match, typescriptOnly: string) => (typescript ? typescriptOnly : ''));
}

interface Name {
  name: string;
  typeOnly: boolean;
}

function missingNames(wanted: SnippetImport, style: ModuleStyle, bound: Map<string, Set<string>>): Name[] {
  const already = bound.get(moduleKey(wanted.from)) ?? new Set();
  const names: Name[] = (wanted.names ?? []).map((name) => ({ name, typeOnly: false }));
  if (style.typescript) names.push(...(wanted.types ?? []).map((name) => ({ name, typeOnly: true })));
  return names.filter(({ name }) => !already.has(name));
}

function importStatement(names: Name[], from: string, style: ModuleStyle): string {
  if (names.length === 0) return '';
  if (style.modules === 'require' && !style.typescript) {
    return `const { ${names.map(({ name }) => name).join(', ')} } = require('${from}');`;
  }
  if (names.every(({ typeOnly }) => typeOnly)) return `import type { ${names.map(({ name }) => name).join(', ')} } from '${from}';`;
  const list = names.map(({ name, typeOnly }) => (typeOnly ? `type ${name}` : name)).join(', ');
  return `import { ${list} } from '${from}';`;
}

/** `fs` and `node:fs` are one module. */
function moduleKey(source: string): string {
  return source.replace(/^node:/, '');
}

interface ImportHeader {
  /** Names bound by the header's imports, by module. */
  bound: Map<string, Set<string>>;
  /** The line after the header's last import, or after a shebang and directives when it has none. */
  endLine: number;
}

const importStart = /^\s*import\b/;
const importEnd = /(from\s*|import\s*)['"][^'"]+['"]\s*(with\s*\{[^}]*\}\s*)?;?\s*$/;
const requireDeclaration = /^\s*(const|let|var)\s+([\s\S]+?)\s*=\s*require\(\s*['"]([^'"]+)['"]\s*\)\s*;?\s*$/;
const skippable = /^\s*($|\/\/|\/\*|\*|#!|['"]use strict['"];?\s*$)/;

/** Reads the imports at the top of a file, line by line: enough for adding a few more. */
function readImportHeader(text: string): ImportHeader {
  const lines = text.split('\n');
  const bound = new Map<string, Set<string>>();
  let endLine = 0;
  let index = 0;
  while (index < lines.length) {
    const line = lines[index];
    if (importStart.test(line)) {
      let statement = line;
      while (!importEnd.test(statement) && index + 1 < lines.length) statement += `\n${lines[++index]}`;
      recordImport(statement, bound);
      endLine = index + 1;
    } else if (requireDeclaration.test(line)) {
      recordRequire(line, bound);
      endLine = index + 1;
    } else if (skippable.test(line)) {
      if (/^\s*(#!|['"]use strict)/.test(line)) endLine = Math.max(endLine, index + 1);
    } else {
      break;
    }
    index += 1;
  }
  return { bound, endLine };
}

function bind(bound: Map<string, Set<string>>, source: string, names: string[]): void {
  const key = moduleKey(source);
  const set = bound.get(key) ?? new Set<string>();
  for (const name of names) set.add(name);
  bound.set(key, set);
}

function recordImport(statement: string, bound: Map<string, Set<string>>): void {
  const source = /['"]([^'"]+)['"]/.exec(statement.slice(statement.search(/from\s*['"]|import\s*['"]/)))?.[1];
  const braces = /\{([^}]*)\}/.exec(statement.split(/from\s*['"]/)[0]);
  if (!source || !braces) return;
  bind(bound, source, localNames(braces[1], /\s+as\s+/));
}

function recordRequire(line: string, bound: Map<string, Set<string>>): void {
  const match = requireDeclaration.exec(line);
  const pattern = match?.[2] ?? '';
  if (!match || !pattern.startsWith('{')) return;
  bind(bound, match[3], localNames(pattern.slice(1, pattern.lastIndexOf('}')), /\s*:\s*/));
}

/**
 * The imported names a list binds under their own name (`a`, `type a`, not `a as b`), which are the
 * names a snippet can use as they are.
 */
function localNames(list: string, renaming: RegExp): string[] {
  return list
    .split(',')
    .map((item) => item.trim().replace(/^type\s+/, ''))
    .filter((item) => item !== '' && !renaming.test(item));
}
