// Creation sites through source maps: a TypeScript program compiled with an inline source map and
// run with --enable-source-maps is reported at its TypeScript lines.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { it } from 'node:test';
import { transformSync } from 'esbuild';
import { tracerEntry, type Trace } from './traced-program.js';

const typescript = `import { PassThrough } from 'node:stream';

interface Job {
  name: string;
}

const jobs: Job[] = [{ name: 'a' }];
const queue: PassThrough = new PassThrough({ objectMode: true }); // leak-site
for (const job of jobs) queue.write(job);
`;

it('reports creation sites at the original lines when Node has the source map', () => {
  const directory = mkdtempSync(join(tmpdir(), 'node-streams-trace-maps-'));
  try {
    const compiled = transformSync(typescript, { loader: 'ts', format: 'cjs', sourcemap: 'inline', sourcefile: 'queue.ts' });
    const program = join(directory, 'queue.js');
    writeFileSync(program, compiled.code);
    const traceFile = join(directory, 'trace.json');
    const run = (sourceMaps: boolean) => {
      const result = spawnSync(process.execPath, [...(sourceMaps ? ['--enable-source-maps'] : []), '--require', tracerEntry, program], {
        env: { ...process.env, NODE_OPTIONS: undefined, NODE_STREAMS_TRACE_FILE: traceFile, NODE_STREAMS_TRACE_SUMMARY: 'none' },
        encoding: 'utf8',
      });
      assert.equal(result.status, 0, result.stderr);
      const trace = JSON.parse(readFileSync(traceFile, 'utf8')) as Trace;
      return trace.findings.find((finding) => finding.type === 'leak')?.site;
    };
    const lines = typescript.split('\n');
    const leakLine = lines.findIndex((line) => line.includes('// leak-site')) + 1;
    const leakColumn = lines[leakLine - 1].indexOf('new PassThrough') + 1;
    assert.deepEqual(run(true), { file: join(directory, 'queue.ts'), line: leakLine, column: leakColumn });
    const compiledLine = compiled.code.split('\n').findIndex((line) => line.includes('new import_node_stream.PassThrough')) + 1;
    assert.equal(run(false)?.file, program);
    assert.equal(run(false)?.line, compiledLine);
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
});
