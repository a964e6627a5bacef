// Figure 4: re-linting one file of a 200-file TypeScript project with type information, after a
// one-character edit, once the project is loaded (what an editor does on every keystroke).
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { FlatConfigArray, Linter, plugin } from './eslint-internals.mjs';
import { latencySummary, round, timed } from './statistics.mjs';
import { oneCharacterEdits } from './edits.mjs';

const require = createRequire(import.meta.url);
const warmUpEdits = 3;

/** In this process, with ESLint's `Linter` and typescript-eslint's project service. */
export function measureTypeAware(project, { edits }) {
  const parser = require('@typescript-eslint/parser');
  const typed = {
    files: ['**/*.ts'],
    languageOptions: { parser, parserOptions: { projectService: true, tsconfigRootDir: project.root } },
  };
  const prepare = (configs) => {
    const configArray = new FlatConfigArray(configs, { basePath: project.root });
    configArray.normalizeSync();
    return configArray;
  };
  const withRules = prepare([typed, plugin.configs.all]);
  const floor = prepare([typed]);
  const linter = new Linter({ cwd: project.root });
  const filename = project.files[Math.floor(project.files.length / 2)];
  const original = readFileSync(filename, 'utf8');
  const first = timed(() => linter.verify(original, withRules, { filename }));
  const fatal = first.result.find((message) => message.fatal);
  if (fatal) throw new Error(`${filename}: ${fatal.message}`);
  const texts = oneCharacterEdits(original, warmUpEdits + edits);
  // Each series edits the text anew, so each pays for the type checker's update after an edit.
  const series = (configArray) =>
    texts.map((text) => timed(() => linter.verify(text, configArray, { filename })).milliseconds).slice(warmUpEdits);
  const samples = { withRules: series(withRules), floor: series(floor) };
  return {
    files: project.files.length,
    lines: countProjectLines(project.files),
    firstLintMilliseconds: round(first.milliseconds),
    editRelint: latencySummary(samples.withRules),
    typedParseOnly: latencySummary(samples.floor),
  };
}

function countProjectLines(files) {
  return files.reduce((sum, file) => sum + readFileSync(file, 'utf8').split('\n').length, 0);
}
