// The generated parts of hand-written files (README tables, rule page headers) sit between
// `<!-- begin auto-generated NAME -->` and `<!-- end auto-generated NAME -->` markers.

/** The text with the section between the named markers replaced by `content`. */
export function replaceGeneratedSection(text: string, marker: string, content: string, file: string): string {
  const begin = `<!-- begin auto-generated ${marker} -->`;
  const end = `<!-- end auto-generated ${marker} -->`;
  const start = text.indexOf(begin);
  const stop = text.indexOf(end);
  if (start < 0 || stop < start) throw new Error(`${file} has no '${begin}' … '${end}' markers`);
  return `${text.slice(0, start + begin.length)}\n${content}\n${text.slice(stop)}`;
}

/** A Markdown table; cells have their pipes escaped and their line breaks folded. */
export function markdownTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const escape = (cell: string) => cell.replace(/\|/g, '\\|').replace(/\n/g, ' ');
  return [`| ${header.join(' | ')} |`, `| ${header.map(() => '---').join(' | ')} |`, ...rows.map((row) => `| ${row.map(escape).join(' | ')} |`)].join('\n');
}
