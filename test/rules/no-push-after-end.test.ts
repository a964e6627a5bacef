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

it('runs under Node without ERR_STREAM_PUSH_AFTER_EOF when the state that ended the data skips every later push', () => {
  const run = runModule(`
    import { Transform } from 'node:stream';
    const head = new Transform({
      transform(chunk, encoding, callback) {
        if (!this.seen) this.seen = 0;
        if (this.seen < 4) {
          this.seen += chunk.length;
          this.push(chunk);
        } else {
          this.push(null);
        }
        callback();
      },
    });
    head.on('error', (error) => console.log('error', error.code));
    head.on('end', () => console.log('end'));
    head.resume();
    for (const chunk of ['ab', 'cd', 'ef', 'gh', 'ij']) head.write(chunk);
  `);
  assert.deepEqual(run.stdout.trim().split('\n'), ['end']);
});

ruleTester.run('no-push-after-end', rule, {
  valid: [
    // push(null) on one side of a test, every push on the other side of the same test: the state
    // that ended the data skips the pushes of later chunks (Node: no ERR_STREAM_PUSH_AFTER_EOF).
    `
      const { Transform } = require('stream');
      class Probe extends Transform {
        _transform(chunk, encoding, callback) {
          if (this.parser.state === 'more') {
            const result = this.parser.feed(chunk);
            if (this.parser.state === 'more') {
              if (result) this.push(result);
            } else {
              this.push(null);
            }
          }
          callback();
        }
      }
    `,
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
      // The pushes do not depend on the test that ended the data.
      code: `
const { Transform } = require('stream');
class Head extends Transform {
  _transform(chunk, encoding, callback) {
    if (chunk.length > 10) {
      this.push(null);
    }
    callback(null, chunk);
  }
}
`,
      errors: [{ messageId: 'endInTransform', line: 6, column: 7 }],
    },
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
