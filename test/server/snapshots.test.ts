/**
 * Every code action the server offers on each example, with the change it makes, compared with the
 * reviewed files in snapshots/. After a deliberate change: UPDATE_SNAPSHOTS=1 node scripts/test.mjs
 * test/server/snapshots.test.ts, then read the diff.
 */
import assert from 'node:assert/strict';
import { mkdirSync, readdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { after, before, it } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { CodeAction } from 'vscode-languageserver-protocol';
import { commonLines } from '../../server/src/line-diff.js';
import { applyEdit, LanguageClient } from './lsp-client.js';

const examples = new URL('../../examples/', import.meta.url);
const snapshots = new URL('snapshots/', import.meta.url);
const update = process.env.UPDATE_SNAPSHOTS === '1';

/** The changed lines, `-` old and `+` new, with one line of context, like a unified diff. */
function lineDiff(before: string, after: string): string {
  const a = before.split('\n');
  const b = after.split('\n');
  const lines: { mark: string; text: string }[] = [];
  let i = 0;
  let j = 0;
  const pairs = commonLines(a, b);
  for (const [pairOld, pairNew] of [...pairs, [a.length, b.length] as const]) {
    while (i < pairOld) lines.push({ mark: '-', text: a[i++] });
    while (j < pairNew) lines.push({ mark: '+', text: b[j++] });
    if (i < a.length) lines.push({ mark: ' ', text: a[i] });
    i = pairOld + 1;
    j = pairNew + 1;
  }
  const near = (index: number) => lines.slice(Math.max(0, index - 1), index + 2).some((each) => each.mark !== ' ');
  const out: string[] = [];
  lines.forEach((each, index) => {
    if (!near(index)) {
      if (out.at(-1) !== '…') out.push('…');
      return;
    }
    out.push(`${each.mark} ${each.text}`.trimEnd());
  });
  return out.join('\n');
}

function describeAction(text: string, uri: string, action: CodeAction): string {
  const heading = `### ${action.title} (${action.kind}${action.isPreferred ? ', preferred' : ''})`;
  if (!action.edit) return `${heading}\n\nCommand \`${action.command?.command}\` ${JSON.stringify(action.command?.arguments)}`;
  return `${heading}\n\n\`\`\`diff\n${lineDiff(text, applyEdit(text, uri, action.edit))}\n\`\`\``;
}

let client: LanguageClient;
before(async () => {
  // Every rule and every level: the snapshots show everything the server can offer, without types.
  client = await LanguageClient.start({ initializationOptions: { settings: { config: 'all', typeAware: 'off' } } });
});
after(() => {
  if (client.child.exitCode === null) client.child.kill();
});

for (const name of readdirSync(examples).filter((each) => /\.[cm]?[jt]sx?$/.test(each)).sort()) {
  it(`code actions on examples/${name}`, async () => {
    const path = fileURLToPath(new URL(name, examples));
    const uri = pathToFileURL(path).href;
    const text = readFileSync(path, 'utf8');
    client.open(uri, text, /\.[cm]?tsx?$/.test(name) ? 'typescript' : 'javascript');
    const diagnostics = await client.diagnostics(uri);
    const sections = [`# Code actions on examples/${name}`];
    for (const diagnostic of diagnostics) {
      const { line, character } = diagnostic.range.start;
      sections.push(`## ${line + 1}:${character + 1} ${diagnostic.code}`);
      const actions = await client.codeActions(uri, diagnostic.range, [diagnostic], ['quickfix']);
      sections.push(...actions.map((action) => describeAction(text, uri, action)));
    }
    const lines = text.split('\n');
    const whole = { start: { line: 0, character: 0 }, end: { line: lines.length - 1, character: lines.at(-1)!.length } };
    const refactors = await client.codeActions(uri, whole, [], ['refactor']);
    if (refactors.length > 0) sections.push('## Refactors', ...refactors.map((action) => describeAction(text, uri, action)));
    const fixAll = await client.codeActions(uri, whole, [], ['source.fixAll']);
    if (fixAll.length > 0) sections.push('## On save', ...fixAll.map((action) => describeAction(text, uri, action)));
    client.close(uri);
    const snapshot = `${sections.join('\n\n')}\n`;
    const file = new URL(`${name}.md`, snapshots);
    if (update) {
      mkdirSync(snapshots, { recursive: true });
      writeFileSync(file, snapshot);
    }
    assert.ok(existsSync(file), `no snapshot for ${name}: run with UPDATE_SNAPSHOTS=1 and review it`);
    assert.equal(snapshot, readFileSync(file, 'utf8'));
  });
}
