// `npm run lint`: the repository's own lint, as test/lint.test.ts runs it: eslint.config.js with
// the counted exceptions of eslint-suppressions.json, leaving out the code with planted bugs.
//   npm run lint               prints the problems (stylish), exits 1 if there are any
//   npm run lint -- --fix      applies the fixes first
import { ESLint } from 'eslint';
import { plantedBugs } from '../eslint.config.js';

const fix = process.argv.includes('--fix');
const eslint = new ESLint({ applySuppressions: true, ignorePatterns: plantedBugs, fix });
const results = await eslint.lintFiles(['.']);
if (fix) await ESLint.outputFixes(results);
const formatter = await eslint.loadFormatter('stylish');
process.stdout.write(await formatter.format(results));
process.exitCode = results.some((result) => result.errorCount + result.warningCount > 0) ? 1 : 0;
