// The repository lints its own code: typescript-eslint's strict type-checked config and this
// plugin's `strict` config, on the sources, tests and scripts; test/lint.test.ts runs it in npm
// test. What was there before is counted per file and rule in eslint-suppressions.json, the
// exception list: a file may not get more of them, and fixing one means lowering its count
// (`npx eslint --prune-suppressions`). Needs the plugin built (`npm run build`).
import nodeStreams from 'eslint-plugin-node-streams';
import tseslint from 'typescript-eslint';

/**
 * Code with planted bugs, which the rules must find: the examples, the walkthrough's steps, test
 * fixtures and workspaces, the bug benchmark's files, the traced programs. Our own lint leaves
 * them out (`npm run lint`, test/lint.test.ts), but they are not ignored by the config: the
 * node-streams CLI honours a project's ignores, and `npm start` lints examples/ from here.
 */
export const plantedBugs = [
  'examples/**',
  'client/walkthrough/**',
  '**/fixtures/**',
  'test/e2e/workspace/**',
  'test/bugs/*/**',
  'bench/trace-programs/**',
];

/** The plugin's strict config with every rule an error: its preferences, warnings for users, count in our code too. */
const nodeStreamsStrict = {
  ...nodeStreams.configs.strict,
  rules: Object.fromEntries(
    Object.entries(nodeStreams.configs.strict.rules ?? {}).map(([name, entry]) => [name, Array.isArray(entry) ? ['error', ...entry.slice(1)] : 'error']),
  ),
};

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      '**/out/**',
      'rules/types/**',
      '.tsbuild/**',
      'artifacts/**',
    ],
  },
  {
    files: ['**/*.{ts,mts,cts,js,mjs,cjs}'],
    extends: [tseslint.configs.strictTypeChecked, nodeStreamsStrict],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      // node:test's describe() and it() return promises that the runner itself awaits.
      '@typescript-eslint/no-floating-promises': [
        'error',
        { allowForKnownSafeCalls: [{ from: 'package', package: 'node:test', name: ['describe', 'it', 'test', 'suite'] }] },
      ],
      // A number prints as itself; the rule's point is objects and nullish values.
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      // The AST, LSP and JSON types describe well-formed input; the code guards against malformed
      // input on purpose (bad input never takes the server or other rules down).
      '@typescript-eslint/no-unnecessary-condition': 'off',
      // `!` marks a fact the compiler cannot follow (Map.get after has(), a regex group that matched).
      '@typescript-eslint/no-non-null-assertion': 'off',
      // `() => callback()` in a callback position is an idiom, not a value someone reads.
      '@typescript-eslint/no-confusing-void-expression': ['error', { ignoreArrowShorthand: true }],
      // Node types are compared as strings, as ESLint's own rules do, on espree and typescript-estree trees alike.
      '@typescript-eslint/no-unsafe-enum-comparison': 'off',
    },
  },
  {
    // JavaScript files belong to no tsconfig, nor does the bug benchmark's test (the typecheck
    // leaves test/bugs out): the rules that need no types.
    files: ['**/*.{js,mjs,cjs}', 'test/bugs/bugs.test.ts'],
    extends: [tseslint.configs.disableTypeChecked],
  },
  {
    files: ['**/*.cjs'],
    // CommonJS modules (the tracer, which a `--require` loads) require what they use.
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // The tracer and the stream driver read Node's stream state on purpose: that is what they observe.
    files: ['trace/src/**', 'test/semantics/drive-stream.cjs'],
    rules: { 'node-streams/no-stream-internals': 'off' },
  },
  {
    // Tests read JSON files and LSP messages, whose shapes they assert.
    files: ['test/**'],
    rules: {
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
    },
  },
);
