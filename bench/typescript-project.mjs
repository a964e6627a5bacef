// A generated TypeScript project of stream code, for the type-aware figures: each module imports
// the types and helpers of the two before it, so the type checker has a real graph to walk.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repositoryRoot } from './eslint-internals.mjs';

const name = (index) => `module-${String(index).padStart(3, '0')}`;

/** Writes the project to a new temporary folder; returns its root and file paths. */
export function generateTypeScriptProject(fileCount) {
  const root = mkdtempSync(join(tmpdir(), 'node-streams-bench-ts-'));
  mkdirSync(join(root, 'src'));
  writeFileSync(
    join(root, 'tsconfig.json'),
    JSON.stringify(
      {
        compilerOptions: {
          target: 'ES2022',
          module: 'NodeNext',
          moduleResolution: 'NodeNext',
          strict: true,
          noEmit: true,
          skipLibCheck: true,
          types: ['node'],
          // The project lives outside the repository: its Node types are the repository's.
          typeRoots: [join(repositoryRoot, 'node_modules', '@types')],
        },
        include: ['src/**/*.ts'],
      },
      null,
      2,
    ),
  );
  const files = [];
  for (let index = 0; index < fileCount; index += 1) {
    const path = join(root, 'src', `${name(index)}.ts`);
    writeFileSync(path, moduleSource(index));
    files.push(path);
  }
  return { root, files };
}

function moduleSource(index) {
  const imports = [index - 1, index - 2].filter((other) => other >= 0);
  const upstream = imports.map((other) => `import { type Record${other}, parse${other} } from './${name(other)}.js';`);
  const fields = imports.map((other) => `  previous${other}?: Record${other};`);
  const reuse = imports.length > 0 ? `parse${imports[0]}(line)` : 'undefined';
  return `import { createReadStream, createWriteStream } from 'node:fs';
import { Transform, Writable, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
${upstream.join('\n')}

export interface Record${index} {
  id: number;
  name: string;
  tags: string[];
${fields.join('\n')}
}

export function parse${index}(line: string): Record${index} | undefined {
  const [id, name, ...tags] = line.split(',');
  if (!id || !name) return undefined;
  const record: Record${index} = { id: Number(id), name, tags };
  void ${reuse};
  return record;
}

/** Parses CSV lines into records, one object per line. */
export class Parser${index} extends Transform {
  private rest = '';

  constructor() {
    super({ readableObjectMode: true });
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    const lines = (this.rest + chunk.toString('utf8')).split('\\n');
    this.rest = lines.pop() ?? '';
    for (const line of lines) {
      const record = parse${index}(line);
      if (record) this.push(record);
    }
    callback();
  }

  override _flush(callback: TransformCallback): void {
    const record = parse${index}(this.rest);
    if (record) this.push(record);
    callback();
  }
}

export async function copyRecords${index}(source: string, target: string): Promise<void> {
  await pipeline(createReadStream(source), new Parser${index}(), new Transform({
    writableObjectMode: true,
    transform(record: Record${index}, _encoding, callback) {
      callback(null, \`\${JSON.stringify(record)}\\n\`);
    },
  }), createWriteStream(target));
}

export function writeAll${index}(output: Writable, records: Record${index}[]): Promise<void> {
  return new Promise((resolve, reject) => {
    output.on('error', reject);
    let index = 0;
    const writeMore = (): void => {
      while (index < records.length) {
        const ok = output.write(\`\${records[index].name}\\n\`);
        index += 1;
        if (!ok) {
          output.once('drain', writeMore);
          return;
        }
      }
      output.end(resolve);
    };
    writeMore();
  });
}
`;
}
