import type { AST, Linter, SourceCode } from 'eslint';
import plugin from '../../rules/src/index.js';
import { lintOnce, type LintSetup } from './linting.js';
import { applyEdit, hunksBetween, mapOffset, type Edit, type Hunk } from './text-diff.js';

/** One fix or suggestion that broke a promise, with what it produced. */
export interface FixFailure {
  rule: string;
  offered: string;
  line: number;
  column: number;
  why: string;
  output: string;
}

interface Problem {
  rule: string;
  start: number;
  end: number;
}

const ours = (message: Linter.LintMessage) => message.ruleId?.startsWith('node-streams/') ?? false;

function offsetOf(sourceCode: SourceCode, line: number, column: number): number {
  if (line > sourceCode.lines.length) return sourceCode.text.length;
  return sourceCode.getIndexFromLoc({ line, column: column - 1 });
}

function problemsOf(sourceCode: SourceCode, messages: Linter.LintMessage[]): Problem[] {
  return messages.filter(ours).map((message) => ({
    rule: message.ruleId!,
    start: offsetOf(sourceCode, message.line, message.column),
    end: offsetOf(sourceCode, message.endLine ?? message.line, message.endColumn ?? message.column),
  }));
}

/** Linted text with its source code, which the linter keeps only until the next run. */
interface Linted {
  sourceCode: SourceCode;
  messages: Linter.LintMessage[];
  problems: Problem[];
}

function lintKeepingSource(linter: Linter, setup: LintSetup, code: string, filename: string): Linted | string {
  const outcome = lintOnce(linter, setup, code, filename);
  if (outcome.kind === 'threw') return `a rule threw: ${outcome.error.message.split('\n')[0]}`;
  if (outcome.kind === 'unparsable') return `it does not parse: ${outcome.message}`;
  const sourceCode = linter.getSourceCode() as SourceCode;
  return { sourceCode, messages: outcome.messages, problems: problemsOf(sourceCode, outcome.messages) };
}

/** Every comment, as a count per text: a fix may move a comment but never drop one. */
function commentCounts(sourceCode: SourceCode): Map<string, number> {
  const counts = new Map<string, number>();
  for (const comment of sourceCode.getAllComments()) {
    const key = `${comment.type}:${comment.value}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

function droppedComments(before: SourceCode, after: SourceCode): string[] {
  const left = commentCounts(after);
  return [...commentCounts(before)].filter(([key, count]) => (left.get(key) ?? 0) < count).map(([key]) => key);
}

type Node = { type: string; range: [number, number] } & Record<string, unknown>;

function childrenOf(node: Node): Node[] {
  return Object.entries(node).flatMap(([key, value]) => {
    if (key === 'parent' || key === 'tokens' || key === 'comments') return [];
    const values = Array.isArray(value) ? value : [value];
    return values.filter((each): each is Node => typeof each?.type === 'string' && Array.isArray(each.range));
  });
}

const statementLists = new Set(['Program', 'BlockStatement', 'StaticBlock', 'SwitchCase', 'TSModuleBlock']);

/** The innermost list of statements (a block, the program) around a range. */
function enclosingBlock(ast: AST.Program, start: number, end: number): [number, number] {
  let found: Node = ast as unknown as Node;
  let current: Node | undefined = found;
  while (current) {
    current = childrenOf(current).find((child) => child.range[0] <= start && end <= child.range[1]);
    if (current && statementLists.has(current.type)) found = current;
  }
  return found.type === 'Program' ? [0, Number.MAX_SAFE_INTEGER] : found.range;
}

/** Import declarations and top-level `require()` declarations: where a fix may add its import. */
function importRanges(ast: AST.Program): [number, number][] {
  const isRequire = (node: unknown): boolean => {
    const init = node as Node | null;
    if (init?.type === 'MemberExpression') return isRequire(init.object);
    const callee = init?.callee as Node | undefined;
    return init?.type === 'CallExpression' && callee?.type === 'Identifier' && callee.name === 'require';
  };
  return (ast.body as unknown as Node[])
    .filter(
      (statement) =>
        statement.type === 'ImportDeclaration' ||
        statement.type === 'TSImportEqualsDeclaration' ||
        (statement.type === 'VariableDeclaration' &&
          (statement.declarations as Node[]).every((declarator) => isRequire(declarator.init))),
    )
    .map((statement) => statement.range);
}

function coveredBy(text: string, start: number, end: number, ranges: [number, number][]): boolean {
  for (let offset = start; offset < end; offset++) {
    if (/\s/.test(text[offset])) continue;
    if (!ranges.some(([from, to]) => from <= offset && offset < to)) return false;
  }
  return true;
}

function describeHunk(text: string, hunk: Hunk): string {
  return JSON.stringify(text.slice(hunk.newStart, hunk.newEnd).slice(0, 120));
}

/** What is wrong with the code that one fix or suggestion made: nothing when it keeps every promise. */
function judgeEdit(before: Linted, problem: Problem, code: string, output: string, after: Linted | string): string[] {
  if (typeof after === 'string') return [`after the fix ${after}`];
  const hunks = hunksBetween(code, output);
  if (hunks.length === 0) return ['the fix changes nothing'];
  return [
    ...reportedAgain(before, problem, hunks, after),
    ...addedProblems(before, hunks, after),
    ...droppedComments(before.sourceCode, after.sourceCode).map((comment) => `the fix drops comments: ${comment}`),
    ...changesElsewhere(before, problem, hunks, code, output, after),
  ];
}

const inside = (offset: number, start: number, end: number) => start <= offset && offset < end;

function reportedAgain(before: Linted, problem: Problem, hunks: Hunk[], after: Linted): string[] {
  const mapped = mapOffset(problem.start, hunks);
  const sameRule = (problems: Problem[]) => problems.filter((each) => each.rule === problem.rule);
  if (typeof mapped === 'number') {
    return sameRule(after.problems).some((each) => each.start === mapped) ? ['the rule reports the same place again'] : [];
  }
  const was = sameRule(before.problems).filter((each) => inside(each.start, mapped.oldStart, mapped.oldEnd)).length;
  const is = sameRule(after.problems).filter((each) => inside(each.start, mapped.newStart, mapped.newEnd)).length;
  return is >= was ? ['the rule reports the rewritten code again'] : [];
}

/**
 * Preferences (`meta.type: 'suggestion'`, such as prefer-stream-promises) may ask for more once a
 * fix has made the code correct: a hand-made promise that now rejects on 'error' is right, and
 * `finished()` is only the tidier way to write it.
 */
function isPreference(rule: string): boolean {
  const name = rule.slice('node-streams/'.length) as keyof typeof plugin.rules;
  return plugin.rules[name]?.meta.type === 'suggestion';
}

/** A problem of any of our rules (preferences aside) that was not there before the fix. */
function addedProblems(before: Linted, hunks: Hunk[], after: Linted): string[] {
  const count = (problems: Problem[], rule: string, start: number, end: number) =>
    problems.filter((each) => each.rule === rule && inside(each.start, start, end)).length;
  return after.problems.filter((added) => !isPreference(added.rule)).flatMap((added) => {
    const origin = mapOffset(added.start, hunks, true);
    if (typeof origin === 'number') {
      const existed = before.problems.some((each) => each.rule === added.rule && each.start === origin);
      return existed ? [] : [`the fix adds a problem: ${added.rule} at offset ${added.start}`];
    }
    // A problem the rewrite only moved (`stream0.pipe(…)` reported at its start, `pipeline(stream0, …)`
    // at the argument) leaves the rule's count in the file as it was.
    const total = (problems: Problem[]) => problems.filter((each) => each.rule === added.rule).length;
    const more =
      count(after.problems, added.rule, origin.newStart, origin.newEnd) >
        count(before.problems, added.rule, origin.oldStart, origin.oldEnd) && total(after.problems) > total(before.problems);
    return more ? [`the fix adds a problem: ${added.rule} in the rewritten code`] : [];
  });
}

/** Every change must be in the problem's own block, or an import added at the top. */
function changesElsewhere(before: Linted, problem: Problem, hunks: Hunk[], code: string, output: string, after: Linted): string[] {
  const [blockStart, blockEnd] = enclosingBlock(before.sourceCode.ast, problem.start, problem.end);
  const oldImports = importRanges(before.sourceCode.ast);
  const newImports = importRanges(after.sourceCode.ast);
  return hunks
    .filter(
      (hunk) =>
        !(blockStart <= hunk.oldStart && hunk.oldEnd <= blockEnd) &&
        !(coveredBy(code, hunk.oldStart, hunk.oldEnd, oldImports) && coveredBy(output, hunk.newStart, hunk.newEnd, newImports)),
    )
    .map((hunk) => `the fix changes code outside the problem's block: ${describeHunk(output, hunk)}`);
}

export interface FixCheck {
  /** Fixes and suggestions tried. */
  tried: number;
  failures: FixFailure[];
}

/**
 * Applies, one at a time, every fix and every suggestion our rules offer on the code, and checks
 * each result: it parses, the rule does not report the same place again, no new problem appears,
 * no comment is lost, and nothing changes outside the problem's block but an added import.
 */
export function checkEveryFix(linter: Linter, setup: LintSetup, code: string, filename: string): FixCheck {
  const before = lintKeepingSource(linter, setup, code, filename);
  const check: FixCheck = { tried: 0, failures: [] };
  if (typeof before === 'string') return check;
  for (const message of before.messages.filter(ours)) {
    const problem = problemsOf(before.sourceCode, [message])[0];
    const offers: { offered: string; edit: Edit }[] = [
      ...(message.fix ? [{ offered: 'fix', edit: message.fix }] : []),
      ...(message.suggestions ?? []).map((suggestion) => ({ offered: `suggestion "${suggestion.desc}"`, edit: suggestion.fix })),
    ];
    for (const { offered, edit } of offers) {
      check.tried++;
      const output = applyEdit(code, edit);
      const why = judgeEdit(before, problem, code, output, lintKeepingSource(linter, setup, output, filename)).join('; ');
      if (why) check.failures.push({ rule: problem.rule, offered, line: message.line, column: message.column, why, output });
    }
  }
  return check;
}

/** `--fix` on the code: within ESLint's 10 passes it must leave valid code that offers no more fixes. */
export function checkFixedPoint(linter: Linter, setup: LintSetup, code: string, filename: string): string | null {
  let result: Linter.FixReport;
  try {
    result = linter.verifyAndFix(code, setup.config, { filename });
  } catch (error) {
    return `a rule threw during --fix: ${(error as Error).message.split('\n')[0]}`;
  }
  if (!result.fixed) return null;
  const after = lintKeepingSource(linter, setup, result.output, filename);
  if (typeof after === 'string') return `after --fix ${after}`;
  const left = after.messages.filter((message) => ours(message) && message.fix);
  if (left.length > 0) return `--fix did not reach a fixed point in 10 passes: ${left[0].ruleId} still fixes line ${left[0].line}`;
  const before = lintKeepingSource(linter, setup, code, filename);
  if (typeof before !== 'string') {
    const dropped = droppedComments(before.sourceCode, after.sourceCode);
    if (dropped.length > 0) return `--fix drops comments: ${dropped.join(', ')}`;
  }
  return null;
}
