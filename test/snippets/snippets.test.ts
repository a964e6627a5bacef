// Every snippet, in every form a user can get (JavaScript with import or require, TypeScript),
// expanded with its placeholders' defaults: it passes our strict config, type-checks, and runs.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import ts from 'typescript';
import { lintText } from '../support/lint.js';
import { exercises } from './exercises.js';
import { expandedCode, exportingModule, forms, loadLibrary } from './snippet-forms.js';

const library = loadLibrary();
const scratch = mkdtempSync(join(tmpdir(), 'node-streams-snippets-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

/** One program for every TypeScript form: `tsc --strict` with @types/node, as a user's project has. */
const typeErrors = (() => {
  let errors: Map<string, string[]> | undefined;
  return (snippetName: string): string[] => {
    errors ??= checkTypes();
    return errors.get(snippetName) ?? [];
  };
})();

function checkTypes(): Map<string, string[]> {
  const folder = join(scratch, 'typescript');
  const files = library.map((snippet) => {
    const file = join(folder, `${snippet.name}.mts`);
    writeFileSyncMaking(file, expandedCode(snippet, forms[2]));
    return file;
  });
  const program = ts.createProgram(files, {
    strict: true,
    noImplicitOverride: true,
    noImplicitReturns: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    types: ['node'],
    typeRoots: [join(process.cwd(), 'node_modules/@types')],
    noEmit: true,
  });
  const errors = new Map<string, string[]>();
  for (const diagnostic of ts.getPreEmitDiagnostics(program)) {
    const name = diagnostic.file ? diagnostic.file.fileName.replace(/^.*\/|\.mts$/g, '') : 'program';
    const line = diagnostic.file ? diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start ?? 0).line + 1 : 0;
    errors.set(name, [...(errors.get(name) ?? []), `${line}: ${ts.flattenDiagnosticMessageText(diagnostic.messageText, ' ')}`]);
  }
  return errors;
}

function writeFileSyncMaking(file: string, text: string): void {
  rmSync(file, { force: true });
  mkdirFor(file);
  writeFileSync(file, text);
}

function mkdirFor(file: string): void {
  const folder = file.slice(0, file.lastIndexOf('/'));
  mkdirSyncRecursive(folder);
}

import { mkdirSync } from 'node:fs';
function mkdirSyncRecursive(folder: string): void {
  mkdirSync(folder, { recursive: true });
}

for (const snippet of library) {
  describe(`snippet ${snippet.name}`, () => {
    const exercise = exercises[snippet.name];

    it('has an exercise', () => assert.ok(exercise, `add an exercise for ${snippet.name} in test/snippets/exercises.ts`));

    it('type-checks under tsc --strict (TypeScript form)', () => {
      assert.deepEqual(typeErrors(snippet.name), []);
    });

    for (const form of forms) {
      it(`passes the strict config with no report (${form.name})`, () => {
        const problems = lintText(expandedCode(snippet, form), `snippet${form.extension}`, 'strict');
        assert.deepEqual(
          problems.map((problem) => `${problem.line}:${problem.column} ${problem.ruleId ?? 'parse error'}: ${problem.message}`),
          [],
        );
      });

      it(`runs (${form.name})`, { timeout: 30_000 }, async () => {
        assert.ok(exercise);
        const directory = mkdtempSync(join(scratch, `${snippet.name}-`));
        const modulePath = join(scratch, `${snippet.name}-${form.name}${form.extension}`);
        writeFileSync(modulePath, exportingModule(snippet, form, exercise.exports));
        const loaded = (await import(pathToFileURL(modulePath).href)) as Record<string, unknown>;
        const api = (form.style.modules === 'require' ? loaded.default : loaded) as Record<string, unknown>;
        for (const name of exercise.exports) assert.ok(api[name], `the snippet defines ${name}`);
        await exercise.run(api, directory, modulePath);
      });
    }
  });
}
