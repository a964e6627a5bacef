/**
 * VS Code snippet syntax, as far as the library uses it: tab stops (`$1`, `${1}`), placeholders
 * (`${1:default}`, nested), choices (`${1|a,b|}`), the final stop `$0`, and the escapes `\$`, `\}`
 * and `\\`. Variables (`$TM_FILENAME`) are refused: the library does not use them.
 */

type Part = string | { tabStop: number; content: Part[] | null; choice?: string };

/** The text a snippet gives when every placeholder keeps its default (mirrors included). */
export function expandPlaceholders(snippet: string): string {
  const parts = parse(snippet, 0, false).parts;
  const defaults = new Map<number, string>();
  collectDefaults(parts, defaults);
  return render(parts, defaults);
}

/** Plain text made safe to put inside a snippet body. */
export function escapeSnippetText(text: string): string {
  return text.replace(/[\\$}]/g, (character) => `\\${character}`);
}

function collectDefaults(parts: Part[], defaults: Map<number, string>): void {
  for (const part of parts) {
    if (typeof part === 'string') continue;
    if (part.content) collectDefaults(part.content, defaults);
    const value = part.choice ?? (part.content ? render(part.content, defaults) : undefined);
    if (value !== undefined && !defaults.has(part.tabStop)) defaults.set(part.tabStop, value);
  }
}

function render(parts: Part[], defaults: Map<number, string>): string {
  return parts
    .map((part) => {
      if (typeof part === 'string') return part;
      if (part.choice !== undefined) return part.choice;
      if (part.content) return render(part.content, defaults);
      return defaults.get(part.tabStop) ?? '';
    })
    .join('');
}

/** Parses from `start` up to the end, or up to the `}` that closes a placeholder when `nested`. */
function parse(text: string, start: number, nested: boolean): { parts: Part[]; end: number } {
  const parts: Part[] = [];
  let literal = '';
  let index = start;
  const flush = () => {
    if (literal) parts.push(literal);
    literal = '';
  };
  while (index < text.length) {
    const character = text[index];
    if (character === '\\' && '$}\\'.includes(text[index + 1] ?? '')) {
      literal += text[index + 1];
      index += 2;
    } else if (character === '}' && nested) {
      flush();
      return { parts, end: index + 1 };
    } else if (character === '$') {
      const placeholder = parsePlaceholder(text, index);
      if (placeholder) {
        flush();
        parts.push(placeholder.part);
        index = placeholder.end;
      } else {
        literal += character;
        index += 1;
      }
    } else {
      literal += character;
      index += 1;
    }
  }
  if (nested) throw new Error(`Unclosed placeholder in snippet: ${text.slice(start - 10, start + 30)}`);
  flush();
  return { parts, end: index };
}

function parsePlaceholder(text: string, start: number): { part: Part; end: number } | null {
  const simple = /^\$(\d+)/.exec(text.slice(start));
  if (simple) return { part: { tabStop: Number(simple[1]), content: null }, end: start + simple[0].length };
  if (/^\$\{?[A-Za-z_]/.test(text.slice(start))) {
    throw new Error(`Snippet variables are not supported: ${text.slice(start, start + 30)}`);
  }
  const opening = /^\$\{(\d+)([:|}])/.exec(text.slice(start));
  if (!opening) return null;
  const tabStop = Number(opening[1]);
  const after = start + opening[0].length;
  if (opening[2] === '}') return { part: { tabStop, content: null }, end: after };
  if (opening[2] === '|') {
    const close = text.indexOf('|}', after);
    if (close < 0) throw new Error(`Unclosed choice in snippet: ${text.slice(start, start + 30)}`);
    const choice = text.slice(after, close).split(',')[0] ?? '';
    return { part: { tabStop, content: null, choice }, end: close + 2 };
  }
  const inner = parse(text, after, true);
  return { part: { tabStop, content: inner.parts }, end: inner.end };
}
