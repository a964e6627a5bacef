/**
 * How a snippet must be written for one document: TypeScript or JavaScript, `import` or `require`.
 * Pure: the client gathers the facts (file name, language, text, the nearest package.json's `type`).
 */

export interface DocumentFacts {
  /** The file's path or name; an untitled document has no extension. */
  fileName: string;
  languageId: string;
  text: string;
  /** `type` of the nearest package.json, when there is one. */
  packageType?: 'module' | 'commonjs';
}

export interface ModuleStyle {
  typescript: boolean;
  modules: 'import' | 'require';
}

const typescriptLanguages = new Set(['typescript', 'typescriptreact']);

export function moduleStyleOf(document: DocumentFacts): ModuleStyle {
  const extension = /\.([cm]?[jt]sx?)$/i.exec(document.fileName)?.[1].toLowerCase();
  const typescript = typescriptLanguages.has(document.languageId) || (extension?.includes('t') ?? false);
  return { typescript, modules: modulesOf(document, extension, typescript) };
}

function modulesOf(document: DocumentFacts, extension: string | undefined, typescript: boolean): ModuleStyle['modules'] {
  // The extension decides for Node: .mjs is always ESM, .cjs always CommonJS.
  if (extension === 'mjs' || extension === 'mts') return 'import';
  if (extension === 'cjs') return 'require';
  // TypeScript writes `import` whatever it compiles to.
  if (typescript) return 'import';
  const existing = existingModuleSyntax(document.text);
  if (existing) return existing;
  if (document.packageType) return document.packageType === 'module' ? 'import' : 'require';
  // A .js file with no package.json `type` is CommonJS to Node; an untitled one is new code.
  return extension ? 'require' : 'import';
}

/** The module syntax the file already uses, when it uses one. */
export function existingModuleSyntax(text: string): ModuleStyle['modules'] | undefined {
  if (/^\s*(import\s*[\w*{'"]|export\s)/m.test(text)) return 'import';
  if (/\brequire\s*\(\s*['"]/.test(text)) return 'require';
  return undefined;
}
