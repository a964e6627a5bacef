/** The measuring pass-through that "Instrument this pipeline" inserts, as source text. */

export const helperName = 'measureStage';

/** The first line of the helper's comment: how "Remove instrumentation" recognises it. */
export const helperMarker = '// node-streams instrumentation:';

/**
 * `transformClass` is how the file reaches `stream.Transform`. The time from a full downstream
 * buffer (`push()` returns false) to the next chunk is counted as waiting on backpressure.
 */
export function helperSource(transformClass: string, typescript: boolean, indent: string): string {
  const lines = [
    `${helperMarker} counts what passes between two stages of a pipeline and`,
    '// reports it when the pipeline ends. The "Remove instrumentation" action takes it out again.',
    `function ${helperName}(label${typescript ? ': string' : ''}) {`,
    '  const startedAt = performance.now();',
    '  let bytes = 0;',
    '  let chunks = 0;',
    '  let blockedAt = 0;',
    '  let blockedMs = 0;',
    `  return new ${transformClass}({`,
    '    objectMode: true,',
    '    transform(chunk, encoding, callback) {',
    '      if (blockedAt > 0) {',
    '        blockedMs += performance.now() - blockedAt;',
    '        blockedAt = 0;',
    '      }',
    '      chunks += 1;',
    "      if (typeof chunk === 'string') bytes += Buffer.byteLength(chunk);",
    '      else if (chunk instanceof Uint8Array) bytes += chunk.byteLength;',
    '      if (!this.push(chunk)) blockedAt = performance.now();',
    '      callback();',
    '    },',
    '    flush(callback) {',
    '      const seconds = (performance.now() - startedAt) / 1000;',
    '      console.error(',
    '        `[pipeline ${label}] ${bytes} bytes, ${chunks} chunks in ${seconds.toFixed(3)} s: ` +',
    '          `${Math.round(bytes / seconds)} bytes/s, ${Math.round(chunks / seconds)} chunks/s, ` +',
    '          `${Math.round(blockedMs)} ms waiting on backpressure`,',
    '      );',
    '      callback();',
    '    },',
    '  });',
    '}',
  ];
  return lines.map((line) => line.replace(/^( {2})+/, (spaces) => indent.repeat(spaces.length / 2))).join('\n');
}

/** A short name for a stage in the report: `createGzip()`, `fs.createWriteStream(…)`. */
export function stageLabel(sourceText: string): string {
  const flat = sourceText.replace(/\s+/g, ' ');
  if (flat.length <= 32) return flat;
  const call = /^([\w$.]+)\(/.exec(flat);
  return call ? `${call[1]}(…)` : `${flat.slice(0, 31)}…`;
}

export function quoted(text: string): string {
  return `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}
