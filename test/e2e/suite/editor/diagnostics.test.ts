import assert from 'node:assert/strict';
import { after, before, describe, it } from 'mocha';
import * as vscode from 'vscode';
import { describeDiagnostics, docsLinkOf, ruleOf, waitForExactly } from '../support/diagnostics.js';
import { activateExtension } from '../support/extension.js';
import { ruleMeta } from '../support/plugin.js';
import { closeAllEditors, exampleExpectations, openInEditor, workspaceUri } from '../support/workspace.js';

/** The reviewed problems of every example, as the plugin reports them with the `all` config. */
const expectations = exampleExpectations();


describe('diagnostics on examples/', () => {
  before(activateExtension);
  after(closeAllEditors);

  for (const [examplePath, expected] of Object.entries(expectations)) {
    it(`${examplePath} shows exactly the reviewed problems`, async () => {
      const editor = await openInEditor(workspaceUri(examplePath));
      await waitForExactly(editor.document.uri, expected);
    });
  }

  it('underlines the stream itself, with the rule as code and its docs page as link', async () => {
    const editor = await openInEditor(workspaceUri('examples/download.js'));
    const diagnostics = await waitForExactly(editor.document.uri, expectations['examples/download.js']!);
    const underlined = diagnostics.map((diagnostic) => `${ruleOf(diagnostic)}: ${editor.document.getText(diagnostic.range)}`);
    assert.deepEqual(underlined.sort(), [
      'node-streams/no-unhandled-error: fs.createWriteStream(path)',
      'node-streams/no-unhandled-error: https.get(url, (response) => {\n    const file = fs.createWriteStream(path);\n    response.pipe(file);\n  })',
      'node-streams/prefer-pipeline: pipe(file)',
    ].sort());
    for (const diagnostic of diagnostics) {
      assert.equal(docsLinkOf(diagnostic), ruleMeta(ruleOf(diagnostic)).docs.url);
      assert.ok(diagnostic.message.length > 20, `a real message: ${diagnostic.message}`);
    }
    assert.deepEqual(describeDiagnostics(diagnostics), expectations['examples/download.js']);
  });
});
