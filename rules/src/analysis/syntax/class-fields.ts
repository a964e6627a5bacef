import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { propertyName, skipTransparent, type FunctionNode, type SourceCode } from './nodes.js';
import { findVariableOf } from './variables.js';
import { descendantsOf } from './walk.js';

type ClassNode = TSESTree.ClassDeclaration | TSESTree.ClassExpression;

/**
 * What `this` is an instance of: a class, or a constructor function whose methods are put on its
 * prototype (`function Writer() {…}; Writer.prototype.open = function () {…}`).
 */
export type FieldOwner = ClassNode | FunctionNode;

/**
 * A field of a class as one value across its methods: `this.out = x` in the constructor and
 * `this.out.write()` in another method name the same thing.
 */
export interface ClassFields {
  /** Values written to each field: `this.name = value`, or a field declaration's initialiser. */
  writes: Map<string, TSESTree.Expression[]>;
  /** Every read of `this.name` (or `self.name`, `self` an alias of `this`), not as an assignment target. */
  reads: Map<string, TSESTree.MemberExpression[]>;
}

const fieldsByProgram = new WeakMap<TSESTree.Program, Map<FieldOwner, ClassFields>>();

/**
 * The class (or constructor function) whose instance `this` is at `node`: arrows see through,
 * other functions stop it. Constructor functions are recognised only when `sourceCode` is given.
 */
export function classOfThis(node: TSESTree.Node, sourceCode?: SourceCode): FieldOwner | null {
  for (let current = node.parent; current; current = current.parent) {
    if (current.type === AST_NODE_TYPES.ArrowFunctionExpression) continue;
    if (current.type === AST_NODE_TYPES.FunctionExpression) {
      const owner = current.parent;
      if (owner?.type === AST_NODE_TYPES.MethodDefinition) return owner.static ? null : owner.parent.parent;
      return sourceCode ? constructorOwning(sourceCode, current) : null;
    }
    if (current.type === AST_NODE_TYPES.PropertyDefinition) return current.static ? null : current.parent.parent;
    if (current.type === AST_NODE_TYPES.FunctionDeclaration) {
      return sourceCode && isConstructorFunction(sourceCode, current) ? current : null;
    }
    if (current.type === AST_NODE_TYPES.StaticBlock || current.type === AST_NODE_TYPES.ClassBody) return null;
  }
  return null;
}

/** `this.name`, or `me.name` with `var me = this`, where `this` is an instance of a class of this file. */
export function thisFieldOf(node: TSESTree.Node, sourceCode?: SourceCode): { owner: FieldOwner; name: string } | null {
  const target = skipTransparent(node);
  if (target.type !== AST_NODE_TYPES.MemberExpression) return null;
  const name = propertyName(target);
  if (name === null) return null;
  const owner = ownerOfObject(target.object, sourceCode);
  return owner ? { owner, name } : null;
}

function ownerOfObject(object: TSESTree.Node, sourceCode: SourceCode | undefined): FieldOwner | null {
  if (object.type === AST_NODE_TYPES.ThisExpression) return classOfThis(object, sourceCode);
  if (object.type !== AST_NODE_TYPES.Identifier || !sourceCode) return null;
  const alias = thisAliasOf(sourceCode, object);
  return alias ? classOfThis(alias, sourceCode) : null;
}

/** The `this` a variable stands for (`var self = this`, never reassigned), or null. */
function thisAliasOf(sourceCode: SourceCode, identifier: TSESTree.Identifier): TSESTree.ThisExpression | null {
  const variable = findVariableOf(sourceCode, identifier);
  if (!variable || variable.defs.length !== 1) return null;
  const definition = variable.defs[0];
  if (definition.type !== 'Variable' || definition.node.id !== definition.name) return null;
  const init = definition.node.init && skipTransparent(definition.node.init);
  if (init?.type !== AST_NODE_TYPES.ThisExpression) return null;
  return variable.references.some((reference) => reference.isWrite() && !reference.init) ? null : init;
}

/** `F.prototype.m = function () {…}` or `F.prototype = { m() {…} }`: the function `F`, when this file declares it. */
function constructorOwning(sourceCode: SourceCode, fn: TSESTree.FunctionExpression): FunctionNode | null {
  const prototype = prototypeHolding(fn);
  if (prototype?.object.type === AST_NODE_TYPES.Identifier) return constructorNamed(sourceCode, prototype.object);
  return isConstructorFunction(sourceCode, fn) ? fn : null;
}

/** The `F.prototype` of `F.prototype.m = fn` or `F.prototype = { m: fn }`. */
function prototypeHolding(fn: TSESTree.FunctionExpression): TSESTree.MemberExpression | null {
  const parent = fn.parent;
  let target: TSESTree.Node | null = null;
  if (parent?.type === AST_NODE_TYPES.AssignmentExpression && parent.right === fn && parent.left.type === AST_NODE_TYPES.MemberExpression) {
    target = parent.left.object;
  } else if (parent?.type === AST_NODE_TYPES.Property && parent.value === fn) {
    const assignment = parent.parent.parent;
    if (assignment?.type === AST_NODE_TYPES.AssignmentExpression && assignment.right === parent.parent) target = assignment.left;
  }
  const prototype = target && skipTransparent(target);
  return prototype?.type === AST_NODE_TYPES.MemberExpression && propertyName(prototype) === 'prototype' ? prototype : null;
}

/** The function a name is declared as: `function F() {}`, `var F = function () {}`, `var F = exports.F = function () {}`. */
function constructorNamed(sourceCode: SourceCode, name: TSESTree.Identifier): FunctionNode | null {
  const variable = findVariableOf(sourceCode, name);
  const definition = variable?.defs.length === 1 ? variable.defs[0] : null;
  if (definition?.type === 'FunctionName') return definition.node as TSESTree.FunctionDeclaration;
  if (definition?.type !== 'Variable' || !definition.node.init) return null;
  let init: TSESTree.Node = skipTransparent(definition.node.init);
  while (init.type === AST_NODE_TYPES.AssignmentExpression) init = skipTransparent(init.right);
  return init.type === AST_NODE_TYPES.FunctionExpression ? init : null;
}

/** A function whose name is read as `F.prototype` in this file: a constructor of instances. */
function isConstructorFunction(sourceCode: SourceCode, fn: FunctionNode): boolean {
  let declared: TSESTree.Node | null = null;
  if (fn.type === AST_NODE_TYPES.FunctionDeclaration) declared = fn;
  else {
    let current: TSESTree.Node = fn;
    while (current.parent?.type === AST_NODE_TYPES.AssignmentExpression && current.parent.right === current) current = current.parent;
    if (current.parent?.type === AST_NODE_TYPES.VariableDeclarator && current.parent.init === current) declared = current.parent;
  }
  if (!declared) return false;
  return sourceCode.getDeclaredVariables(declared).some((variable: TSESLint.Scope.Variable) =>
    variable.references.some((reference) => {
      const parent = reference.identifier.parent;
      return parent?.type === AST_NODE_TYPES.MemberExpression && parent.object === reference.identifier && propertyName(parent) === 'prototype';
    }),
  );
}

export function classFieldsOf(sourceCode: SourceCode, owner: FieldOwner): ClassFields {
  let owners = fieldsByProgram.get(sourceCode.ast);
  if (!owners) {
    owners = fieldsOfProgram(sourceCode);
    fieldsByProgram.set(sourceCode.ast, owners);
  }
  return owners.get(owner) ?? { writes: new Map(), reads: new Map() };
}

/** Every owner's fields, in one walk of the file: methods of a constructor may be anywhere in it. */
function fieldsOfProgram(sourceCode: SourceCode): Map<FieldOwner, ClassFields> {
  const owners = new Map<FieldOwner, ClassFields>();
  const fieldsOf = (owner: FieldOwner): ClassFields => {
    let fields = owners.get(owner);
    if (!fields) {
      fields = { writes: new Map(), reads: new Map() };
      owners.set(owner, fields);
    }
    return fields;
  };
  const aliases = thisAliasNames(sourceCode);
  for (const node of descendantsOf(sourceCode, sourceCode.ast, { intoFunctions: true })) {
    if (node.type === AST_NODE_TYPES.PropertyDefinition) {
      if (!node.static && node.value && !node.computed && node.key.type === AST_NODE_TYPES.Identifier) {
        push(fieldsOf(node.parent.parent).writes, node.key.name, node.value);
      }
      continue;
    }
    if (node.type !== AST_NODE_TYPES.MemberExpression) continue;
    const object = node.object;
    if (object.type !== AST_NODE_TYPES.ThisExpression && !(object.type === AST_NODE_TYPES.Identifier && aliases.has(object.name))) continue;
    const field = thisFieldOf(node, sourceCode);
    if (!field) continue;
    const parent = node.parent;
    if (parent?.type === AST_NODE_TYPES.AssignmentExpression && parent.left === node) {
      if (parent.operator === '=') push(fieldsOf(field.owner).writes, field.name, parent.right);
      continue;
    }
    push(fieldsOf(field.owner).reads, field.name, node);
  }
  return owners;
}

function push<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

const aliasNamesByProgram = new WeakMap<TSESTree.Program, Set<string>>();

/** The names the file gives `this` (`var self = this`, `const me = this`), read from its tokens. */
export function thisAliasNames(sourceCode: SourceCode): ReadonlySet<string> {
  let names = aliasNamesByProgram.get(sourceCode.ast);
  if (!names) {
    names = new Set();
    const tokens = sourceCode.ast.tokens ?? [];
    for (let index = 2; index < tokens.length; index++) {
      const next = tokens[index + 1]?.value;
      if (tokens[index].value === 'this' && tokens[index - 1].value === '=' && tokens[index - 2].type === 'Identifier' && next !== '.' && next !== '[' && next !== '?.') {
        names.add(tokens[index - 2].value);
      }
    }
    aliasNamesByProgram.set(sourceCode.ast, names);
  }
  return names;
}
