// The compiler enforces the package table of ARCHITECTURE.md: a file of a package that imports
// what that package may not see does not compile with the package's own tsconfig.json. Each case
// compiles the package's real project with more source files in it, held in memory (a file
// written into the tree would be seen by the other tests running beside this one).
// Run after `npm run typecheck` (npm test does): the projects read their references' declarations.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const root = fileURLToPath(new URL('../', import.meta.url));

const describeDiagnostic = (diagnostic: ts.Diagnostic) =>
  `TS${diagnostic.code}: ${ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n').split('\n')[0]}`;

/**
 * `packageName`'s project compiled with `files` added to its src/ (one program for all of them):
 * the errors of each added file, those of the project about its imports included.
 */
function compileWithFiles(packageName: string, files: Record<string, string>): Map<string, string[]> {
  const configPath = join(root, packageName, 'tsconfig.json');
  const parsed = ts.getParsedCommandLineOfConfigFile(configPath, {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: (diagnostic) => assert.fail(describeDiagnostic(diagnostic)) });
  assert.ok(parsed, `${configPath} parses`);
  const added = new Map(Object.entries(files).map(([name, text]) => [join(root, packageName, 'src', name), text]));
  const host = ts.createCompilerHost(parsed.options);
  const { getSourceFile, fileExists, readFile } = host;
  host.getSourceFile = (path, languageVersion, ...rest) => {
    const text = added.get(path);
    return text === undefined ? getSourceFile.call(host, path, languageVersion, ...rest) : ts.createSourceFile(path, text, languageVersion);
  };
  host.fileExists = (path) => added.has(path) || fileExists.call(host, path);
  host.readFile = (path) => added.get(path) ?? readFile.call(host, path);
  const program = ts.createProgram({
    rootNames: [...parsed.fileNames, ...added.keys()],
    options: { ...parsed.options, noEmit: true },
    projectReferences: parsed.projectReferences,
    host,
  });
  const fileErrors = new Map<string, string[]>();
  for (const [path] of added) {
    const file = program.getSourceFile(path);
    assert.ok(file);
    fileErrors.set(path.slice(join(root, packageName, 'src/').length), ts.getPreEmitDiagnostics(program, file).map(describeDiagnostic));
  }
  return fileErrors;
}

const notInProject = (errors: string[], target: string) => errors.some((error) => error.startsWith('TS6307') && error.includes(target));

describe('the compiler rejects an import the package table does not allow', () => {
  describe('client', () => {
    const fileErrors = compileWithFiles('client', {
      'allowed-import.ts':
        "import { settingsSection } from '../../protocol/src/settings.js';\nimport { levels } from 'eslint-plugin-node-streams/skill-tree';\nexport const both = [settingsSection, levels];\n",
      'wrong-way.ts': "export { Session } from '../../server/src/session.js';\n",
    });

    it('may import the protocol and the plugin’s exports', () => {
      assert.deepEqual(fileErrors.get('allowed-import.ts'), [], 'run npm run typecheck first if declarations are missing');
    });

    it('may not import the server', () => {
      const errors = fileErrors.get('wrong-way.ts') ?? [];
      assert.ok(notInProject(errors, 'server/src/session.ts'), `expected: server/src/session.ts is not in the client's project\n${errors.join('\n')}`);
    });
  });

  describe('server', () => {
    const fileErrors = compileWithFiles('server', {
      'allowed-import.ts': "import { refactorRules } from 'eslint-plugin-node-streams/refactors';\nexport const names = Object.keys(refactorRules);\n",
      'wrong-way-path.ts': "export { streamKindOf } from '../../rules/src/analysis/stream-sources.js';\n",
      'wrong-way-export.ts': "export { streamKindOf } from 'eslint-plugin-node-streams/src/analysis/stream-sources.js';\n",
    });

    it('may import the plugin’s exports', () => {
      assert.deepEqual(fileErrors.get('allowed-import.ts'), [], 'run npm run typecheck first if declarations are missing');
    });

    it('may not import the plugin’s sources by path', () => {
      const errors = fileErrors.get('wrong-way-path.ts') ?? [];
      assert.ok(
        notInProject(errors, 'rules/src/analysis/stream-sources.ts'),
        `expected: rules/src/analysis/stream-sources.ts is not in the server's project\n${errors.join('\n')}`,
      );
    });

    it('may not import what the plugin does not export', () => {
      const errors = fileErrors.get('wrong-way-export.ts') ?? [];
      assert.ok(
        errors.some((error) => error.startsWith('TS2307') && error.includes('eslint-plugin-node-streams/src/analysis/stream-sources.js')),
        `expected: no such export of the plugin\n${errors.join('\n')}`,
      );
    });
  });
});
