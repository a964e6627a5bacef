import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from '@typescript-eslint/parser';
import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { Linter } from 'eslint';
import { transformSync } from 'esbuild';
import { implementationOf, type StreamImplementation } from '../../rules/src/analysis/index.js';
import implementationCallback from '../../rules/src/rules/implementation-callback.js';
import noThrowInImplementation from '../../rules/src/rules/no-throw-in-implementation.js';

/** What a rule claims of an implementation, in the terms Node can show. */
export type Behaviour = 'stall' | 'multipleCallback' | 'escapedWrite';

/** Each message of the custom-stream rules, and the behaviour it promises Node will show. */
const claims: Record<string, Behaviour> = {
  'implementation-callback/notCalled': 'stall',
  'implementation-callback/noCallbackParameter': 'stall',
  'implementation-callback/calledTwice': 'multipleCallback',
  'implementation-callback/calledInLoop': 'multipleCallback',
  'implementation-callback/calledInTryAndCatch': 'multipleCallback',
  'no-throw-in-implementation/throwInImplementation': 'escapedWrite',
};

export interface Scenario {
  chunks: unknown[];
  /** How the names the code uses without declaring them behave: return their input, throw, or call back with an error. */
  helpers: 'ok' | 'throws' | 'fails';
  /** A consumer that reads everything, or one that throws from its 'data' or 'finish' listener. */
  consumer: 'flowing' | 'throwingData' | 'throwingFinish';
  /** Cork before writing, so that the chunks reach `_writev` together. */
  corked?: boolean;
  /** Write a chunk, then destroy the stream and wait for 'close'. */
  destroy?: boolean;
}

export interface NodeRun {
  /** Whether Node could build the stream at all (a constructor may need arguments we cannot guess). */
  runnable: boolean;
  /** Each behaviour Node showed, with the first scenario that showed it. */
  shown: Map<Behaviour, Scenario>;
  errors: string[];
}

export interface Judgement {
  claimed: Set<Behaviour>;
  node: NodeRun;
}

const linter = new Linter({ configType: 'flat' });
const config: Linter.Config[] = [
  {
    files: ['**/*.ts'],
    languageOptions: { parser: { parse } as Linter.Parser, sourceType: 'module' },
    plugins: {
      'node-streams': {
        rules: {
          'implementation-callback': implementationCallback,
          'no-throw-in-implementation': noThrowInImplementation,
        },
      } as never,
    },
    rules: { 'node-streams/implementation-callback': 'error', 'node-streams/no-throw-in-implementation': 'error' },
  },
];

/** The behaviours the rules claim of `code`. */
export function claimedBehaviours(code: string): Set<Behaviour> {
  const messages = linter.verify(code, config, 'case.ts');
  const fatal = messages.find((message) => message.fatal);
  if (fatal) throw new Error(`cannot parse: ${fatal.message}`);
  return new Set(
    messages.flatMap((message) => {
      const claim = claims[`${message.ruleId?.replace('node-streams/', '')}/${message.messageId}`];
      return claim ? [claim] : [];
    }),
  );
}

/**
 * How to build each stream whose implementation the analysis sees, as expressions evaluated after
 * the code ran: `new Parser()` for a class or a constructor, the variable that holds a
 * `new Transform({…})`. Also the names the code uses without declaring them.
 */
export function streamConstructions(code: string): { constructions: string[]; helpers: string[] } {
  const constructions = new Set<string>();
  let helpers: string[] = [];
  const collect: TSESLint.RuleModule<never, []> = {
    meta: { type: 'problem', messages: {}, schema: [] },
    defaultOptions: [],
    create(context) {
      const sourceCode = context.sourceCode as never;
      const visit = (node: TSESTree.Node) => {
        const implementation = implementationOf(sourceCode, node);
        const construction = implementation && constructionOf(implementation);
        if (construction) constructions.add(construction);
      };
      return {
        FunctionDeclaration: visit,
        FunctionExpression: visit,
        ArrowFunctionExpression: visit,
        'Program:exit'() {
          helpers = [...new Set(context.sourceCode.scopeManager!.globalScope!.through.map((reference) => reference.identifier.name))];
        },
      };
    },
  };
  const messages = linter.verify(code, [
    {
      files: ['**/*.ts'],
      languageOptions: { parser: { parse } as Linter.Parser, sourceType: 'module' },
      plugins: { harness: { rules: { collect } } as never },
      rules: { 'harness/collect': 'error' },
    },
  ], 'case.ts');
  const fatal = messages.find((message) => message.fatal);
  if (fatal) throw new Error(`cannot parse: ${fatal.message}`);
  return { constructions: [...constructions], helpers };
}

function constructionOf(implementation: StreamImplementation): string | null {
  const fn = implementation.function;
  const parent = fn.parent;
  if (parent?.type === AST_NODE_TYPES.MethodDefinition || parent?.type === AST_NODE_TYPES.PropertyDefinition) {
    const owner = parent.parent.parent;
    const name = owner.type === AST_NODE_TYPES.ClassDeclaration ? owner.id?.name : variableHolding(owner);
    return name ? `new ${name}()` : null;
  }
  // `Object.assign(Parser.prototype, { _transform() {…} })`
  const assigned = parent?.type === AST_NODE_TYPES.Property ? parent.parent.parent : null;
  if (assigned?.type === AST_NODE_TYPES.CallExpression && assigned.arguments[0]?.type === AST_NODE_TYPES.MemberExpression) {
    const constructor = assigned.arguments[0].object;
    if (constructor.type === AST_NODE_TYPES.Identifier) return `new ${constructor.name}()`;
  }
  if (parent?.type === AST_NODE_TYPES.AssignmentExpression && parent.left.type === AST_NODE_TYPES.MemberExpression) {
    const owner = parent.left.object;
    if (owner.type === AST_NODE_TYPES.MemberExpression && owner.object.type === AST_NODE_TYPES.Identifier) {
      return `new ${owner.object.name}()`;
    }
    return owner.type === AST_NODE_TYPES.Identifier ? owner.name : null;
  }
  let node: TSESTree.Node | undefined = fn;
  while (node && node.type !== AST_NODE_TYPES.NewExpression) node = node.parent;
  return node ? variableHolding(node) : null;
}

/** `const parse = new Transform(…)`, `const Parser = class extends Transform {…}`: the variable, when it is at the top. */
function variableHolding(node: TSESTree.Node): string | null {
  const declarator = node.parent;
  if (declarator?.type !== AST_NODE_TYPES.VariableDeclarator || declarator.id.type !== AST_NODE_TYPES.Identifier) return null;
  return declarator.parent.parent?.type === AST_NODE_TYPES.Program ? declarator.id.name : null;
}

/**
 * The scenarios for a source: no chunk, one chunk, several, and each literal the code compares
 * chunks with (a string it tests for, a length it counts to), under every helper behaviour; the
 * consumers that fail, on the full input; a destroy.
 */
export function scenariosFor(code: string): Scenario[] {
  const literals = new Set<string>(['hello', '{"a":1}', '"hello"', 'not json', '']);
  for (const match of code.matchAll(/'([^'\\\n]{1,40})'|"([^"\\\n]{1,40})"/g)) literals.add(match[1] ?? match[2]);
  for (const match of code.matchAll(/\b(\d{1,5})\b/g)) {
    const size = Number(match[1]);
    if (size > 1 && size <= 65536) literals.add('x'.repeat(size + 1));
  }
  const scenarios: Scenario[] = [];
  for (const chunks of [[], ['hello'], [...literals], [{ a: 1 }, { b: 2 }]]) {
    for (const helpers of ['ok', 'throws', 'fails'] as const) scenarios.push({ chunks, helpers, consumer: 'flowing' });
  }
  for (const literal of literals) scenarios.push({ chunks: [literal], helpers: 'ok', consumer: 'flowing' });
  for (const consumer of ['throwingData', 'throwingFinish'] as const) {
    scenarios.push({ chunks: ['hello'], helpers: 'ok', consumer }, { chunks: [...literals], helpers: 'ok', consumer });
  }
  scenarios.push({ chunks: [...literals], helpers: 'ok', consumer: 'flowing', corked: true });
  scenarios.push({ chunks: ['hello'], helpers: 'ok', consumer: 'flowing', destroy: true });
  return scenarios;
}

const driver = new URL('./drive-stream.cjs', import.meta.url).pathname;
const repositoryRoot = new URL('../../', import.meta.url).pathname;

/** Runs the code's streams under Node in a child process, through every scenario. */
export async function runUnderNode(code: string): Promise<NodeRun> {
  const { constructions, helpers } = streamConstructions(code);
  const run: NodeRun = { runnable: false, shown: new Map(), errors: [] };
  if (constructions.length === 0) return run;
  let compiled: string;
  try {
    compiled = transformSync(code, { loader: 'ts', format: 'cjs', target: 'node20' }).code;
  } catch {
    return run;
  }
  const directory = mkdtempSync(join(tmpdir(), 'node-verdict-'));
  const scenarios = scenariosFor(code);
  try {
    for (const construction of constructions) {
      const modulePath = join(directory, `case-${constructions.indexOf(construction)}.cjs`);
      writeFileSync(
        modulePath,
        // The repository's require, so that `require('readable-stream')` finds the packages the tests have.
        `const repositoryRequire = require('node:module').createRequire(${JSON.stringify(repositoryRoot)});\n` +
          `module.exports = function make() {\nconst require = repositoryRequire; const module = { exports: {} }; const exports = module.exports;\n${compiled}\nreturn (${construction});\n};\n`,
      );
      const jobPath = join(directory, 'job.json');
      writeFileSync(jobPath, JSON.stringify({ module: modulePath, helpers, scenarios }));
      const output = await runChild(jobPath);
      const results = JSON.parse(output) as { scenario: Scenario; seen: Record<string, boolean>; errors: string[] }[];
      for (const { scenario, seen, errors } of results) {
        if (!seen.constructed) continue;
        // Our world lacked something the code needs somewhere: what Node did proves nothing.
        if (seen.inconclusive) return { runnable: false, shown: new Map(), errors };
        run.runnable = true;
        run.errors.push(...errors);
        const behaviours: [Behaviour, boolean][] = [
          ['stall', seen.stalled],
          ['multipleCallback', seen.multipleCallback],
          ['escapedWrite', seen.escapedWrite],
        ];
        for (const [behaviour, shown] of behaviours) if (shown && !run.shown.has(behaviour)) run.shown.set(behaviour, scenario);
      }
    }
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
  return run;
}

function runChild(jobPath: string): Promise<string> {
  return new Promise((resolve, reject) => {
    // The kill is a guard against an implementation that loops forever, not a measurement.
    const child = spawn(process.execPath, [driver, jobPath], { stdio: ['ignore', 'pipe', 'pipe'], timeout: 60_000 });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (data) => (stdout += data));
    child.stderr.on('data', (data) => (stderr += data));
    child.on('close', (status, signal) =>
      status === 0 ? resolve(stdout) : reject(new Error(`driver failed (${status ?? signal}): ${stderr.slice(0, 500)}`)),
    );
  });
}

/** The code of every case a rule test file gives its rule tester, valid and invalid. */
export function testCasesOf(testFile: string): { code: string; valid: boolean }[] {
  const program = parse(readFileSync(testFile, 'utf8'), { sourceType: 'module', range: true }) as TSESTree.Program;
  const cases: { code: string; valid: boolean }[] = [];
  const visit = (node: unknown): void => {
    if (!node || typeof node !== 'object') return;
    const current = node as TSESTree.Node;
    if (
      current.type === AST_NODE_TYPES.CallExpression &&
      current.callee.type === AST_NODE_TYPES.MemberExpression &&
      current.callee.property.type === AST_NODE_TYPES.Identifier &&
      current.callee.property.name === 'run' &&
      current.arguments[2]?.type === AST_NODE_TYPES.ObjectExpression
    ) {
      for (const property of current.arguments[2].properties) {
        if (property.type !== AST_NODE_TYPES.Property || property.key.type !== AST_NODE_TYPES.Identifier) continue;
        const list = property.value.type === AST_NODE_TYPES.Identifier ? topLevelArray(program, property.value.name) : property.value;
        if (list?.type !== AST_NODE_TYPES.ArrayExpression) continue;
        for (const element of list.elements) {
          const code = element && caseCode(element);
          if (code !== null) cases.push({ code, valid: property.key.name === 'valid' });
        }
      }
    }
    for (const [key, value] of Object.entries(current)) {
      if (key !== 'parent') Array.isArray(value) ? value.forEach(visit) : visit(value);
    }
  };
  visit(program);
  return cases;
}

/** `const invalid = […]` at the top of the test file, given to the tester by name. */
function topLevelArray(program: TSESTree.Program, name: string): TSESTree.Node | null {
  for (const statement of program.body) {
    if (statement.type !== AST_NODE_TYPES.VariableDeclaration) continue;
    for (const declarator of statement.declarations) {
      if (declarator.id.type === AST_NODE_TYPES.Identifier && declarator.id.name === name) return declarator.init;
    }
  }
  return null;
}

function caseCode(element: TSESTree.Node): string | null {
  if (element.type === AST_NODE_TYPES.Literal && typeof element.value === 'string') return element.value;
  if (element.type === AST_NODE_TYPES.TemplateLiteral && element.expressions.length === 0) return element.quasis[0].value.cooked;
  if (element.type !== AST_NODE_TYPES.ObjectExpression) return null;
  const code = element.properties.find(
    (property): property is TSESTree.Property =>
      property.type === AST_NODE_TYPES.Property && property.key.type === AST_NODE_TYPES.Identifier && property.key.name === 'code',
  );
  return code ? caseCode(code.value) : null;
}

/** Runs the cases two at a time (the machine is shared) and returns each judgement in order. */
export async function judgeAll(codes: string[]): Promise<Judgement[]> {
  const judgements: Judgement[] = new Array(codes.length);
  let next = 0;
  const worker = async () => {
    for (let index = next++; index < codes.length; index = next++) {
      judgements[index] = { claimed: claimedBehaviours(codes[index]), node: await runUnderNode(codes[index]) };
    }
  };
  await Promise.all([worker(), worker()]);
  return judgements;
}
