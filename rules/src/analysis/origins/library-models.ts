import { dirname, isAbsolute, resolve } from 'node:path';
import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { libraryStreams, notStreamLibraries, type StreamModel } from './library-streams.js';
import { resolveQualifiedName } from '../module-bindings.js';
import { listenerMethods } from '../stream-api.js';
import type { StreamKind } from '../stream-kind.js';
import { isFunction, propertyName, skipTransparent, type SourceCode } from '../syntax/index.js';

/** A stream that a library model recognised, named for messages. */
export interface LibraryStream {
  kind: StreamKind;
  factory: string;
  canFail: boolean;
}

type ModelTable = Map<string, Map<string, StreamModel[]>>;

interface LintContext {
  settings: unknown;
  cwd: string;
  filename: string;
}

const lintContexts = new WeakMap<SourceCode, LintContext>();

/**
 * Remembers the shared settings, working directory and file name of the file being linted: the
 * analysis only sees the source code, and the settings belong to the run.
 */
export function rememberLintContext(context: Readonly<TSESLint.RuleContext<string, readonly unknown[]>>): void {
  if (lintContexts.has(context.sourceCode)) return;
  lintContexts.set(context.sourceCode, {
    settings: context.settings,
    cwd: context.cwd,
    filename: context.filename,
  });
}

const streamKinds = new Set<string>(['readable', 'writable', 'duplex']);

const builtInTable: ModelTable = tableOf(libraryStreams, null);
const tablesBySettings = new WeakMap<object, ModelTable>();

/** The built-in models, plus those of `settings['node-streams'].streams`, memoised per settings object. */
function modelTableOf(sourceCode: SourceCode): ModelTable {
  const lint = lintContexts.get(sourceCode);
  const settings = lint?.settings as { 'node-streams'?: { streams?: unknown } } | undefined;
  const userStreams = settings?.['node-streams']?.streams;
  if (!lint || typeof userStreams !== 'object' || userStreams === null) return builtInTable;
  let table = tablesBySettings.get(userStreams);
  if (!table) {
    table = new Map(builtInTable);
    for (const [module, exports] of tableOf(userStreams as Record<string, unknown>, lint.cwd)) {
      table.set(module, new Map([...(table.get(module) ?? []), ...exports]));
    }
    tablesBySettings.set(userStreams, table);
  }
  return table;
}

/**
 * Reads a table of models; a user's may be wrong in any way, and an entry that is not a model is
 * skipped rather than failing the lint. A model may be given as its kind alone (`'readable'`).
 */
function tableOf(source: Record<string, unknown>, cwd: string | null): ModelTable {
  const table: ModelTable = new Map();
  for (const [module, exports] of Object.entries(source)) {
    if (typeof exports !== 'object' || exports === null) continue;
    const entries = new Map<string, StreamModel[]>();
    for (const [path, value] of Object.entries(exports as Record<string, unknown>)) {
      const models = (Array.isArray(value) ? value : [value]).map(modelOf).filter((model) => model !== null);
      if (models.length > 0) entries.set(path, models);
    }
    table.set(cwd !== null && isRelative(module) ? modulePathKey(resolve(cwd, module)) : module, entries);
  }
  return table;
}

function modelOf(value: unknown): StreamModel | null {
  if (typeof value === 'string') return streamKinds.has(value) ? { kind: value as StreamKind, canFail: true } : null;
  if (typeof value !== 'object' || value === null) return null;
  const model = value as Partial<StreamModel>;
  if (typeof model.kind !== 'string' || !streamKinds.has(model.kind)) return null;
  return { ...model, kind: model.kind, canFail: model.canFail !== false } as StreamModel;
}

function isRelative(specifier: string): boolean {
  return specifier.startsWith('./') || specifier.startsWith('../') || isAbsolute(specifier);
}

/** A module file without the extension or `/index` that imports may leave out. */
function modulePathKey(path: string): string {
  return path.replace(/\.[cm]?[jt]sx?$/, '').replace(/[\\/]index$/, '');
}

/**
 * The models of the export a qualified name reaches (`got.stream`, `busboy`, `./log.open`):
 * the longest module prefix known, the rest its path in the module.
 */
export function libraryModelsOf(sourceCode: SourceCode, qualifiedName: string): StreamModel[] {
  const table = modelTableOf(sourceCode);
  for (let end = qualifiedName.length; end > 0; end = qualifiedName.lastIndexOf('.', end - 1)) {
    const module = qualifiedName.slice(0, end);
    const exports = table.get(isRelative(module) ? relativeModuleKey(sourceCode, module) : module);
    if (!exports) continue;
    const path = qualifiedName.slice(end + 1).replace(/^default(\.|$)/, '') || 'default';
    return exports.get(path) ?? [];
  }
  return [];
}

function relativeModuleKey(sourceCode: SourceCode, specifier: string): string {
  const filename = lintContexts.get(sourceCode)?.filename;
  return filename ? modulePathKey(resolve(dirname(filename), specifier)) : specifier;
}

const importedByFile = new WeakMap<SourceCode, Set<string>>();
const importPattern = /(?:\brequire\s*\(\s*|\bfrom\s*|\bimport\s*\(?\s*)(['"`])([^'"`\n]+)\1/g;

/** The module specifiers a file imports or requires (its text is enough, and cheap). */
export function importedModulesOf(sourceCode: SourceCode): Set<string> {
  let modules = importedByFile.get(sourceCode);
  if (!modules) {
    modules = new Set([...sourceCode.text.matchAll(importPattern)].map((match) => match[2]));
    importedByFile.set(sourceCode, modules);
  }
  return modules;
}

/** Method models (`from.method`) of the packages a file imports, by method name. */
function methodModelsOf(sourceCode: SourceCode, method: string): { module: string; model: StreamModel }[] {
  const found: { module: string; model: StreamModel }[] = [];
  const imported = importedModulesOf(sourceCode);
  for (const [module, exports] of modelTableOf(sourceCode)) {
    if (!imported.has(module)) continue;
    for (const model of exports.get(method) ?? []) {
      if (model.from?.method) found.push({ module, model });
    }
  }
  return found;
}

/** A call or `new` whose value is a library's stream: `busboy({ headers })`, `got.stream(url)`. */
export function libraryCreationOf(
  sourceCode: SourceCode,
  node: TSESTree.CallExpression | TSESTree.NewExpression,
): LibraryStream | null {
  const name = resolveQualifiedName(sourceCode, node.callee);
  if (name) {
    const model = libraryModelsOf(sourceCode, name).find(
      (each) => !each.from && argumentsAllow(each, node),
    );
    return model ? libraryStream(model, name, node) : null;
  }
  const callee = skipTransparent(node.callee);
  if (node.type !== AST_NODE_TYPES.CallExpression || callee.type !== AST_NODE_TYPES.MemberExpression) return null;
  const method = propertyName(callee);
  if (!method) return null;
  const found = methodModelsOf(sourceCode, method).find(
    ({ model }) => model.from?.callbackParameter === undefined && argumentsAllow(model, node),
  );
  return found ? libraryStream(found.model, `${found.module} ${method}`, node) : null;
}

function libraryStream(
  model: StreamModel,
  name: string,
  node: TSESTree.CallExpression | TSESTree.NewExpression,
): LibraryStream {
  const handled =
    model.errorsHandled === true ||
    (model.errorsHandled === 'withCallback' && node.arguments.some((argument) => isFunction(argument)));
  const factory = node.type === AST_NODE_TYPES.NewExpression ? `new ${name}` : name;
  const inert = model.inertWithoutFunction === true && !node.arguments.some((argument) => isFunction(argument));
  return { kind: model.kind, factory, canFail: model.canFail && !handled && !inert };
}

function argumentsAllow(model: StreamModel, node: TSESTree.CallExpression | TSESTree.NewExpression): boolean {
  const objects = node.arguments.filter(
    (argument): argument is TSESTree.ObjectExpression => argument.type === AST_NODE_TYPES.ObjectExpression,
  );
  if (model.unless && objects.some((object) => objectProperty(object, model.unless!) !== undefined)) return false;
  if (!model.when) return true;
  return Object.entries(model.when).every(([key, value]) =>
    objects.some((object) => {
      const property = objectProperty(object, key);
      return property?.type === AST_NODE_TYPES.Literal && property.value === value;
    }),
  );
}

function objectProperty(object: TSESTree.ObjectExpression, key: string): TSESTree.Node | undefined {
  for (const property of object.properties) {
    if (property.type !== AST_NODE_TYPES.Property || property.computed) continue;
    const name = property.key.type === AST_NODE_TYPES.Identifier ? property.key.name : (property.key as TSESTree.Literal).value;
    if (name === key) return property.value;
  }
  return undefined;
}

/**
 * The stream a library puts on a property of its result: `response.body` where `response` is
 * `await fetch(url)`, or `{ Body } = await s3.send(new GetObjectCommand(…))`. `result` is the
 * expression the property is read from (after its declaration is followed).
 */
export function libraryPropertyStreamOf(
  sourceCode: SourceCode,
  result: TSESTree.Node,
  property: string,
): LibraryStream | null {
  let call = skipTransparent(result);
  if (call.type === AST_NODE_TYPES.AwaitExpression) call = skipTransparent(call.argument);
  if (call.type !== AST_NODE_TYPES.CallExpression && call.type !== AST_NODE_TYPES.NewExpression) return null;
  const [first] = call.arguments;
  const command = first && skipTransparent(first).type === AST_NODE_TYPES.NewExpression ? (skipTransparent(first) as TSESTree.NewExpression) : null;
  const candidates: [TSESTree.CallExpression | TSESTree.NewExpression, boolean][] = [[call, false]];
  if (command) candidates.push([command, true]);
  for (const [node, sent] of candidates) {
    const name = resolveQualifiedName(sourceCode, node.callee);
    if (!name) continue;
    const model = libraryModelsOf(sourceCode, name).find(
      (each) => each.from?.property === property && Boolean(each.from.sent) === sent && argumentsAllow(each, call),
    );
    if (model) return libraryStream(model, `${name}(…).${property}`, call);
  }
  return null;
}

/**
 * The stream a library hands to a function: a callback's parameter (`conn.exec(cmd, (err, stream)
 * => …)`) or a listener's (`busboy.on('file', (name, file) => …)`). `receiverCall` finds the call
 * that made the emitter a listener is registered on.
 */
export function libraryParameterStreamOf(
  sourceCode: SourceCode,
  parameter: TSESTree.Node,
  emitterCreation: (emitter: TSESTree.Node) => TSESTree.CallExpression | TSESTree.NewExpression | null,
): LibraryStream | null {
  const fn = parameter.parent;
  if (!fn || !isFunction(fn)) return null;
  const index = fn.params.indexOf(parameter as TSESTree.Parameter);
  const call = fn.parent;
  if (index < 0 || call?.type !== AST_NODE_TYPES.CallExpression || !call.arguments.includes(fn as TSESTree.Expression)) return null;
  const callee = skipTransparent(call.callee);
  const method = callee.type === AST_NODE_TYPES.MemberExpression ? propertyName(callee) : null;
  const event = call.arguments[0]?.type === AST_NODE_TYPES.Literal ? call.arguments[0].value : null;
  if (method && listenerMethods.has(method) && typeof event === 'string' && callee.type === AST_NODE_TYPES.MemberExpression) {
    const creation = emitterCreation(callee.object);
    const name = creation && resolveQualifiedName(sourceCode, creation.callee);
    const model = name
      ? libraryModelsOf(sourceCode, name).find((each) => each.from?.event === event && each.from.parameter === index)
      : undefined;
    return model && creation ? libraryStream(model, `${name}(…) '${event}'`, creation) : null;
  }
  if (call.arguments.at(-1) !== fn) return null;
  const name = resolveQualifiedName(sourceCode, call.callee);
  const models = name
    ? libraryModelsOf(sourceCode, name).map((model) => ({ module: name, model }))
    : method
      ? methodModelsOf(sourceCode, method).map(({ module, model }) => ({ module: `${module} ${method}`, model }))
      : [];
  const found = models.find(({ model }) => model.from?.callbackParameter === index);
  return found ? libraryStream(found.model, found.module, call) : null;
}

/**
 * Whether a qualified name comes from a library whose values look like streams without being
 * Node streams (an RxJS observable's `.pipe()`, execa's result): usage is no evidence for them.
 */
export function isNotStreamLibraryName(qualifiedName: string): boolean {
  for (let end = qualifiedName.length; end > 0; end = qualifiedName.lastIndexOf('.', end - 1)) {
    const exports = notStreamLibraries[qualifiedName.slice(0, end)];
    if (!exports) continue;
    const path = qualifiedName.slice(end + 1).split('.')[0] || 'default';
    return exports === '*' || exports.includes(path);
  }
  return false;
}
