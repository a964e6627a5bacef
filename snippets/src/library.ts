/**
 * The snippet library: data files (one per level, in VS Code's snippet format plus `level`, `topic`
 * and `imports`) read into typed snippets. Used by the VS Code client and by the snippet tests.
 */
import { isLevel, isTopic, levels, topics, type Level, type Topic } from 'eslint-plugin-node-streams/skill-tree';

// The skill tree has its one home in the plugin; the library's users read it through here too.
export { levels, topics, type Level, type Topic };

/** Names a snippet needs from one module; `types` are imported in TypeScript only. */
export interface SnippetImport {
  from: string;
  names?: string[];
  types?: string[];
}

/**
 * One snippet. `body` is VS Code snippet syntax written once for both languages: text between
 * `{{` and `}}` (a type annotation, `override`, a cast) is kept in TypeScript and dropped in
 * JavaScript. Imports are listed apart, so they can be written in the file's module style.
 */
export interface Snippet {
  name: string;
  prefix: string;
  description: string;
  level: Level;
  topic: Topic;
  imports: SnippetImport[];
  body: string;
}

/** One entry of a data file, as written there. */
interface SnippetEntry {
  prefix?: unknown;
  description?: unknown;
  level?: unknown;
  topic?: unknown;
  imports?: unknown;
  body?: unknown;
}

/** Reads one data file's JSON; throws with the snippet's name on anything malformed. */
export function parseSnippetFile(json: string, fileName: string): Snippet[] {
  const entries = JSON.parse(json) as Record<string, SnippetEntry>;
  return Object.entries(entries).map(([name, entry]) => {
    const fail = (what: string): never => {
      throw new Error(`${fileName}: snippet '${name}' ${what}`);
    };
    if (typeof entry.prefix !== 'string') fail('needs a string prefix');
    if (typeof entry.description !== 'string') fail('needs a string description');
    if (!isLevel(entry.level)) fail(`has level ${String(entry.level)}, not one of ${levels.join(', ')}`);
    if (!isTopic(entry.topic)) fail(`has topic ${String(entry.topic)}, not one of the skill tree`);
    const body = Array.isArray(entry.body) ? entry.body.join('\n') : entry.body;
    if (typeof body !== 'string') fail('needs a body (a string or an array of lines)');
    return {
      name,
      prefix: entry.prefix as string,
      description: entry.description as string,
      level: entry.level as Level,
      topic: entry.topic as Topic,
      imports: parseImports(entry.imports, fail),
      body: body as string,
    };
  });
}

function parseImports(value: unknown, fail: (what: string) => never): SnippetImport[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) return fail('has imports that are not an array');
  const isNames = (names: unknown) => names === undefined || (Array.isArray(names) && names.every((name) => typeof name === 'string'));
  return value.map((item: SnippetImport) => {
    if (typeof item?.from !== 'string' || !isNames(item.names) || !isNames(item.types)) {
      fail(`has a malformed import: ${JSON.stringify(item)}`);
    }
    return { from: item.from, names: item.names ?? [], types: item.types ?? [] };
  });
}

/** The data file of each level, relative to the snippets folder. */
export function snippetFileOf(level: Level): string {
  return `${level}.json`;
}
