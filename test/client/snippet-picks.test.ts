import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { completionLabel, completionSortText, snippetPicks } from '../../client/src/snippet-picks.js';
import { loadLibrary } from '../snippets/snippet-forms.js';

const library = loadLibrary();

describe('snippetPicks', () => {
  it('groups the snippets by level in teaching order, each group under its separator', () => {
    const picks = snippetPicks(library, ['expert', 'novice', 'intermediate', 'advanced']);
    const separators = picks.filter((pick) => pick.kind === 'separator').map((pick) => pick.label);
    assert.deepEqual(separators, ['Novice', 'Intermediate', 'Advanced', 'Expert']);
    let level = '';
    for (const pick of picks) {
      if (pick.kind === 'separator') level = pick.label.toLowerCase();
      else assert.equal(pick.snippet.level, level, `${pick.label} is under ${level}`);
    }
    assert.equal(picks.filter((pick) => pick.kind === 'snippet').length, library.length);
  });

  it('shows only the levels wanted, and searches by name, topic and description', () => {
    const picks = snippetPicks(library, ['advanced']);
    assert.equal(picks[0].kind === 'separator' && picks[0].label, 'Advanced');
    const compose = picks.find((pick) => pick.kind === 'snippet' && pick.label === 'stream-compose');
    assert.ok(compose && compose.kind === 'snippet');
    assert.equal(compose.description, 'combining streams');
    assert.equal(compose.detail, compose.snippet.description);
    assert.ok(picks.every((pick) => pick.kind === 'separator' || pick.snippet.level === 'advanced'));
    assert.deepEqual(snippetPicks(library, []), []);
  });
});

describe('completion labels', () => {
  it('carry the level in the label detail and the topic beside it, and sort novices first', () => {
    const transform = library.find((snippet) => snippet.name === 'stream-transform-class');
    assert.ok(transform);
    assert.deepEqual(completionLabel(transform), { label: 'stream-transform-class', detail: ' · Intermediate', description: 'transform streams' });
    const sorted = [...library].sort((a, b) => completionSortText(a).localeCompare(completionSortText(b)));
    assert.equal(sorted[0].level, 'novice');
    assert.equal(sorted.at(-1)?.level, 'expert');
  });
});
