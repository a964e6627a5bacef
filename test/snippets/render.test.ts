import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Snippet } from '../../snippets/src/library.js';
import { moduleStyleOf } from '../../snippets/src/module-style.js';
import { renderSnippet } from '../../snippets/src/render.js';

const snippet: Snippet = {
  name: 'stream-example',
  prefix: 'stream-example',
  description: 'An example',
  level: 'intermediate',
  topic: 'transform streams',
  imports: [
    { from: 'node:stream', names: ['Transform'], types: ['TransformCallback'] },
    { from: 'node:fs', names: ['createReadStream', 'createWriteStream'] },
    { from: 'node:http', types: ['ServerResponse'] },
  ],
  body: 'class ${1:Name} extends Transform {\n  {{override }}_flush(callback{{: TransformCallback}}) {}\n}',
};

describe('renderSnippet', () => {
  it('writes JavaScript with require: no types, destructured requires', () => {
    const rendered = renderSnippet(snippet, { typescript: false, modules: 'require' });
    assert.equal(rendered.body, 'class ${1:Name} extends Transform {\n  _flush(callback) {}\n}');
    assert.equal(
      rendered.imports,
      "const { Transform } = require('node:stream');\nconst { createReadStream, createWriteStream } = require('node:fs');",
    );
    assert.equal(rendered.importLine, 0);
  });

  it('writes JavaScript with import', () => {
    const rendered = renderSnippet(snippet, { typescript: false, modules: 'import' });
    assert.equal(rendered.imports, "import { Transform } from 'node:stream';\nimport { createReadStream, createWriteStream } from 'node:fs';");
  });

  it('writes TypeScript with its annotations and type imports', () => {
    const rendered = renderSnippet(snippet, { typescript: true, modules: 'import' });
    assert.equal(rendered.body, 'class ${1:Name} extends Transform {\n  override _flush(callback: TransformCallback) {}\n}');
    assert.equal(
      rendered.imports,
      [
        "import { Transform, type TransformCallback } from 'node:stream';",
        "import { createReadStream, createWriteStream } from 'node:fs';",
        "import type { ServerResponse } from 'node:http';",
      ].join('\n'),
    );
  });

  it('leaves out what the document imports already, with or without node:, and goes after its imports', () => {
    const document = [
      '#!/usr/bin/env node',
      "'use strict';",
      "const { createReadStream } = require('fs');",
      'const {',
      '  Transform: Renamed,',
      "} = require('node:stream');",
      '',
      'main();',
    ].join('\n');
    const rendered = renderSnippet(snippet, { typescript: false, modules: 'require' }, document);
    assert.equal(
      rendered.imports,
      "const { Transform } = require('node:stream');\nconst { createWriteStream } = require('node:fs');",
    );
    assert.equal(rendered.importLine, 3, 'a multi-line require is not read: the imports go after the one-line ones');
  });

  it('reads multi-line imports, type imports and renames', () => {
    const document = [
      '// A header comment',
      'import {',
      '  Transform,',
      '  type TransformCallback,',
      "} from 'node:stream';",
      "import { createReadStream as open } from 'node:fs';",
      '',
      'export const x = 1;',
    ].join('\n');
    const rendered = renderSnippet(snippet, { typescript: true, modules: 'import' }, document);
    assert.equal(
      rendered.imports,
      "import { createReadStream, createWriteStream } from 'node:fs';\nimport type { ServerResponse } from 'node:http';",
    );
    assert.equal(rendered.importLine, 6);
    assert.deepEqual(rendered.conflicts, []);
  });

  it('names what the document imports from another module under the same name', () => {
    const rendered = renderSnippet(snippet, { typescript: false, modules: 'import' }, "import { Transform } from 'readable-stream';\n");
    assert.deepEqual(rendered.conflicts, ['Transform (needed from node:stream)']);
  });

  it('puts the imports after a shebang and directives when the document has none', () => {
    assert.equal(renderSnippet(snippet, { typescript: false, modules: 'require' }, "#!/usr/bin/env node\n'use strict';\n\nrun();").importLine, 2);
    assert.equal(renderSnippet(snippet, { typescript: false, modules: 'require' }, '/* licence */\nrun();').importLine, 0);
  });
});

describe('moduleStyleOf', () => {
  const facts = { languageId: 'javascript', text: '' };

  it('follows the extension first: .mjs, .cjs, .mts', () => {
    assert.deepEqual(moduleStyleOf({ ...facts, fileName: '/p/a.mjs', packageType: 'commonjs' }), { typescript: false, modules: 'import' });
    assert.deepEqual(moduleStyleOf({ ...facts, fileName: '/p/a.cjs', text: "import x from 'y';" }), { typescript: false, modules: 'require' });
    assert.deepEqual(moduleStyleOf({ ...facts, fileName: '/p/a.mts', languageId: 'typescript' }), { typescript: true, modules: 'import' });
  });

  it('writes import in TypeScript, whatever it compiles to', () => {
    assert.deepEqual(
      moduleStyleOf({ fileName: '/p/a.ts', languageId: 'typescript', text: "const fs = require('fs');", packageType: 'commonjs' }),
      { typescript: true, modules: 'import' },
    );
    assert.equal(moduleStyleOf({ fileName: '/p/a.cts', languageId: 'typescript', text: '' }).typescript, true);
  });

  it("then the file's own imports, then package.json's type", () => {
    assert.equal(moduleStyleOf({ ...facts, fileName: '/p/a.js', text: "const fs = require('node:fs');", packageType: 'module' }).modules, 'require');
    assert.equal(moduleStyleOf({ ...facts, fileName: '/p/a.js', text: "import fs from 'node:fs';" }).modules, 'import');
    assert.equal(moduleStyleOf({ ...facts, fileName: '/p/a.js', text: 'export default 1;' }).modules, 'import');
    assert.equal(moduleStyleOf({ ...facts, fileName: '/p/a.js', packageType: 'module' }).modules, 'import');
    assert.equal(moduleStyleOf({ ...facts, fileName: '/p/a.jsx', packageType: 'commonjs' }).modules, 'require');
  });

  it('takes a .js file with no package type as CommonJS, as Node does, and an untitled one as ESM', () => {
    assert.equal(moduleStyleOf({ ...facts, fileName: '/p/a.js' }).modules, 'require');
    assert.deepEqual(moduleStyleOf({ ...facts, fileName: 'Untitled-1' }), { typescript: false, modules: 'import' });
    assert.deepEqual(moduleStyleOf({ fileName: 'Untitled-2', languageId: 'typescript', text: '' }), { typescript: true, modules: 'import' });
  });

  it('is not fooled by the word import in a comment or a dynamic import', () => {
    assert.equal(moduleStyleOf({ ...facts, fileName: '/p/a.js', text: "// import this later\nconst m = import('x');" }).modules, 'require');
  });
});
