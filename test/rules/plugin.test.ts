import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, it } from 'node:test';
import { Linter } from 'eslint';

// These tests load what users load: the built package, by its name.
const requireHere = createRequire(import.meta.url);

interface RuleDocs {
  description: string;
  url: string;
  level: string;
  topic: string;
  strictOptions?: unknown[];
}

describe('the published plugin', () => {
  it('has the same shape from require and import', async () => {
    const imported = (await import('eslint-plugin-node-streams')).default;
    const required = requireHere('eslint-plugin-node-streams') as typeof imported;
    assert.equal(required, imported);
    assert.equal(required.meta.name, 'eslint-plugin-node-streams');
    assert.equal(required.meta.version, JSON.parse(readFileSync('rules/package.json', 'utf8')).version);
    assert.deepEqual(Object.keys(required.configs).sort(), ['all', 'recommended', 'strict']);
  });

  it('registers itself in each config, each larger config holding the smaller', () => {
    const plugin = requireHere('eslint-plugin-node-streams');
    const { recommended, strict, all } = plugin.configs;
    for (const config of [recommended, strict, all]) assert.equal(config.plugins['node-streams'], plugin);
    const names = (config: { rules: object }) => Object.keys(config.rules);
    assert.ok(names(recommended).every((name) => names(strict).includes(name)));
    assert.ok(names(strict).every((name) => names(all).includes(name)));
    assert.deepEqual(names(all).sort(), Object.keys(plugin.rules).map((name) => `node-streams/${name}`).sort());
  });

  it('turns problems on as errors and preferences as warnings, with their strict options in strict and all only', () => {
    const plugin = requireHere('eslint-plugin-node-streams');
    const { recommended, strict, all } = plugin.configs;
    const asyncRule = 'node-streams/no-async-implementation';
    assert.equal(recommended.rules[asyncRule], 'error');
    assert.deepEqual(strict.rules[asyncRule], ['error', { requireErrorPath: true }]);
    assert.deepEqual(all.rules[asyncRule], strict.rules[asyncRule]);
    const preferences = Object.keys(plugin.rules).filter((name) => name.startsWith('prefer-'));
    assert.ok(preferences.length > 0);
    for (const [name, rule] of Object.entries<{ meta: { docs: RuleDocs } }>(plugin.rules)) {
      const options = rule.meta.docs.strictOptions;
      const severity = preferences.includes(name) ? 'warn' : 'error';
      assert.equal(recommended.rules[`node-streams/${name}`] ?? severity, severity, name);
      assert.deepEqual(strict.rules[`node-streams/${name}`], options ? [severity, ...options] : severity, name);
      // all: every rule, each as an error, for audits and the evaluation scripts.
      assert.deepEqual(all.rules[`node-streams/${name}`], options ? ['error', ...options] : 'error', name);
    }
    assert.notDeepEqual(all.rules, strict.rules);
  });

  it('applies the strict options when linting: an async _read with no error path fails strict only', () => {
    const plugin = requireHere('eslint-plugin-node-streams');
    const code = [
      "const { Readable } = require('node:stream');",
      'class Pages extends Readable {',
      '  async _read() {',
      '    this.push(await this.client.nextPage());',
      '  }',
      '}',
      'module.exports = Pages;',
    ].join('\n');
    const ruleIds = (config: Linter.Config) =>
      new Linter({ configType: 'flat' }).verify(code, [config], 'pages.js').map((message) => message.ruleId);
    assert.deepEqual(ruleIds(plugin.configs.recommended), []);
    assert.deepEqual(ruleIds(plugin.configs.strict), ['node-streams/no-async-implementation']);
  });

  it('documents every rule with a page, a level and a topic', () => {
    const plugin = requireHere('eslint-plugin-node-streams');
    for (const [name, rule] of Object.entries<{ meta: { docs: RuleDocs } }>(plugin.rules)) {
      const docs = rule.meta.docs;
      assert.match(docs.url, new RegExp(`/rules/docs/${name}\\.md$`));
      assert.ok(['novice', 'intermediate', 'advanced', 'expert'].includes(docs.level), name);
      assert.ok(docs.topic.length > 0, name);
    }
  });
});
