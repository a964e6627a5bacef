import { readFileSync } from 'node:fs';
import { dirname, extname, join } from 'node:path';

export type ModuleKind = 'module' | 'commonjs';

const packageTypes = new Map<string, ModuleKind>();

/**
 * What Node runs a JavaScript file as: `.mjs` and `.cjs` say so themselves; `.js` and `.jsx` take
 * the `type` of the nearest package.json, CommonJS when it has none.
 */
export function moduleKindOf(filePath: string): ModuleKind {
  const extension = extname(filePath);
  if (extension === '.mjs') return 'module';
  if (extension === '.cjs') return 'commonjs';
  return packageTypeOf(dirname(filePath));
}

function packageTypeOf(directory: string): ModuleKind {
  const known = packageTypes.get(directory);
  if (known) return known;
  let kind: ModuleKind;
  const text = readPackageJson(directory);
  if (text !== null) {
    kind = packageJsonType(text);
  } else {
    const parent = dirname(directory);
    kind = parent === directory ? 'commonjs' : packageTypeOf(parent);
  }
  packageTypes.set(directory, kind);
  return kind;
}

function readPackageJson(directory: string): string | null {
  try {
    return readFileSync(join(directory, 'package.json'), 'utf8');
  } catch {
    return null;
  }
}

function packageJsonType(text: string): ModuleKind {
  try {
    return (JSON.parse(text) as { type?: unknown }).type === 'module' ? 'module' : 'commonjs';
  } catch {
    // Node refuses to run code under an unreadable package.json; either kind will do for linting.
    return 'commonjs';
  }
}
