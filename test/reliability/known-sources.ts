import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { parse } from '@typescript-eslint/parser';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** A program the project already knows: a test case, a docs example, an example file. */
export interface KnownSource {
  name: string;
  code: string;
  filename: string;
}

const repositoryRoot = new URL('../../', import.meta.url).pathname;

function stringValue(node: TSESTree.Node | undefined): string | null {
  if (node?.type === AST_NODE_TYPES.Literal && typeof node.value === 'string') return node.value;
  if (node?.type === AST_NODE_TYPES.TemplateLiteral && node.expressions.length === 0) {
    return node.quasis[0].value.cooked ?? null;
  }
  return null;
}

function propertyOf(object: TSESTree.ObjectExpression, name: string): TSESTree.Node | undefined {
  const property = object.properties.find(
    (each) =>
      each.type === AST_NODE_TYPES.Property &&
      !each.computed &&
      each.key.type === AST_NODE_TYPES.Identifier &&
      each.key.name === name,
  );
  return property?.type === AST_NODE_TYPES.Property ? property.value : undefined;
}

/** The code, expected output and suggestion outputs of one `valid`/`invalid` entry. */
function programsOfCase(entry: TSESTree.Node): { code: string; filename?: string }[] {
  const plain = stringValue(entry);
  if (plain !== null) return [{ code: plain }];
  if (entry.type !== AST_NODE_TYPES.ObjectExpression) return [];
  const filename = stringValue(propertyOf(entry, 'filename')) ?? undefined;
  const texts = [stringValue(propertyOf(entry, 'code')), stringValue(propertyOf(entry, 'output'))];
  const errors = propertyOf(entry, 'errors');
  for (const error of errors?.type === AST_NODE_TYPES.ArrayExpression ? errors.elements : []) {
    if (error?.type !== AST_NODE_TYPES.ObjectExpression) continue;
    const suggestions = propertyOf(error, 'suggestions');
    for (const suggestion of suggestions?.type === AST_NODE_TYPES.ArrayExpression ? suggestions.elements : []) {
      if (suggestion?.type === AST_NODE_TYPES.ObjectExpression) texts.push(stringValue(propertyOf(suggestion, 'output')));
    }
  }
  return texts.filter((text): text is string => text !== null).map((code) => ({ code, filename }));
}

/**
 * Every program written in the rules' RuleTester suites, read from the test files without running
 * them: `valid` and `invalid` cases, their outputs and their suggestions' outputs.
 */
export function ruleTesterSources(): KnownSource[] {
  const directory = join(repositoryRoot, 'test/rules');
  const sources: KnownSource[] = [];
  for (const file of readdirSync(directory).filter((name) => name.endsWith('.test.ts')).sort()) {
    const ast = parse(readFileSync(join(directory, file), 'utf8'), { loc: true, range: true });
    for (const node of objectExpressionsIn(ast as TSESTree.Node)) {
      for (const group of ['valid', 'invalid']) {
        const cases = propertyOf(node, group);
        if (cases?.type !== AST_NODE_TYPES.ArrayExpression) continue;
        for (const entry of cases.elements) {
          if (!entry) continue;
          for (const program of programsOfCase(entry)) {
            sources.push({
              name: `test/rules/${file}:${entry.loc.start.line} (${group})`,
              code: program.code,
              // The rule tester's own default: typescript-eslint's parser, on a .ts file.
              filename: program.filename ?? 'case.ts',
            });
          }
        }
      }
    }
  }
  return sources;
}

function* objectExpressionsIn(node: TSESTree.Node): Generator<TSESTree.ObjectExpression> {
  if (node.type === AST_NODE_TYPES.ObjectExpression) yield node;
  for (const [key, value] of Object.entries(node)) {
    if (key === 'parent') continue;
    for (const child of Array.isArray(value) ? value : [value]) {
      if (child && typeof child === 'object' && typeof (child as { type?: unknown }).type === 'string') {
        yield* objectExpressionsIn(child as TSESTree.Node);
      }
    }
  }
}

/** The fenced examples of every rule page. */
export function docsSources(): KnownSource[] {
  const directory = join(repositoryRoot, 'rules/docs');
  return readdirSync(directory)
    .filter((name) => name.endsWith('.md'))
    .sort()
    .flatMap((page) => {
      const lines = readFileSync(join(directory, page), 'utf8').split('\n');
      const found: KnownSource[] = [];
      lines.forEach((line, index) => {
        const fence = /^```(js|mjs|cjs|ts|tsx|jsx)$/.exec(line);
        if (!fence) return;
        const end = lines.indexOf('```', index + 1);
        found.push({
          name: `rules/docs/${page}:${index + 2}`,
          code: lines.slice(index + 1, end).join('\n'),
          filename: `example.${fence[1]}`,
        });
      });
      return found;
    });
}

/** The example files that show each rule's bug. */
export function exampleSources(): KnownSource[] {
  const walk = (directory: string): string[] =>
    readdirSync(directory)
      .sort()
      .flatMap((name) => {
        const path = join(directory, name);
        if (statSync(path).isDirectory()) return name === 'node_modules' ? [] : walk(path);
        return /\.(m|c)?(j|t)sx?$/.test(name) ? [path] : [];
      });
  return walk(join(repositoryRoot, 'examples')).map((path) => ({
    name: path.slice(repositoryRoot.length),
    code: readFileSync(path, 'utf8'),
    filename: path,
  }));
}
