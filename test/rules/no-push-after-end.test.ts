import assert from 'node:assert/strict';
import { it } from 'node:test';
import rule from '../../rules/src/rules/no-push-after-end.js';
import { runModule } from '../support/node-run.js';
import { ruleTester } from './rule-tester.js';

it('fails under Node with ERR_STREAM_PUSH_AFTER_EOF: push(null) in _transform, and push() after push(null)', () => {
  const run = runModule(`
    import { Readable, Transform } from 'node:stream';
    const upper = new Transform({ transform(chunk, encoding, callback) { this.push(chunk); this.push(null); callback(); } });
    upper.on('error', (error) => console.log('transform', error.code));
    upper.resume();
    upper.write('a');
    upper.write('b');
    const source = new Readable({ read() { this.push(null); this.push('late'); } });
    source.on('error', (error) => console.log('read', error.code));
    source.resume();
  `);
  assert.deepEqual(run.stdout.trim().split('\n').sort(), ['read ERR_STREAM_PUSH_AFTER_EOF', 'transform ERR_STREAM_PUSH_AFTER_EOF']);
});

ruleTester.run('no-push-after-end', rule, {
  valid: [
    // The last chunk, then the end; the end in _flush; ends on separate paths.
    `
      const { Readable, Transform } = require('stream');
      class Lines extends Transform {
        _transform(chunk, encoding, callback) { this.push(chunk); callback(); }
        _flush(callback) { this.push(this.rest); this.push(null); callback(); }
      }
      new Readable({
        read() {
          const item = queue.shift();
          if (item === undefined) { this.push(null); return; }
          this.push(item);
        },
      });
      new Readable({
        read() {
          if (done) this.push(null);
          else this.push(next());
        },
      });
    `,
    // A push in a callback that runs later belongs to another call of read().
    `
      const { Readable } = require('stream');
      class Source extends Readable {
        _read() {
          this.push(null);
          setImmediate(() => log('ended'));
        }
      }
    `,
    // Not a stream implementation.
    `
      class Queue { drain() { this.push(null); this.push(1); } }
    `,
  ],
  invalid: [
    {
      code: `
const { Transform } = require('stream');
class Head extends Transform {
  _transform(chunk, encoding, callback) {
    this.push(chunk.subarray(0, 10));
    this.push(null);
    callback();
  }
}
`,
      errors: [{ messageId: 'endInTransform', data: { name: '_transform' }, line: 6, column: 5 }],
    },
    {
      code: `
const { Readable } = require('stream');
const numbers = new Readable({
  objectMode: true,
  read() {
    this.push(null);
    this.push(42);
  },
});
`,
      errors: [{ messageId: 'pushAfterEnd', line: 7, column: 5 }],
    },
  ],
});
