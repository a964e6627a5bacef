/** The `type` field of the package.json nearest to a file, as Node reads it to decide .js files. */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

export function nearestPackageType(filePath: string): 'module' | 'commonjs' | undefined {
  let directory = dirname(filePath);
  for (;;) {
    const manifest = join(directory, 'package.json');
    if (existsSync(manifest)) {
      try {
        const type = (JSON.parse(readFileSync(manifest, 'utf8')) as { type?: unknown }).type;
        return type === 'module' ? 'module' : 'commonjs';
      } catch {
        return undefined;
      }
    }
    const parent = dirname(directory);
    if (parent === directory) return undefined;
    directory = parent;
  }
}
