import rule from '../../rules/src/rules/no-stream-internals.js';
import { checkFixOutputs } from '../support/fix-outputs.js';
import { ruleTester } from './rule-tester.js';

const invalid = [
  {
    // Progress reporting through the internal state, as older tutorials show.
    code: `
const fs = require('node:fs');
const input = fs.createReadStream('dump.sql');
setInterval(() => {
  console.log('buffered', input._readableState.length, 'flowing', input._readableState.flowing);
}, 1000);
`,
    output: `
const fs = require('node:fs');
const input = fs.createReadStream('dump.sql');
setInterval(() => {
  console.log('buffered', input.readableLength, 'flowing', input.readableFlowing);
}, 1000);
`,
    errors: [
      { messageId: 'internalState' as const, data: { state: '_readableState' }, line: 5, column: 27, endLine: 5, endColumn: 54 },
      { messageId: 'internalState' as const, data: { state: '_readableState' }, line: 5, column: 67, endLine: 5, endColumn: 95 },
    ],
  },
  {
    // The ended flag of a writable is writableEnded; its buffered bytes writableLength.
    code: `
export function canWrite(socket) {
  return !(socket)._writableState.ending && socket._writableState.length < 65536;
}
`,
    output: `
export function canWrite(socket) {
  return !(socket).writableEnded && socket.writableLength < 65536;
}
`,
    errors: [
      { messageId: 'internalState' as const, line: 3, column: 11 },
      { messageId: 'internalState' as const, line: 3, column: 45 },
    ],
  },
  {
    // needDrain has a getter that also looks at ending and destroyed: a suggestion only.
    code: `
function write(out, chunk) {
  if (out._writableState.needDrain) return false;
  return out.write(chunk);
}
`,
    output: null,
    errors: [
      {
        messageId: 'internalState' as const,
        line: 3,
        column: 7,
        endColumn: 35,
        suggestions: [
          {
            messageId: 'useGetter' as const,
            data: { getter: 'writableNeedDrain' },
            output: `
function write(out, chunk) {
  if (out.writableNeedDrain) return false;
  return out.write(chunk);
}
`,
          },
        ],
      },
    ],
  },
  {
    // Fields without a public getter, the state object itself, writes: reported, not fixed.
    code: `
class Sink extends require('stream').Writable {
  _write(chunk, encoding, callback) {
    const state = this._writableState;
    if (this._readableState?.pipes.length) this._readableState.ended = true;
    state.sync = false;
    callback();
  }
}
`,
    output: null,
    errors: [
      { messageId: 'internalState' as const, data: { state: '_writableState' }, line: 4, column: 19, endColumn: 38, suggestions: [] },
      { messageId: 'internalState' as const, data: { state: '_readableState' }, line: 5, column: 9, endColumn: 28, suggestions: [] },
      { messageId: 'internalState' as const, data: { state: '_readableState' }, line: 5, column: 44, endColumn: 63, suggestions: [] },
    ],
  },
];

ruleTester.run('no-stream-internals', rule, {
  valid: [
    `
      const fs = require('node:fs');
      const input = fs.createReadStream('dump.sql');
      input.on('error', console.error);
      setInterval(() => console.log(input.readableLength, input.readableFlowing), 1000).unref();
    `,
    `
      export function canWrite(socket) {
        return !socket.writableEnded && !socket.writableNeedDrain && socket.writableLength < socket.writableHighWaterMark;
      }
    `,
    // Other objects' own underscored fields.
    `
      const state = { _readable: true, readableState: 1 };
      console.log(state._readable, state.readableState);
    `,
  ],
  invalid,
});

checkFixOutputs('no-stream-internals', rule, invalid);
