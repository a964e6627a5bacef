// The snippet library as data: well-formed, and covering every skill of the tree.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { levels, parseSnippetFile, topics, type Level, type Topic } from '../../snippets/src/library.js';
import { exercises } from './exercises.js';
import { loadLibrary } from './snippet-forms.js';

const library = loadLibrary();

/** The skills the issue lists for each level, each recognised by what its snippet must use. */
const skills: { level: Level; topic: Topic; skill: string; uses: RegExp[] }[] = [
  { level: 'novice', topic: 'readable streams', skill: 'a file', uses: [/createReadStream\(/] },
  { level: 'novice', topic: 'readable streams', skill: 'an http response', uses: [/\bget\(url/, /response\.on\('data'/] },
  { level: 'novice', topic: 'writable streams', skill: 'a file, end and finish', uses: [/createWriteStream\(/, /\.end\(/, /'finish'/] },
  { level: 'novice', topic: 'piping', skill: 'piping', uses: [/pipeline\(/] },
  { level: 'intermediate', topic: 'transform streams', skill: 'class form', uses: [/extends Transform/, /_transform\(/] },
  { level: 'intermediate', topic: 'transform streams', skill: 'options form', uses: [/new Transform\(\{/, /transform\(/] },
  { level: 'intermediate', topic: 'error handling', skill: 'pipeline with a callback', uses: [/pipeline\([^]*\(error\) => \{/] },
  { level: 'intermediate', topic: 'error handling', skill: 'pipeline with await', uses: [/await pipeline\(/] },
  { level: 'intermediate', topic: 'flow control', skill: "a write loop that waits for 'drain'", uses: [/for \(/, /await once\(\w+, 'drain'\)/] },
  { level: 'intermediate', topic: 'flow control', skill: 'pause and resume', uses: [/\.pause\(\)/, /\.resume\(\)/] },
  { level: 'advanced', topic: 'custom streams', skill: 'a custom Readable', uses: [/extends Readable/, /_read\(\)/] },
  { level: 'advanced', topic: 'custom streams', skill: 'a custom Writable with _final and _destroy', uses: [/extends Writable/, /_final\(/, /_destroy\(/] },
  { level: 'advanced', topic: 'custom streams', skill: 'a custom Duplex', uses: [/extends Duplex/, /_write\(/, /_read\(/] },
  { level: 'advanced', topic: 'custom streams', skill: 'a custom Transform with _destroy', uses: [/extends Transform/, /_flush\(/, /_destroy\(/] },
  { level: 'advanced', topic: 'transform streams', skill: 'object mode', uses: [/ObjectMode: true/] },
  { level: 'advanced', topic: 'combining streams', skill: 'compose', uses: [/\.compose\(/] },
  { level: 'advanced', topic: 'combining streams', skill: 'Duplex.from', uses: [/Duplex\.from\(/] },
  { level: 'advanced', topic: 'performance', skill: 'highWaterMark', uses: [/highWaterMark/] },
  { level: 'advanced', topic: 'performance', skill: 'cork and uncork', uses: [/\.cork\(\)/, /\.uncork\(\)/] },
  { level: 'advanced', topic: 'performance', skill: 'writev', uses: [/writev\(/] },
  { level: 'expert', topic: 'advanced piping', skill: 'pipeline with async generators and an AbortSignal', uses: [/async function\*/, /signal: AbortSignal/] },
  { level: 'expert', topic: 'http integration', skill: 'a streaming http server: file, gzip, response', uses: [/createServer\(/, /createGzip\(\)/, /404/] },
  { level: 'expert', topic: 'http integration', skill: 'a streaming upload with backpressure', uses: [/createServer\(/, /pipeline\(request/, /413/] },
  { level: 'expert', topic: 'http integration', skill: 'a streaming proxy', uses: [/createServer\(/, /request\(/, /502/] },
  { level: 'expert', topic: 'profiling and debugging', skill: 'a tap that measures throughput and stalls', uses: [/performance\.now\(\)/, /no data for/] },
  { level: 'expert', topic: 'profiling and debugging', skill: 'NODE_DEBUG=stream', uses: [/debuglog\(/, /NODE_DEBUG=.*stream/] },
];

describe('snippet library', () => {
  it('has at least 24 snippets, with unique names and prefixes', () => {
    assert.ok(library.length >= 24, `${library.length} snippets`);
    assert.equal(new Set(library.map((snippet) => snippet.prefix)).size, library.length);
    for (const snippet of library) assert.equal(snippet.prefix, snippet.name, 'the prefix is the name users search for');
  });

  it('has snippets at every level and on every topic of the skill tree', () => {
    for (const level of levels) assert.ok(library.some((snippet) => snippet.level === level), `no ${level} snippet`);
    for (const topic of topics) assert.ok(library.some((snippet) => snippet.topic === topic), `no snippet on ${topic}`);
  });

  for (const { level, topic, skill, uses } of skills) {
    it(`teaches ${skill} (${level}, ${topic})`, () => {
      const teaching = library.filter(
        (snippet) => snippet.level === level && snippet.topic === topic && uses.every((pattern) => pattern.test(snippet.body)),
      );
      assert.ok(teaching.length > 0, `no ${level} snippet on ${topic} uses ${uses.join(' and ')}`);
    });
  }

  it('has an exercise for every snippet, and none for a snippet that is gone', () => {
    assert.deepEqual(Object.keys(exercises).sort(), library.map((snippet) => snippet.name).sort());
  });

  it('marks the final cursor position or a placeholder in every snippet', () => {
    for (const snippet of library) assert.match(snippet.body, /\$\{?\d/, snippet.name);
  });

  it('refuses malformed entries with the snippet name', () => {
    const entry = { prefix: 'x', description: 'd', level: 'novice', topic: 'piping', body: ['x'] };
    assert.equal(parseSnippetFile(JSON.stringify({ good: entry }), 'f.json')[0].body, 'x');
    assert.throws(() => parseSnippetFile(JSON.stringify({ bad: { ...entry, level: 'guru' } }), 'f.json'), /f\.json: snippet 'bad' has level guru/);
    assert.throws(() => parseSnippetFile(JSON.stringify({ bad: { ...entry, topic: 'cooking' } }), 'f.json'), /'bad' has topic cooking/);
    assert.throws(() => parseSnippetFile(JSON.stringify({ bad: { ...entry, imports: [{ names: ['a'] }] } }), 'f.json'), /malformed import/);
  });
});
