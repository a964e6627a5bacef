import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import {
  findVariableOf,
  initializerOf,
  isFunction,
  isSameValue,
  isSingleAssignment,
  moduleSpecifierOf,
  propertyName,
  skipTransparent,
  type SourceCode,
} from '../analysis/index.js';
import { createRule } from '../create-rule.js';
import { repeatsSiblingOperand } from '../fixes/repeated-operand.js';

type MessageIds = 'internalState' | 'useGetter';

type StateName = '_readableState' | '_writableState';

/** Fields whose public getter returns exactly the field (checked against Node 20's getters). */
const exactGetters: Record<StateName, Record<string, string>> = {
  _readableState: {
    length: 'readableLength',
    flowing: 'readableFlowing',
    highWaterMark: 'readableHighWaterMark',
    objectMode: 'readableObjectMode',
    encoding: 'readableEncoding',
    endEmitted: 'readableEnded',
    dataEmitted: 'readableDidRead',
    errored: 'errored',
    closed: 'closed',
  },
  _writableState: {
    length: 'writableLength',
    highWaterMark: 'writableHighWaterMark',
    objectMode: 'writableObjectMode',
    finished: 'writableFinished',
    ending: 'writableEnded',
    corked: 'writableCorked',
  },
};

/**
 * Fields with a getter that differs at the edges: `writableNeedDrain` is false once the stream
 * ends or is destroyed, and on a Duplex `destroyed`, `errored` and `closed` read the other side
 * too. A suggestion, not a fix.
 */
const nearGetters: Record<StateName, Record<string, string>> = {
  _readableState: { destroyed: 'destroyed' },
  _writableState: { needDrain: 'writableNeedDrain', destroyed: 'destroyed', errored: 'errored', closed: 'closed' },
};

export default createRule<[], MessageIds>({
  name: 'no-stream-internals',
  meta: {
    type: 'suggestion',
    docs: {
      description: 'Disallow reading _readableState and _writableState: use the public getters',
      level: 'advanced',
      topic: 'performance',
      recommended: 'recommended',
    },
    fixable: 'code',
    hasSuggestions: true,
    messages: {
      internalState: "'{{state}}' is internal to Node: its fields change between versions, and this read can break.",
      useGetter: "Read '{{getter}}' instead.",
    },
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    const sourceCode = context.sourceCode;
    // Code that creates the state owns it (readable-stream, streamx): known only once the whole file is seen.
    let ownsState = isNodeStreamsImplementation(context.physicalFilename);
    const reads: TSESTree.MemberExpression[] = [];
    return {
      MemberExpression(node) {
        const state = stateName(propertyKey(node));
        if (!state) return;
        if (isStateAssignment(node)) ownsState = true;
        else if (!isPresenceTest(node) && !isStreamxObject(sourceCode, node.object) && !isOldNodeFallback(sourceCode, node)) reads.push(node);
      },
      Property(node) {
        // `{ _readableState: {…} }` defines it; `const { _readableState } = stream` only reads it.
        if (node.parent.type === AST_NODE_TYPES.ObjectExpression && stateName(propertyKey(node))) ownsState = true;
      },
      PropertyDefinition(node) {
        if (stateName(propertyKey(node))) ownsState = true;
      },
      'Program:exit'() {
        if (!ownsState) for (const node of reads) report(node);
      },
    };

    function report(node: TSESTree.MemberExpression): void {
      const state = stateName(propertyKey(node))!;
      const field = fieldRead(node);
      const fieldName = field && propertyName(field);
      const exact = fieldName ? exactGetters[state][fieldName] : undefined;
      const near = fieldName ? nearGetters[state][fieldName] : undefined;
      // From `_readableState` to the field's end: the receiver keeps its own text and parentheses.
      const range = (end: TSESTree.Node): [number, number] => [node.property.range[0], end.range[1]];
      // `x || this._readableState.highWaterMark` where x is already the getter: no rewrite keeps the meaning.
      const keepsMeaning = (getter: string) => !repeatsSiblingOperand(sourceCode, field!, `${sourceCode.getText(node.object)}.${getter}`);
      context.report({
        node: field ?? node,
        messageId: 'internalState',
        data: { state },
        fix: field && exact && keepsMeaning(exact) ? (fixer) => fixer.replaceTextRange(range(field), exact) : null,
        suggest:
          field && near && keepsMeaning(near)
            ? [{ messageId: 'useGetter', data: { getter: near }, fix: (fixer) => fixer.replaceTextRange(range(field), near) }]
            : [],
      });
    }
  },
});

function stateName(name: string | null): StateName | null {
  return name === '_readableState' || name === '_writableState' ? name : null;
}

function propertyKey(node: TSESTree.MemberExpression | TSESTree.Property | TSESTree.PropertyDefinition): string | null {
  if (node.type === AST_NODE_TYPES.MemberExpression) return propertyName(node);
  if (node.key.type === AST_NODE_TYPES.Identifier && !node.computed) return node.key.name;
  return node.key.type === AST_NODE_TYPES.Literal && typeof node.key.value === 'string' ? node.key.value : null;
}

/**
 * Node's own stream code, in the layout Node keeps it (`lib/internal/streams/`) and readable-stream
 * copies: the modules that create the state and those that share it with them.
 */
function isNodeStreamsImplementation(filename: string): boolean {
  return /(^|[\\/])lib[\\/]internal[\\/]streams[\\/]/.test(filename);
}

/** `this._readableState = new ReadableState(…)`: the constructor of a stream class creates its state. */
function isStateAssignment(node: TSESTree.MemberExpression): boolean {
  const parent = node.parent;
  return parent?.type === AST_NODE_TYPES.AssignmentExpression && parent.left === node;
}

/**
 * `if (stream._readableState)`, `!s._writableState`, `s._readableState === null`: whether the object
 * is a stream at all, the duck test Node's own utilities use, with no field read and no getter to
 * replace it.
 */
function isPresenceTest(node: TSESTree.MemberExpression): boolean {
  let tested: TSESTree.Node = node;
  if (tested.parent?.type === AST_NODE_TYPES.ChainExpression) tested = tested.parent;
  const parent = tested.parent;
  if (parent?.type === AST_NODE_TYPES.BinaryExpression && ['===', '!==', '==', '!='].includes(parent.operator)) {
    const other = parent.left === tested ? parent.right : parent.left;
    return isNullish(other);
  }
  if (parent?.type === AST_NODE_TYPES.UnaryExpression && parent.operator === 'typeof') return true;
  return isInBooleanContext(tested);
}

function isNullish(node: TSESTree.Node): boolean {
  return (
    (node.type === AST_NODE_TYPES.Literal && node.value === null) ||
    (node.type === AST_NODE_TYPES.Identifier && node.name === 'undefined')
  );
}

/** Whether only the truth of the value is used: a condition, a `!`, the guard of `&&`. */
function isInBooleanContext(node: TSESTree.Node): boolean {
  const parent = node.parent;
  switch (parent?.type) {
    case AST_NODE_TYPES.UnaryExpression:
      return parent.operator === '!';
    case AST_NODE_TYPES.IfStatement:
    case AST_NODE_TYPES.WhileStatement:
    case AST_NODE_TYPES.DoWhileStatement:
    case AST_NODE_TYPES.ForStatement:
    case AST_NODE_TYPES.ConditionalExpression:
      return parent.test === node;
    case AST_NODE_TYPES.LogicalExpression:
      // The left of `&&` is only tested; otherwise the operand may be the value of the whole.
      return (parent.operator === '&&' && parent.left === node) || isInBooleanContext(parent);
    default:
      return false;
  }
}

/**
 * streamx has a `_readableState` and `_writableState` of its own, unrelated to Node's: `this` in a
 * class that extends a streamx class, or an object made with `new` from one.
 */
function isStreamxObject(sourceCode: SourceCode, receiver: TSESTree.Node): boolean {
  const target = skipTransparent(receiver);
  if (target.type === AST_NODE_TYPES.ThisExpression) {
    const owner = thisClass(target);
    return owner !== null && isStreamxClass(sourceCode, owner, new Set());
  }
  const created = initializerOf(sourceCode, target);
  return created?.type === AST_NODE_TYPES.NewExpression && isStreamxClass(sourceCode, created.callee, new Set());
}

/** The class whose instance `this` is: the class of the nearest non-arrow function, when it is a method. */
function thisClass(node: TSESTree.ThisExpression): TSESTree.ClassDeclaration | TSESTree.ClassExpression | null {
  for (let current: TSESTree.Node | undefined = node.parent; current; current = current.parent) {
    if (current.type === AST_NODE_TYPES.ClassBody) return current.parent;
    if (current.type === AST_NODE_TYPES.FunctionExpression || current.type === AST_NODE_TYPES.FunctionDeclaration) {
      const member = current.parent;
      if (member?.type !== AST_NODE_TYPES.MethodDefinition && member?.type !== AST_NODE_TYPES.PropertyDefinition) return null;
    }
  }
  return null;
}

function isStreamxClass(sourceCode: SourceCode, node: TSESTree.Node, seen: Set<TSESTree.Node>): boolean {
  if (seen.has(node)) return false;
  seen.add(node);
  const target = skipTransparent(node);
  if (target.type === AST_NODE_TYPES.ClassDeclaration || target.type === AST_NODE_TYPES.ClassExpression) {
    return target.superClass !== null && target.superClass !== undefined && isStreamxClass(sourceCode, target.superClass, seen);
  }
  const specifier = moduleSpecifierOf(sourceCode, target);
  if (specifier) return specifier === 'streamx' || specifier.startsWith('streamx/');
  if (target.type !== AST_NODE_TYPES.Identifier) return false;
  const variable = findVariableOf(sourceCode, target);
  const definition = variable && isSingleAssignment(variable) ? variable.defs[0] : null;
  if (definition?.type === 'ClassName') return isStreamxClass(sourceCode, definition.node, seen);
  return definition?.type === 'Variable' && definition.node.init !== null && isStreamxClass(sourceCode, definition.node.init, seen);
}

/**
 * `stream._readableState.length` read as a value: plain dots, no optional chaining (the getter
 * would not short-circuit the same way), not written to, not called.
 */
function fieldRead(state: TSESTree.MemberExpression): TSESTree.MemberExpression | null {
  const field = state.parent;
  if (field?.type !== AST_NODE_TYPES.MemberExpression || field.object !== state) return null;
  if (state.optional || field.optional || state.computed || field.computed) return null;
  if (state.object.type === AST_NODE_TYPES.Super) return null;
  const user = field.parent;
  const written =
    (user?.type === AST_NODE_TYPES.AssignmentExpression && user.left === field) ||
    (user?.type === AST_NODE_TYPES.UpdateExpression && user.argument === field) ||
    (user?.type === AST_NODE_TYPES.UnaryExpression && user.operator === 'delete');
  const called = user?.type === AST_NODE_TYPES.CallExpression && user.callee === field;
  return written || called ? null : field;
}

/**
 * `s.readableHighWaterMark || s._readableState.highWaterMark`,
 * `typeof s.readableFlowing === 'boolean' ? s.readableFlowing : s._readableState.flowing`: the
 * internal field is read only when the stream lacks the public property (an old Node, an old
 * readable-stream). Modern Node never runs that read, and the author already prefers the getter.
 */
function isOldNodeFallback(sourceCode: SourceCode, state: TSESTree.MemberExpression): boolean {
  const receiver = state.object;
  let child: TSESTree.Node = state;
  for (let current: TSESTree.Node | undefined = child.parent; current && !isFunction(current) && isExpression(current); child = current, current = current.parent) {
    if (current.type === AST_NODE_TYPES.LogicalExpression && current.operator !== '&&' && current.right === child) {
      if (isPublicPropertyOf(sourceCode, current.left, receiver)) return true;
    }
    if (current.type === AST_NODE_TYPES.ConditionalExpression) {
      const test = current.test;
      const negated = test.type === AST_NODE_TYPES.UnaryExpression && test.operator === '!';
      const presence = presenceTestOf(sourceCode, negated ? test.argument : test, receiver);
      if (presence === null) continue;
      if ((current.alternate === child) === (presence !== negated)) return true;
    }
  }
  return false;
}

function isExpression(node: TSESTree.Node): boolean {
  return !node.type.endsWith('Statement') && !node.type.endsWith('Declaration') && node.type !== AST_NODE_TYPES.Program;
}

/** `readableHighWaterMark`, `writableLength`, …: the public properties Node's streams have had since 12. */
function isPublicStreamProperty(name: string | null): boolean {
  return name !== null && /^(readable|writable)[A-Z]/.test(name);
}

function isPublicPropertyOf(sourceCode: SourceCode, node: TSESTree.Node, receiver: TSESTree.Node): boolean {
  const target = skipTransparent(node);
  return target.type === AST_NODE_TYPES.MemberExpression && isPublicStreamProperty(propertyName(target)) && isSameValue(sourceCode, target.object, receiver);
}

/**
 * Whether a test asks if the receiver has a public property: true when it holds for a stream that
 * has it (`typeof s.readableFlowing === 'boolean'`, `s.writableEnded !== undefined`,
 * `'readableFlowing' in s`), false when it holds for one that lacks it (`s.writableEnded === undefined`),
 * null when it is no such test.
 */
function presenceTestOf(sourceCode: SourceCode, test: TSESTree.Node, receiver: TSESTree.Node): boolean | null {
  if (test.type !== AST_NODE_TYPES.BinaryExpression) return null;
  if (test.operator === 'in') {
    return test.left.type === AST_NODE_TYPES.Literal && isPublicStreamProperty(String(test.left.value)) && isSameValue(sourceCode, test.right, receiver) ? true : null;
  }
  const equal = test.operator === '===' || test.operator === '==';
  if (!equal && test.operator !== '!==' && test.operator !== '!=') return null;
  const [tested, other] = isPublicOperand(sourceCode, test.left, receiver) ? [test.left, test.right] : [test.right, test.left];
  if (!isPublicOperand(sourceCode, tested, receiver)) return null;
  const isTypeof = tested.type === AST_NODE_TYPES.UnaryExpression;
  const absent = isNullish(other) || (isTypeof && other.type === AST_NODE_TYPES.Literal && other.value === 'undefined');
  // `typeof s.readableFlowing === 'boolean'` holds only when the property is there.
  const present = isTypeof && other.type === AST_NODE_TYPES.Literal && typeof other.value === 'string' && other.value !== 'undefined';
  if (absent) return !equal;
  return present ? equal : null;
}

/** `s.readableFlowing` or `typeof s.readableFlowing`. */
function isPublicOperand(sourceCode: SourceCode, node: TSESTree.Node, receiver: TSESTree.Node): boolean {
  const target = node.type === AST_NODE_TYPES.UnaryExpression && node.operator === 'typeof' ? node.argument : node;
  return isPublicPropertyOf(sourceCode, target, receiver);
}
