import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { escapeSnippetText, expandPlaceholders } from '../../snippets/src/placeholders.js';

describe('expandPlaceholders', () => {
  it('gives each placeholder its default, and its mirrors the same text', () => {
    assert.equal(expandPlaceholders('function ${1:copy}() {}\n$1();$0'), 'function copy() {}\ncopy();');
  });

  it('expands nested placeholders and takes the first choice', () => {
    assert.equal(expandPlaceholders("${1:size = ${2:1024}}; '${3|utf8,latin1|}'"), "size = 1024; 'utf8'");
  });

  it('keeps escaped dollars and braces, and template literals written with them', () => {
    assert.equal(expandPlaceholders('`\\${name}` \\\\ ${1:a\\}b}'), '`${name}` \\ a}b');
  });

  it('leaves a dollar that starts nothing as it is (a dollar before a name would be a variable)', () => {
    assert.equal(expandPlaceholders('const $ = 1; price$; ${}; $'), 'const $ = 1; price$; ${}; $');
  });

  it('refuses variables and unclosed placeholders', () => {
    assert.throws(() => expandPlaceholders('$TM_FILENAME'), /variables are not supported/);
    assert.throws(() => expandPlaceholders('${1:open'), /Unclosed placeholder/);
  });

  it('escapes text so that it expands to itself', () => {
    const text = 'const price = `${amount} $` + "}" + "\\\\";';
    assert.equal(expandPlaceholders(escapeSnippetText(text)), text);
  });
});
