// package.json's contributions and the README's tables are generated: they must be up to date.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { commandList } from '../../client/src/command-ids.js';
import { staleFiles } from '../../scripts/manifest.js';

const root = new URL('../../', import.meta.url);
const manifest = JSON.parse(readFileSync(new URL('package.json', root), 'utf8')) as {
  contributes: { commands: { command: string }[]; configuration: { properties: Record<string, unknown> }; walkthroughs: { steps: { media: { markdown: string } }[] }[] };
  capabilities: { untrustedWorkspaces: { supported: string; restrictedConfigurations: string[] } };
  icon: string;
  main: string;
};

describe('extension manifest', () => {
  it('is what `npm run manifest` generates', () => {
    assert.deepEqual(staleFiles(root).map(({ file }) => file.pathname.replace(root.pathname, '')), [], 'run `npm run manifest`');
  });

  it('contributes every command, prefixed nodeStreams.', () => {
    assert.deepEqual(manifest.contributes.commands.map(({ command }) => command), commandList.map(({ id }) => id));
    for (const { command } of manifest.contributes.commands) assert.match(command, /^nodeStreams\.\w+$/);
  });

  it('runs limited in untrusted workspaces, without the project config', () => {
    assert.equal(manifest.capabilities.untrustedWorkspaces.supported, 'limited');
    assert.deepEqual(manifest.capabilities.untrustedWorkspaces.restrictedConfigurations, ['nodeStreams.useProjectConfig']);
  });

  it('points at files that exist', () => {
    for (const file of [manifest.icon, ...manifest.contributes.walkthroughs[0].steps.map((step) => step.media.markdown)]) {
      assert.ok(readFileSync(new URL(file, root)).length > 0, file);
    }
    assert.equal(manifest.main, './client/out/extension.js');
  });
});
