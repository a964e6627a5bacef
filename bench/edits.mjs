// One-character edits, as a person types them: a space added at the end of a line in the middle
// of the file, then taken away again, so that every text stays valid code.

/** `count` successive texts, each one character away from the one before. */
export function oneCharacterEdits(original, count) {
  const at = editOffset(original);
  const edited = `${original.slice(0, at)} ${original.slice(at)}`;
  return Array.from({ length: count }, (_, index) => (index % 2 === 0 ? edited : original));
}

/** The same edits as LSP incremental changes: `{ range, text }` at the line and character. */
export function oneCharacterChanges(original, count) {
  const at = editOffset(original);
  const line = original.slice(0, at).split('\n').length - 1;
  const character = at - (original.lastIndexOf('\n', at - 1) + 1);
  const insert = { range: { start: { line, character }, end: { line, character } }, text: ' ' };
  const remove = { range: { start: { line, character }, end: { line, character: character + 1 } }, text: '' };
  return Array.from({ length: count }, (_, index) => (index % 2 === 0 ? insert : remove));
}

/** The end of the first line past the middle of the file that ends outside a string or comment. */
function editOffset(text) {
  const lines = text.split('\n');
  let offset = 0;
  for (let index = 0; index < lines.length; index += 1) {
    const line = lines[index];
    if (index >= lines.length / 2 && /[;{}]\s*$/.test(line)) return offset + line.length;
    offset += line.length + 1;
  }
  return text.length;
}
