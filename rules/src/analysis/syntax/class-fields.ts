import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { propertyName, skipTransparent, type SourceCode } from './nodes.js';
import { descendantsOf } from './walk.js';

type ClassNode = TSESTree.ClassDeclaration | TSESTree.ClassExpression;

/**
 * A field of a class as one value across its methods: `this.out = x` in the constructor and
 * `this.out.write()` in another method name the same thing.
 */
export interface ClassFields {
  /** Values written to each field: `this.name = value`, or a field declaration's initialiser. */
  writes: Map<string, TSESTree.Expression[]>;
  /** Every read of `this.name`, not as the target of an assignment. */
  reads: Map<string, TSESTree.MemberExpression[]>;
}

const fieldsByClass = new WeakMap<ClassNode, ClassFields>();

/** The class whose instance `this` is at `node`: arrows see through, other functions stop it. */
export function classOfThis(node: TSESTree.Node): ClassNode | null {
  for (let current = node.parent; current; current = current.parent) {
    if (current.type === AST_NODE_TYPES.ArrowFunctionExpression) continue;
    if (current.type === AST_NODE_TYPES.FunctionExpression) {
      const owner = current.parent;
      if (owner?.type !== AST_NODE_TYPES.MethodDefinition || owner.static) return null;
      return owner.parent.parent;
    }
    if (current.type === AST_NODE_TYPES.PropertyDefinition) return current.static ? null : current.parent.parent;
    if (current.type === AST_NODE_TYPES.FunctionDeclaration || current.type === AST_NODE_TYPES.StaticBlock) return null;
    if (current.type === AST_NODE_TYPES.ClassBody) return null;
  }
  return null;
}

/** `this.name` where `this` is an instance of a class of this file. */
export function thisFieldOf(node: TSESTree.Node): { owner: ClassNode; name: string } | null {
  const target = skipTransparent(node);
  if (target.type !== AST_NODE_TYPES.MemberExpression || target.object.type !== AST_NODE_TYPES.ThisExpression) return null;
  const name = propertyName(target);
  const owner = name === null ? null : classOfThis(target);
  return owner && name !== null ? { owner, name } : null;
}

export function classFieldsOf(sourceCode: SourceCode, owner: ClassNode): ClassFields {
  const known = fieldsByClass.get(owner);
  if (known) return known;
  const fields: ClassFields = { writes: new Map(), reads: new Map() };
  for (const member of owner.body.body) {
    if (member.type === AST_NODE_TYPES.PropertyDefinition && !member.static && member.value && !member.computed) {
      const name = member.key.type === AST_NODE_TYPES.Identifier ? member.key.name : null;
      if (name) push(fields.writes, name, member.value);
    }
  }
  for (const node of descendantsOf(sourceCode, owner.body, { intoFunctions: true })) {
    if (node.type !== AST_NODE_TYPES.MemberExpression || node.object.type !== AST_NODE_TYPES.ThisExpression) continue;
    const name = propertyName(node);
    if (name === null || classOfThis(node) !== owner) continue;
    const parent = node.parent;
    if (parent?.type === AST_NODE_TYPES.AssignmentExpression && parent.left === node) {
      if (parent.operator === '=') push(fields.writes, name, parent.right);
      continue;
    }
    push(fields.reads, name, node);
  }
  fieldsByClass.set(owner, fields);
  return fields;
}

function push<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
