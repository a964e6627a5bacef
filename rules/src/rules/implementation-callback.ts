import { AST_NODE_TYPES, ASTUtils, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import {
  callbackUses,
  descendantsOf,
  enclosingLoop,
  implementationOf,
  impossibleBranch,
  mayHoldImplementations,
  propertyName,
  staticString,
  usesArguments,
  type CallbackUse,
  type SourceCode,
  type StreamImplementation,
} from '../analysis/index.js';
import { createRule } from '../create-rule.js';

type MessageIds = 'notCalled' | 'noCallbackParameter' | 'calledTwice' | 'calledInLoop' | 'calledInTryAndCatch';

export default createRule<[], MessageIds>({
  name: 'implementation-callback',
  meta: {
    type: 'problem',
    docs: {
      description: 'Require the callback of _transform, _write, _flush and the other stream implementations to be called exactly once',
      level: 'advanced',
      topic: 'custom streams',
      recommended: 'recommended',
    },
    messages: {
      notCalled: "A path through '{{name}}' returns without calling '{{callback}}': the stream then stalls for good.",
      noCallbackParameter: "'{{name}}' declares no callback parameter, so it never calls back: the stream stalls.",
      calledTwice:
        "'{{callback}}' may already have run on this path: a second call fails with 'ERR_MULTIPLE_CALLBACK'. Return after the first.",
      calledInLoop:
        "'{{callback}}' runs once per loop turn: the second call fails with 'ERR_MULTIPLE_CALLBACK'. Call it once, after the loop.",
      calledInTryAndCatch:
        "'{{callback}}' runs in 'try' and again in 'catch' when a consumer throws: the stream fails. Call it after the 'try'.",
    },
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    const sourceCode = context.sourceCode;
    if (!mayHoldImplementations(sourceCode)) return {};
    let current: CodePathInfo | null = null;
    /** Each use's site, to the implementation it belongs to. */
    const sites = new Map<TSESTree.Node, { info: ImplementationInfo; use: CallbackUse }>();

    function startImplementation(implementation: StreamImplementation): ImplementationInfo | null {
      if (!implementation.takesCallback) return null;
      if (implementation.function.async && !implementation.declaresCallback) return null;
      if (!implementation.declaresCallback) {
        if (!usesArguments(sourceCode, implementation.function)) reportHead(implementation, 'noCallbackParameter');
        return null;
      }
      const found = callbackUses(sourceCode, implementation);
      if (!found) return null;
      const guarded = new Set(
        found.uses.filter(
          (use) => isOnceFlagGuarded(sourceCode, use, found.uses, implementation) || isCatchAfterFinalCall(use, found.uses, implementation),
        ),
      );
      const info: ImplementationInfo = { implementation, ...found, guarded, events: new Map(), returns: new Map(), unreachable: new Set(), onlyNext: new Map() };
      for (const use of found.uses) sites.set(use.site, { info, use });
      return info;
    }

    function reportHead(implementation: StreamImplementation, messageId: 'notCalled' | 'noCallbackParameter'): void {
      context.report({
        loc: ASTUtils.getFunctionHeadLocation(implementation.function, sourceCode),
        messageId,
        data: { name: implementation.displayName, callback: implementation.callback?.name ?? '' },
      });
    }

    /**
     * Each `return` that leaves without the callback, or the closing brace when the path runs off
     * the end; the head when the function has no use of the callback at all.
     */
    function reportUnsettledEnds(info: ImplementationInfo, ends: Segment[]): void {
      const { implementation } = info;
      const body = implementation.function.body;
      if (info.uses.length === 0 || body.type !== AST_NODE_TYPES.BlockStatement) {
        reportHead(implementation, 'notCalled');
        return;
      }
      const data = { name: implementation.displayName, callback: implementation.callback?.name ?? '' };
      const reported = new Set<TSESTree.Node>();
      for (const segment of ends) {
        const exit = info.returns.get(segment) ?? body;
        if (reported.has(exit)) continue;
        reported.add(exit);
        const loc = exit === body ? sourceCode.getLastToken(body)!.loc : exit.loc;
        context.report({ loc, messageId: 'notCalled', data });
      }
    }

    function record(info: ImplementationInfo, segments: Set<Segment>, event: PathEvent): void {
      for (const segment of segments) {
        const events = info.events.get(segment) ?? [];
        events.push(event);
        info.events.set(segment, events);
      }
    }

    function finishImplementation(codePath: TSESLint.CodePath, info: ImplementationInfo): void {
      const { unsettledEnds, doubles } = walkPaths(codePath, info);
      const { implementation } = info;
      if (unsettledEnds.length > 0 && !info.tested) reportUnsettledEnds(info, unsettledEnds);
      for (const use of doubles) {
        context.report({
          node: use.node,
          messageId: doubleMessage(info, use),
          data: { callback: implementation.callback!.name },
        });
      }
    }

    /**
     * A branch that Node never takes (`if (this.entry)` where the constructor always sets it, a
     * test for a non-Buffer chunk in byte mode): its segment, or the edge that skips the `if`,
     * is no path at all.
     */
    function noteImpossibleBranch(info: ImplementationInfo, segment: Segment, node: TSESTree.Node): void {
      const statement = node.parent;
      if (statement?.type !== AST_NODE_TYPES.IfStatement || (statement.consequent !== node && statement.alternate !== node)) return;
      const impossible = impossibleBranch(sourceCode, info.implementation, statement);
      if (!impossible) return;
      const branch = impossible === 'consequent' ? statement.consequent : statement.alternate;
      if (branch === node) info.unreachable.add(segment);
      else if (!branch && node === statement.consequent) for (const test of segment.prevSegments) info.onlyNext.set(test, segment);
    }

    /**
     * `this.destroy(…)` in the implementation's own code ends the stream: no callback is owed.
     * `this.emit('error', …)` tells everyone waiting on the stream (pipeline(), finished(), an
     * 'error' listener) that it failed: nobody is left waiting for the callback unknowingly.
     */
    function isDestroyCall(node: TSESTree.CallExpression, info: ImplementationInfo): boolean {
      const callee = node.callee;
      if (!info.implementation.thisIsStream || callee.type !== AST_NODE_TYPES.MemberExpression || callee.object.type !== AST_NODE_TYPES.ThisExpression) {
        return false;
      }
      const method = propertyName(callee);
      return method === 'destroy' || (method === 'emit' && staticString(node.arguments[0]) === 'error');
    }

    const listeners = {
      onCodePathStart(codePath: TSESLint.CodePath, node: TSESTree.Node) {
        // A class field's initializer has a path of its own, around the function's.
        const isFunction = (codePath as { origin?: string }).origin === 'function';
        const implementation = isFunction ? implementationOf(sourceCode, node) : null;
        const info = implementation ? startImplementation(implementation) : null;
        current = { upper: current, codePath, segments: new Set(), info };
      },
      onCodePathEnd(codePath: TSESLint.CodePath) {
        if (current?.info) finishImplementation(codePath, current.info);
        current = current?.upper ?? null;
      },
      onCodePathSegmentStart(segment: Segment, node: TSESTree.Node) {
        current?.segments.add(segment);
        if (current?.info) noteImpossibleBranch(current.info, segment, node);
      },
      onCodePathSegmentEnd(segment: Segment) {
        current?.segments.delete(segment);
      },
      onUnreachableCodePathSegmentStart(segment: Segment) {
        current?.segments.add(segment);
      },
      onUnreachableCodePathSegmentEnd(segment: Segment) {
        current?.segments.delete(segment);
      },
      '*:exit'(node: TSESTree.Node) {
        const site = sites.get(node);
        if (!site) return;
        // A site may close inside a nested function's path: the implementation's own position
        // has not moved meanwhile.
        const owner = infoOwning(current, site.info);
        if (owner) record(site.info, owner.segments, { use: site.use });
      },
      'CallExpression:exit'(node: TSESTree.CallExpression) {
        const info = current?.info;
        if (info && isDestroyCall(node, info)) record(info, current!.segments, { use: null });
      },
      ReturnStatement(node: TSESTree.ReturnStatement) {
        const info = current?.info;
        if (!info) return;
        if (isStateGuard(sourceCode, node, info.implementation.function)) record(info, current!.segments, { use: null });
        for (const segment of current!.segments) info.returns.set(segment, node);
      },
      'IfStatement:exit'(node: TSESTree.IfStatement) {
        const info = current?.info;
        if (info && callsBackUnlessDestroyed(node, info)) record(info, current!.segments, { use: null });
      },
    };
    return listeners as unknown as TSESLint.RuleListener;
  },
});

type Segment = TSESLint.CodePathSegment;

interface ImplementationInfo {
  implementation: StreamImplementation;
  uses: CallbackUse[];
  tested: boolean;
  /** Uses that run only when no other use has run (`if (called) return; callback(error)`). */
  guarded: Set<CallbackUse>;
  /** The events of each segment, in the order they happen. */
  events: Map<Segment, PathEvent[]>;
  /** The `return` statement that ends a segment. */
  returns: Map<Segment, TSESTree.ReturnStatement>;
  /** Segments of branches Node never takes. */
  unreachable: Set<Segment>;
  /** The test of an `if` that always holds: the only segment that follows it. */
  onlyNext: Map<Segment, Segment>;
}

/** A use of the callback, or (`use: null`) the stream destroying itself. */
interface PathEvent {
  use: CallbackUse | null;
}

interface CodePathInfo {
  upper: CodePathInfo | null;
  codePath: TSESLint.CodePath;
  segments: Set<Segment>;
  info: ImplementationInfo | null;
}

function infoOwning(start: CodePathInfo | null, info: ImplementationInfo): CodePathInfo | null {
  for (let entry = start; entry; entry = entry.upper) if (entry.info === info) return entry;
  return null;
}

/**
 * What is known on one path, packed in a number: whether the callback is settled, and how many
 * direct calls and hand-offs (each capped at 2) happened.
 */
interface PathState {
  settled: boolean;
  calls: number;
  handoffs: number;
}

const pack = (state: PathState) => (state.settled ? 1 : 0) + 2 * state.calls + 6 * state.handoffs;
const unpack = (key: number): PathState => ({ settled: key % 2 === 1, calls: Math.floor(key / 2) % 3, handoffs: Math.floor(key / 6) });

/** Two direct calls, or a call and a hand-off: two hand-offs alone may well be exclusive. */
function isDouble(state: PathState): boolean {
  return state.calls >= 2 || (state.calls >= 1 && state.handoffs >= 1);
}

function apply(state: PathState, event: PathEvent): PathState {
  const use = event.use;
  if (!use) return { ...state, settled: true };
  if (use.kind === 'handoff') return { ...state, settled: true, handoffs: Math.min(state.handoffs + 1, 2) };
  const calls = use.kind === 'repeatedCall' ? 2 : Math.min(state.calls + 1, 2);
  return { ...state, settled: true, calls };
}

/**
 * Walks every path of the implementation with the states it can be in: the normal ends reached
 * with the callback unsettled, and the uses that can run when it was already used.
 */
function walkPaths(codePath: TSESLint.CodePath, info: ImplementationInfo): { unsettledEnds: Segment[]; doubles: Set<CallbackUse> } {
  const { events, guarded, unreachable, onlyNext } = info;
  const seen = new Map<Segment, Set<number>>();
  const ends = new Map<Segment, Set<number>>();
  const doubles = new Set<CallbackUse>();
  const pending: [Segment, number][] = [[codePath.initialSegment, 0]];
  while (pending.length > 0) {
    const [segment, key] = pending.pop()!;
    const seenHere = seen.get(segment) ?? new Set();
    if (seenHere.has(key)) continue;
    seenHere.add(key);
    seen.set(segment, seenHere);
    let state = unpack(key);
    for (const event of events.get(segment) ?? []) {
      const next = apply(state, event);
      if (event.use && !guarded.has(event.use) && !isDouble(state) && isDouble(next)) doubles.add(event.use);
      state = next;
    }
    const endsHere = ends.get(segment) ?? new Set();
    endsHere.add(pack(state));
    ends.set(segment, endsHere);
    const only = onlyNext.get(segment);
    for (const next of segment.nextSegments) {
      if (!unreachable.has(next) && (!only || next === only)) pending.push([next, pack(state)]);
    }
  }
  const unsettledEnds = codePath.returnedSegments.filter((segment) =>
    [...(ends.get(segment) ?? [])].some((key) => !unpack(key).settled),
  );
  return { unsettledEnds, doubles };
}

function doubleMessage(info: ImplementationInfo, use: CallbackUse): 'calledTwice' | 'calledInLoop' | 'calledInTryAndCatch' {
  if (use.kind === 'repeatedCall' || enclosingLoop(use.site, info.implementation.function)) return 'calledInLoop';
  const catchClause = enclosingCatch(use.site, info.implementation.function);
  const tryBlock = catchClause?.parent.block;
  if (tryBlock && info.uses.some((each) => each.kind === 'call' && contains(tryBlock, each.site))) {
    return 'calledInTryAndCatch';
  }
  return 'calledTwice';
}

function enclosingCatch(node: TSESTree.Node, fn: TSESTree.Node): TSESTree.CatchClause | null {
  for (let current = node.parent; current && current !== fn; current = current.parent) {
    if (current.type === AST_NODE_TYPES.CatchClause) return current;
  }
  return null;
}

function contains(outer: TSESTree.Node, inner: TSESTree.Node): boolean {
  return outer.range[0] <= inner.range[0] && inner.range[1] <= outer.range[1];
}

/**
 * `if (this.state.stop === true) return;`, `if (this.destroyed) return;`: a guard clause at the
 * head of the implementation on the stream's own state (no parameter, no local in its test but an
 * alias of that state, only other guard clauses before it, so nothing of this chunk reached that
 * state yet). The author stops the stream on purpose there (after an error, a limit, a destroy),
 * which is not the forgotten callback of a return that depends on the chunk.
 */
function isStateGuard(sourceCode: SourceCode, node: TSESTree.ReturnStatement, fn: TSESTree.Node): boolean {
  if (node.argument) return false;
  const block = node.parent;
  const guard = block.type === AST_NODE_TYPES.BlockStatement && block.body.length === 1 ? block.parent : block;
  const body = (fn as TSESTree.FunctionLike).body;
  if (body?.type !== AST_NODE_TYPES.BlockStatement) return false;
  if (guard?.type !== AST_NODE_TYPES.IfStatement || guard.alternate || guard.parent !== body) return false;
  const before = body.body.slice(0, body.body.indexOf(guard));
  const aliases = new Set(before.flatMap((statement) => stateAliases(sourceCode, statement)));
  return before.every((statement) => isGuardClause(statement) || stateAliases(sourceCode, statement).length > 0) && !readsLocal(sourceCode, guard.test, fn, aliases);
}

/**
 * `const state = this._writableState;`, `const { destroyed } = this;`: constants that name a part
 * of the stream's own state, read before anything of the chunk happened.
 */
function stateAliases(sourceCode: SourceCode, statement: TSESTree.Node): TSESLint.Scope.Variable[] {
  if (statement.type !== AST_NODE_TYPES.VariableDeclaration || statement.kind !== 'const') return [];
  const readsThis = (node: TSESTree.Node | null): boolean => {
    if (node?.type === AST_NODE_TYPES.ThisExpression) return true;
    return node?.type === AST_NODE_TYPES.MemberExpression && !node.computed && readsThis(node.object);
  };
  if (!statement.declarations.every((declarator) => readsThis(declarator.init))) return [];
  return [...sourceCode.getDeclaredVariables(statement)];
}

/** `if (…) { …; return; }`: a statement that either leaves or does nothing. */
function isGuardClause(statement: TSESTree.Node): boolean {
  if (statement.type !== AST_NODE_TYPES.IfStatement || statement.alternate) return false;
  const last = statement.consequent.type === AST_NODE_TYPES.BlockStatement ? statement.consequent.body.at(-1) : statement.consequent;
  return last?.type === AST_NODE_TYPES.ReturnStatement;
}

/** Whether an expression reads a parameter or variable of `fn` (or of a function inside it), but the given ones. */
function readsLocal(sourceCode: SourceCode, expression: TSESTree.Node, fn: TSESTree.Node, except: Set<TSESLint.Scope.Variable>): boolean {
  const scope = sourceCode.getScope(expression);
  const references = [...scope.references, ...scope.childScopes.flatMap((child) => child.through)];
  return references.some(
    ({ identifier, resolved }) =>
      contains(expression, identifier) && resolved !== null && !except.has(resolved) && contains(fn, resolved.defs[0]?.name ?? fn.parent!),
  );
}

/** `else if (!this.destroyed) callback()`: the path that skips the call is the stream destroyed. */
function callsBackUnlessDestroyed(node: TSESTree.IfStatement, info: ImplementationInfo): boolean {
  if (node.alternate || !info.implementation.thisIsStream) return false;
  const test = node.test;
  if (test.type !== AST_NODE_TYPES.UnaryExpression || test.operator !== '!') return false;
  const tested = test.argument;
  const isDestroyed =
    tested.type === AST_NODE_TYPES.MemberExpression &&
    tested.object.type === AST_NODE_TYPES.ThisExpression &&
    propertyName(tested) === 'destroyed';
  return isDestroyed && info.uses.some((use) => use.kind === 'call' && contains(node.consequent, use.site));
}

/**
 * `try { …; callback(null, data); } catch (error) { callback(error); }` in an implementation that
 * is not async: its own calls run while Node's `sync` flag is up, so Node defers everything that
 * follows the callback (the next write, 'drain', 'finish') and nothing it runs can throw back into
 * the try. A Transform's push of `data` may throw (a 'data' listener failed), but before the write
 * callback ran: the catch's call is then the first. When the call ends the try, the catch runs only
 * if the callback did not. A hand-off that only schedules the call (`process.nextTick(callback)`,
 * `target.once('drain', callback)`) and ends the try leaves nothing after it that could throw: the
 * catch runs only before anything was scheduled.
 */
function isCatchAfterFinalCall(use: CallbackUse, uses: CallbackUse[], implementation: StreamImplementation): boolean {
  const fn = implementation.function;
  if (fn.async || fn.generator) return false;
  const catchClause = enclosingCatch(use.site, fn);
  const tryStatement = catchClause?.parent;
  if (!tryStatement || !contains(catchClause, use.site)) return false;
  const inTry = uses.filter((other) => contains(tryStatement.block, other.site));
  const before = uses.filter((other) => other.site.range[1] <= tryStatement.range[0]);
  const isFinal = (other: CallbackUse) => (other.kind === 'call' || other.deferred === true) && endsBlock(other.site, tryStatement.block);
  return inTry.length > 0 && before.length === 0 && inTry.every(isFinal);
}

/** Whether nothing of `block` runs after the call: `return callback(…)`, or the last statement on its branch. */
function endsBlock(call: TSESTree.Node, block: TSESTree.BlockStatement): boolean {
  const statement = call.parent;
  if (statement?.type === AST_NODE_TYPES.ReturnStatement && statement.argument === call) return true;
  if (statement?.type !== AST_NODE_TYPES.ExpressionStatement) return false;
  let current: TSESTree.Node = statement;
  for (;;) {
    const parent: TSESTree.Node | undefined = current.parent;
    if (parent?.type === AST_NODE_TYPES.BlockStatement) {
      if (parent.body.at(-1) !== current) return false;
      if (parent === block) return true;
      current = parent;
    } else if (parent?.type === AST_NODE_TYPES.IfStatement && (parent.consequent === current || parent.alternate === current)) {
      current = parent;
    } else {
      return false;
    }
  }
}

/**
 * fast-csv's `catch (e) { if (cbCalled) throw e; cb(e); }`, where every other use sets
 * `cbCalled = true` first: the guarded call runs only when no other did.
 */
function isOnceFlagGuarded(sourceCode: SourceCode, use: CallbackUse, uses: CallbackUse[], implementation: StreamImplementation): boolean {
  const fn = implementation.function;
  const callback = implementation.callback!.name;
  const statement = use.site.parent;
  const block = statement?.parent;
  if (statement?.type !== AST_NODE_TYPES.ExpressionStatement || block?.type !== AST_NODE_TYPES.BlockStatement) return false;
  const before = block.body.slice(0, block.body.indexOf(statement));
  return before.some((each) => {
    const flag = exitGuardFlag(each);
    const variable = flag && ASTUtils.findVariable(sourceCode.getScope(flag), flag);
    if (!variable || !contains(fn, variable.defs[0]?.name ?? fn.parent!)) return false;
    const writes = variable.references.filter((reference) => reference.isWrite() && !reference.init);
    const raises = writes.filter((reference) => isAssignedTrue(reference.identifier));
    return (
      writes.length > 0 &&
      raises.length === writes.length &&
      uses.every((other) => other === use || raises.some((raise) => raisedBefore(sourceCode, raise.identifier, other, callback)))
    );
  });
}

/** `if (flag) throw error;` or `if (flag) return …;`: the flag. */
function exitGuardFlag(statement: TSESTree.Node): TSESTree.Identifier | null {
  if (statement.type !== AST_NODE_TYPES.IfStatement || statement.alternate) return null;
  const exit = statement.consequent.type === AST_NODE_TYPES.BlockStatement ? statement.consequent.body.at(-1) : statement.consequent;
  const leaves = exit?.type === AST_NODE_TYPES.ReturnStatement || exit?.type === AST_NODE_TYPES.ThrowStatement;
  return leaves && statement.test.type === AST_NODE_TYPES.Identifier ? statement.test : null;
}

function isAssignedTrue(identifier: TSESTree.Node): boolean {
  const assignment = identifier.parent;
  return (
    assignment?.type === AST_NODE_TYPES.AssignmentExpression &&
    assignment.operator === '=' &&
    assignment.right.type === AST_NODE_TYPES.Literal &&
    assignment.right.value === true
  );
}

/** `flag = true;` as a statement before the use in the same block, or before a call inside a hand-off. */
function raisedBefore(sourceCode: SourceCode, flag: TSESTree.Node, use: CallbackUse, callback: string): boolean {
  const statement = flag.parent?.parent;
  const block = statement?.parent;
  if (statement?.type !== AST_NODE_TYPES.ExpressionStatement || block?.type !== AST_NODE_TYPES.BlockStatement) return false;
  const later = block.body.slice(block.body.indexOf(statement) + 1);
  if (use.kind !== 'handoff') return later.some((each) => contains(each, use.site));
  return contains(use.site, flag) && later.some((each) => callsIn(sourceCode, each, callback));
}

/** Whether a statement calls the callback by its own name (a hand-off's function calling it). */
function callsIn(sourceCode: SourceCode, statement: TSESTree.Node, callback: string): boolean {
  const nodes = [statement, ...descendantsOf(sourceCode, statement, { intoFunctions: false })];
  return nodes.some(
    (node) => node.type === AST_NODE_TYPES.CallExpression && node.callee.type === AST_NODE_TYPES.Identifier && node.callee.name === callback,
  );
}
