import assert from 'node:assert/strict';
import { describe, it, type TestContext } from 'node:test';
import ts from 'typescript';
import { edgeCorpus, everyNth, fullRun, readSource, realCorpus, type CorpusFile } from './corpora.js';
import {
  javascriptSetup,
  lintOnce,
  newLinter,
  typedSetup,
  typescriptSetup,
  type LintSetup,
} from './linting.js';

interface Tally {
  linted: CorpusFile[];
  unparsable: CorpusFile[];
  threw: { file: CorpusFile; error: Error }[];
  problems: number;
}

function lintEach(files: CorpusFile[], setupFor: (file: CorpusFile) => LintSetup): Tally {
  const linter = newLinter();
  const tally: Tally = { linted: [], unparsable: [], threw: [], problems: 0 };
  for (const file of files) {
    const outcome = lintOnce(linter, setupFor(file), readSource(file), file.path);
    if (outcome.kind === 'threw') tally.threw.push({ file, error: outcome.error });
    else if (outcome.kind === 'unparsable') tally.unparsable.push(file);
    else {
      tally.linted.push(file);
      tally.problems += outcome.messages.length;
    }
  }
  return tally;
}

function assertNothingThrew(t: TestContext, tally: Tally): void {
  t.diagnostic(
    `${tally.linted.length} linted, ${tally.unparsable.length} skipped as unparsable, ${tally.problems} problems`,
  );
  const report = tally.threw
    .slice(0, 10)
    .map(({ file, error }) => `${file.name}: ${error.message.split('\n').slice(0, 4).join(' | ')}`)
    .join('\n');
  assert.equal(tally.threw.length, 0, `rules threw on ${tally.threw.length} files:\n${report}`);
}

/** Files whose name says they must parse: a parser that rejects them would hide the test. */
function mustParse(file: CorpusFile): boolean {
  return /test262-parser-tests@[^/]+\/package\/pass\//.test(file.path);
}

/** A program over the files, as a project would have, so that the rules see types. */
function programOf(files: CorpusFile[]): ts.Program {
  return ts.createProgram({
    rootNames: files.map((file) => file.path),
    options: {
      allowJs: true,
      noEmit: true,
      skipLibCheck: true,
      target: ts.ScriptTarget.ESNext,
      module: ts.ModuleKind.ESNext,
      moduleResolution: ts.ModuleResolutionKind.Bundler,
      jsx: ts.JsxEmit.Preserve,
      types: ['node'],
      typeRoots: [new URL('../../node_modules/@types', import.meta.url).pathname],
    },
  });
}

describe('no rule throws on syntax edge cases nobody here wrote', () => {
  const corpus = edgeCorpus();
  const javascript = fullRun ? corpus.javascript : everyNth(corpus.javascript, 12);
  const typescript = fullRun ? corpus.typescript : everyNth(corpus.typescript, 10);

  it('test262 parsed by espree', (t) => {
    const tally = lintEach(javascript, (file) => javascriptSetup(file.sourceType!));
    assertNothingThrew(t, tally);
    assert.deepEqual(tally.unparsable.filter(mustParse).map((file) => file.name), []);
    assert.ok(tally.linted.length > javascript.length / 2, 'most of test262 should parse');
  });

  it('test262 parsed by typescript-eslint', (t) => {
    assertNothingThrew(
      t,
      lintEach(javascript, () => typescriptSetup()),
    );
  });

  it('TypeScript sources and declarations without type information', (t) => {
    const tally = lintEach(typescript, () => typescriptSetup());
    assertNothingThrew(t, tally);
    assert.deepEqual(tally.unparsable.map((file) => file.name), []);
  });

  it('TypeScript and JavaScript with type information', (t) => {
    const sample = fullRun
      ? [...corpus.typescript, ...everyNth(corpus.javascript, 4)]
      : [...everyNth(corpus.typescript, 20), ...everyNth(corpus.javascript, 60)];
    const setup = typedSetup(programOf(sample));
    const tally = lintEach(sample, () => setup);
    assertNothingThrew(t, tally);
    assert.deepEqual(tally.unparsable.filter((file) => !file.sourceType).map((file) => file.name), []);
  });

  it('the real-code corpus of stream-heavy packages', { skip: !fullRun && 'runs in npm run test:reliability' }, async (t) => {
    const files = await realCorpus();
    assert.ok(files, 'scripts/corpus.mjs is missing');
    const tally = lintEach(files, (file) => javascriptSetup(file.sourceType!));
    assertNothingThrew(t, tally);
    assert.ok(tally.problems > 0, 'stream-heavy packages should give some problems');
  });
});
