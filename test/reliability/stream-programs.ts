import fc from 'fast-check';

// Random stream programs built from the shapes the rules know: factories, .pipe() chains, event
// handlers, loops, escapes and stream implementations, in CommonJS or ES module form.

const factories = [
  'readFile',
  'writeFile',
  'gzip',
  'gunzip',
  'socket',
  'passThrough',
  'transform',
  'readableFrom',
  'either-file',
  'child-stdout',
  'request',
  'stdin',
] as const;
type Factory = (typeof factories)[number];

const uses = [
  'data',
  'end',
  'error',
  'once-close',
  'write',
  'end-call',
  'write-loop',
  'write-awaiting-drain',
  'for-await',
  'destroy-later',
  'resume',
  'set-encoding-then-data',
  'escape-return',
  'escape-export',
  'escape-argument',
  'escape-property',
  'alias-error',
  'optional-error',
  'error-on-pipe-result',
  'pipe-later',
  'once-event',
  'relay',
  'relay-with-drain',
  'internals',
] as const;
type Use = (typeof uses)[number];

const implementations = [
  'transform-class',
  'writable-class',
  'readable-options',
  'transform-calls-twice',
  'read-push-after-end',
  'transform-throws',
] as const;
type Implementation = (typeof implementations)[number];

type Stage = { variable: number } | { inline: Factory };

export interface StreamProgram {
  moduleStyle: 'commonjs' | 'module';
  /** `fs.createReadStream` or a destructured `createReadStream`. */
  access: 'namespace' | 'named';
  context: 'top' | 'function' | 'async-function' | 'request-handler';
  streams: Factory[];
  uses: { stream: number; use: Use }[];
  chain: Stage[] | null;
  implementation: Implementation | null;
}

export const streamProgram: fc.Arbitrary<StreamProgram> = fc
  .record({
    moduleStyle: fc.constantFrom('commonjs' as const, 'module' as const),
    access: fc.constantFrom('namespace' as const, 'named' as const),
    context: fc.constantFrom('top' as const, 'function' as const, 'async-function' as const, 'request-handler' as const),
    streams: fc.array(fc.constantFrom(...factories), { minLength: 1, maxLength: 4 }),
    uses: fc.array(fc.record({ stream: fc.nat(3), use: fc.constantFrom(...uses) }), { maxLength: 6 }),
    chain: fc.option(
      fc.array(fc.oneof(fc.record({ variable: fc.nat(3) }), fc.record({ inline: fc.constantFrom(...factories) })), {
        minLength: 2,
        maxLength: 4,
      }),
    ),
    implementation: fc.option(fc.constantFrom(...implementations)),
  })
  .map((program) => ({
    ...program,
    // Each use once per stream: `export { stream0 }` twice would not parse.
    uses: [
      ...new Map(
        program.uses.map((use) => {
          const stream = use.stream % program.streams.length;
          return [`${stream} ${use.use}`, { stream, use: use.use }];
        }),
      ).values(),
    ],
    chain: chainOf(program.chain, program.streams),
  }));

/** Streams Node cannot pipe into: they have no `write()`, so a chain into one is no program at all. */
const readOnlyFactories = new Set<Factory>(['readFile', 'readableFrom', 'either-file', 'child-stdout', 'stdin']);

/** The chain with its variables in range and every stage after the first one that can be written to. */
function chainOf(chain: Stage[] | null, streams: Factory[]): Stage[] | null {
  if (!chain) return null;
  const stages = chain.map((stage) => ('variable' in stage ? { variable: stage.variable % streams.length } : stage));
  const factoryOf = (stage: Stage) => ('variable' in stage ? streams[stage.variable] : stage.inline);
  const [first, ...rest] = stages;
  const kept = [first, ...rest.filter((stage) => !readOnlyFactories.has(factoryOf(stage)))];
  return kept.length >= 2 ? kept : null;
}

/** The program's text, and the lines that the invariants edit (0-based). */
export interface RenderedProgram {
  lines: string[];
  /** Line of each stream's declaration. */
  declarations: number[];
  chainLine: number | null;
  indent: string;
  /** How the program names things: `pipeline` or `stream.pipeline`. */
  pipeline: string;
}

function factoryCall(factory: Factory, access: StreamProgram['access']): string {
  const named = access === 'named';
  const from = (module: string, name: string) => (named ? name : `${module}.${name}`);
  switch (factory) {
    case 'readFile':
      return `${from('fs', 'createReadStream')}('input.txt')`;
    case 'writeFile':
      return `${from('fs', 'createWriteStream')}('output.txt', { flags: 'a' })`;
    case 'gzip':
      return `${from('zlib', 'createGzip')}()`;
    case 'gunzip':
      return `${from('zlib', 'createGunzip')}()`;
    case 'socket':
      return `${from('net', 'connect')}(8080, 'localhost')`;
    case 'passThrough':
      return `new ${from('stream', 'PassThrough')}()`;
    case 'transform':
      return `new ${from('stream', 'Transform')}({ transform(chunk, encoding, callback) { callback(null, chunk); } })`;
    case 'readableFrom':
      return `${from('stream', 'Readable')}.from(rows)`;
    case 'either-file':
      return `rows.length > 0 ? ${from('fs', 'createReadStream')}('a.txt') : ${from('fs', 'createReadStream')}('b.txt')`;
    case 'child-stdout':
      return `${from('child_process', 'spawn')}('ls', ['-l']).stdout`;
    case 'request':
      return `${from('http', 'request')}('http://localhost:8080/upload', { method: 'POST' })`;
    case 'stdin':
      return 'process.stdin';
  }
}

function imports(program: StreamProgram): string[] {
  const modules: Record<string, string[]> = {
    fs: ['createReadStream', 'createWriteStream'],
    zlib: ['createGzip', 'createGunzip'],
    net: ['connect'],
    stream: ['PassThrough', 'Transform', 'Writable', 'Readable', 'pipeline'],
    http: ['createServer', 'request'],
    child_process: ['spawn'],
    events: ['once'],
  };
  return Object.entries(modules).map(([module, names]) => {
    if (program.access === 'named') {
      return program.moduleStyle === 'module'
        ? `import { ${names.join(', ')} } from 'node:${module}';`
        : `const { ${names.join(', ')} } = require('node:${module}');`;
    }
    return program.moduleStyle === 'module' ? `import * as ${module} from 'node:${module}';` : `const ${module} = require('${module}');`;
  });
}

function implementationLines(implementation: Implementation, access: StreamProgram['access']): string[] {
  const base = (name: string) => (access === 'named' ? name : `stream.${name}`);
  switch (implementation) {
    case 'transform-class':
      return [
        `class Upper extends ${base('Transform')} {`,
        '  _transform(chunk, encoding, callback) {',
        '    callback(null, chunk.toString().toUpperCase());',
        '  }',
        '}',
      ];
    case 'writable-class':
      return [
        `class Sink extends ${base('Writable')} {`,
        '  _write(chunk, encoding, callback) {',
        '    this.received.push(chunk);',
        '    callback();',
        '  }',
        '}',
      ];
    case 'readable-options':
      return [`const counter = new ${base('Readable')}({`, '  read() {', '    this.push(String(this.count++));', '  },', '});'];
    case 'transform-calls-twice':
      return [
        `class Twice extends ${base('Transform')} {`,
        '  _transform(chunk, encoding, callback) {',
        '    if (chunk.length === 0) callback(new Error("empty"));',
        '    callback(null, chunk);',
        '  }',
        '}',
      ];
    case 'transform-throws':
      return [
        `class Parse extends ${base('Transform')} {`,
        '  _transform(chunk, encoding, callback) {',
        "    if (chunk.length > 1024) throw new Error('line too long');",
        '    callback(null, JSON.parse(chunk));',
        '  }',
        '}',
      ];
    case 'read-push-after-end':
      return [
        `const ended = new ${base('Readable')}({`,
        '  read() {',
        '    this.push(null);',
        "    this.push('late');",
        '  },',
        '});',
      ];
  }
}

/** `other` is the next stream of the program, or the stream itself when it is alone. */
function useLines(name: string, other: string, use: Use, program: StreamProgram): string[] {
  switch (use) {
    case 'data':
      return [`${name}.on('data', (chunk) => console.log(chunk.length));`];
    case 'end':
      return [`${name}.on('end', () => console.log('done'));`];
    case 'error':
      return [`${name}.on('error', (error) => console.error(error));`];
    case 'once-close':
      return [`${name}.once('close', () => console.log('closed'));`];
    case 'write':
      return [`${name}.write('header\\n');`];
    case 'end-call':
      return [`${name}.end();`];
    case 'write-loop':
      return [`for (const row of rows) ${name}.write(row);`];
    case 'write-awaiting-drain':
      return [`if (!${name}.write('row\\n')) ${name}.once('drain', () => console.log('drained'));`];
    case 'for-await':
      return program.context === 'async-function'
        ? [`for await (const chunk of ${name}) total += chunk.length;`]
        : [`${name}.on('data', (chunk) => { total += chunk.length; });`];
    case 'destroy-later':
      return [`setTimeout(() => ${name}.destroy(), 1000);`];
    case 'resume':
      return [`${name}.resume();`];
    case 'set-encoding-then-data':
      return [`${name}.setEncoding('utf8').on('data', console.log);`];
    case 'escape-return':
      // The return statement ends the function body; elsewhere the stream is handed on.
      return returnsStreams(program) ? [] : [`registry.add(${name});`];
    case 'escape-export':
      if (program.context !== 'top') return [`registry.add(${name});`];
      return program.moduleStyle === 'module' ? [`export { ${name} };`] : [`module.exports.${name} = ${name};`];
    case 'escape-argument':
      return [`track(${name});`];
    case 'escape-property':
      return [`state.current = ${name};`];
    case 'alias-error':
      return [`const alias${name} = ${name};`, `alias${name}.on('error', (error) => console.error(error));`];
    case 'optional-error':
      return [`${name}?.on('error', (error) => console.error(error));`];
    case 'error-on-pipe-result':
      return [`${name}.pipe(process.stdout).on('error', (error) => console.error(error));`];
    case 'pipe-later':
      return [`setImmediate(() => ${name}.pipe(process.stdout));`];
    case 'relay':
      return [`${name}.on('data', (chunk) => ${other}.write(chunk));`];
    case 'relay-with-drain':
      return [
        `${name}.on('data', (chunk) => {`,
        `  if (!${other}.write(chunk)) {`,
        `    ${name}.pause();`,
        `    ${other}.once('drain', () => ${name}.resume());`,
        '  }',
        '});',
      ];
    case 'internals':
      return [`if (${name}._readableState.ended) console.log('ended');`];
    case 'once-event': {
      const once = program.access === 'named' ? 'once' : 'events.once';
      return program.context === 'async-function'
        ? [`await ${once}(${name}, 'finish');`]
        : [`${once}(${name}, 'finish').then(() => console.log('finished'), console.error);`];
    }
  }
}

function contextLines(program: StreamProgram): { open: string[]; close: string[]; indent: string } {
  switch (program.context) {
    case 'top':
      return { open: [], close: [], indent: '' };
    case 'function':
      return { open: ['function run(rows, track, state, registry) {', '  let total = 0;'], close: ['}'], indent: '  ' };
    case 'async-function':
      return { open: ['async function run(rows, track, state, registry) {', '  let total = 0;'], close: ['}'], indent: '  ' };
    case 'request-handler': {
      const createServer = program.access === 'named' ? 'createServer' : 'http.createServer';
      return {
        open: [`${createServer}((request, response) => {`, '  let total = 0;', '  const rows = [];'],
        close: ['}).listen(8080);'],
        indent: '  ',
      };
    }
  }
}

function returnsStreams(program: StreamProgram): boolean {
  return program.context === 'function' || program.context === 'async-function';
}

export function render(program: StreamProgram): RenderedProgram {
  const lines = [...imports(program)];
  if (program.context === 'top') lines.push('const rows = [];', 'let total = 0;', 'const state = {};', 'const registry = new Set();');
  if (program.implementation) lines.push(...implementationLines(program.implementation, program.access));
  const context = contextLines(program);
  lines.push(...context.open);
  const names = program.streams.map((_, index) => `stream${index}`);
  const declarations = program.streams.map((factory, index) => {
    lines.push(`${context.indent}const ${names[index]} = ${factoryCall(factory, program.access)};`);
    return lines.length - 1;
  });
  for (const { stream, use } of program.uses) {
    const other = names[(stream + 1) % names.length];
    lines.push(...useLines(names[stream], other, use, program).map((line) => context.indent + line));
  }
  let chainLine: number | null = null;
  if (program.chain) {
    const [first, ...rest] = stageTexts(program);
    lines.push(`${context.indent}${first}${rest.map((stage) => `.pipe(${stage})`).join('')};`);
    chainLine = lines.length - 1;
  }
  const returned = program.uses.find(({ use }) => use === 'escape-return');
  if (returned && returnsStreams(program)) lines.push(`  return ${names[returned.stream]};`);
  lines.push(...context.close);
  const pipeline = program.access === 'named' ? 'pipeline' : 'stream.pipeline';
  return { lines, declarations, chainLine, indent: context.indent, pipeline };
}

export function stageTexts(program: StreamProgram): string[] {
  return (program.chain ?? []).map((stage) =>
    'variable' in stage ? `stream${stage.variable}` : factoryCall(stage.inline, program.access),
  );
}

/** The program with an 'error' listener added right after one stream's declaration. */
export function withErrorListener(rendered: RenderedProgram, stream: number): string[] {
  const lines = [...rendered.lines];
  lines.splice(rendered.declarations[stream] + 1, 0, `${rendered.indent}stream${stream}.on('error', (error) => console.error(error));`);
  return lines;
}

/** The program with its `.pipe()` chain rewritten as pipeline(), on the same line. */
export function withPipeline(rendered: RenderedProgram, program: StreamProgram): string[] {
  const lines = [...rendered.lines];
  const stages = stageTexts(program).join(', ');
  lines[rendered.chainLine!] = `${rendered.indent}${rendered.pipeline}(${stages}, (error) => { if (error) console.error(error); });`;
  return lines;
}
