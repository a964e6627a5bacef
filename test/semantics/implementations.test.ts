import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { judgeAll, testCasesOf, type Behaviour, type Judgement } from './node-verdict.js';

// Node is the judge of what a stream implementation does. Each case runs under real Node streams
// (a child process per case) with generated chunks, helpers that succeed, throw or fail, consumers
// that read or throw, cork and destroy; the behaviours the custom-stream rules claim of the same
// source (a stall, a second call, a throw escaping write()) must be the ones Node showed.

/** Fresh implementations in the shapes real code has, each runnable as it stands. */
const fresh: Record<string, string> = {
  'a call that ends the try of a sync _transform': `
    const { Transform } = require('stream');
    class Lines extends Transform {
      _transform(chunk, encoding, callback) {
        try {
          const line = parseLine(chunk.toString());
          if (line) this.push(line);
          callback();
        } catch (error) {
          callback(error);
        }
      }
    }`,
  'callback(null, data) ending the try': `
    const { Transform } = require('stream');
    class Json extends Transform {
      _transform(chunk, encoding, callback) {
        try {
          callback(null, JSON.parse(chunk));
        } catch (error) {
          callback(error);
        }
      }
    }`,
  'a statement after the call in the try': `
    const { Transform } = require('stream');
    class Lines extends Transform {
      _transform(chunk, encoding, callback) {
        try {
          callback();
          this.push(parseLine(chunk.toString()));
        } catch (error) {
          callback(error);
        }
      }
    }`,
  'a countdown in a for…of loop and a while loop': `
    const { Writable, PassThrough } = require('stream');
    class Fanout extends Writable {
      constructor() {
        super();
        this.targets = [new PassThrough(), new PassThrough()];
        for (const target of this.targets) target.resume();
      }
      _write(chunk, encoding, callback) {
        let left = this.targets.length;
        for (const target of this.targets) {
          target.write(chunk, () => {
            if (--left === 0) callback();
          });
        }
      }
      _final(callback) {
        let pending = this.targets.length;
        let index = 0;
        while (index < this.targets.length) {
          this.targets[index++].end(() => {
            pending -= 1;
            if (pending === 0) callback();
          });
        }
      }
    }`,
  'a hand-off per turn of a for loop, then a call': `
    const { Writable, PassThrough } = require('stream');
    class Fanout extends Writable {
      constructor() {
        super();
        this.targets = [new PassThrough(), new PassThrough()];
        for (const target of this.targets) target.resume();
      }
      _write(chunk, encoding, callback) {
        for (const target of this.targets) target.write(chunk, () => callback());
        callback();
      }
    }`,
  'a guard on the stream state through an alias': `
    const { Writable } = require('stream');
    class Sink extends Writable {
      _write(chunk, encoding, callback) {
        const state = this._writableState;
        if (state.destroyed) return;
        if (state.ended) return callback();
        callback();
      }
    }`,
  'a return that depends on the chunk': `
    const { Transform } = require('stream');
    class Chunky extends Transform {
      _transform(chunk, encoding, callback) {
        const { destroyed } = this;
        if (destroyed || chunk.length === 0) return;
        callback(null, chunk);
      }
    }`,
  'Object.create(Transform.prototype)': `
    const stream = require('stream');
    function Lower(options) { stream.Transform.call(this, options); }
    Lower.prototype = Object.create(stream.Transform.prototype);
    Lower.prototype.constructor = Lower;
    Lower.prototype._transform = function (chunk, encoding, callback) {
      if (chunk.length === 0) return;
      callback(null, chunk.toString().toLowerCase());
    };`,
  'util.inherits and Object.assign on the prototype': `
    const stream = require('stream');
    const util = require('util');
    function Upper(options) { stream.Transform.call(this, options); }
    util.inherits(Upper, stream.Transform);
    Object.assign(Upper.prototype, {
      _transform(chunk, encoding, callback) {
        callback(null, chunk.toString().toUpperCase());
        callback();
      },
    });`,
  'new Writable({ write })': `
    const { Writable } = require('stream');
    const sink = new Writable({
      write(chunk, encoding, callback) {
        if (chunk.length > 1024) return;
        if (chunk.length > 0) callback();
      },
    });`,
  'a throw in a function map() runs per element': `
    const { Writable } = require('stream');
    class Lines extends Writable {
      _write(chunk, encoding, callback) {
        const lines = chunk.toString().split(',').map((line) => {
          if (line.length > 40) throw new Error('too long');
          return line.trim();
        });
        callback(null, lines);
      }
    }`,
  'a _writev that calls back per chunk': `
    const { Writable } = require('stream');
    class Batch extends Writable {
      _writev(chunks, callback) {
        for (const { chunk } of chunks) {
          if (chunk.length === 0) continue;
          callback();
        }
      }
    }`,
  'a _destroy that forgets its callback': `
    const { Duplex } = require('stream');
    class Relay extends Duplex {
      _read() {}
      _write(chunk, encoding, callback) { callback(); }
      _destroy(error) {
        this.emit('gone', error);
      }
    }`,
  'a scheduled call that ends the try': `
    const { Transform } = require('stream');
    class Decode extends Transform {
      _transform(chunk, encoding, callback) {
        try {
          const text = decode(chunk);
          if (text.length > 3) queueMicrotask(() => callback(null, text));
          else setImmediate(callback, null, text);
        } catch (error) {
          callback(error);
        }
      }
    }`,
  'a call scheduled on the next tick, then a throw': `
    const { Transform } = require('stream');
    class Decode extends Transform {
      _transform(chunk, encoding, callback) {
        try {
          process.nextTick(callback);
          this.push(decode(chunk));
        } catch (error) {
          callback(error);
        }
      }
    }`,
  'a countdown closure handed to a write per chunk': `
    const { Writable, PassThrough } = require('stream');
    class Copies extends Writable {
      constructor() {
        super();
        this.target = new PassThrough();
        this.target.resume();
      }
      _writev(entries, callback) {
        let pending = entries.length;
        const written = (error) => {
          if (error || --pending === 0) callback(error);
        };
        for (const entry of entries) this.target.write(entry.chunk, written);
      }
    }`,
  'a field that every constructor path sets, and a Buffer test in byte mode': `
    const { Transform } = require('stream');
    class Sized extends Transform {
      constructor(limit) {
        super({ highWaterMark: 64 });
        this.counter = limit ? { left: limit } : { left: Infinity };
      }
      _transform(chunk, encoding, callback) {
        if (!Buffer.isBuffer(chunk)) return;
        if (this.counter) {
          this.counter.left -= chunk.length;
          callback(null, chunk);
        }
      }
    }`,
  'a Buffer test in object mode': `
    const { Transform } = require('stream');
    class Sized extends Transform {
      constructor() {
        super({ writableObjectMode: true });
      }
      _transform(chunk, encoding, callback) {
        if (!Buffer.isBuffer(chunk)) return;
        callback(null, chunk);
      }
    }`,
  "emit('error') instead of the callback": `
    const { Writable } = require('stream');
    class Strict extends Writable {
      _write(chunk, encoding, callback) {
        if (chunk.length > 5) {
          this.emit('error', new RangeError('chunk too long'));
          return;
        }
        callback();
      }
    }`,
};

/** What Node must show for each fresh case: none means nothing wrong ran. */
const nodeVerdicts: Record<string, Behaviour[]> = {
  'a call that ends the try of a sync _transform': [],
  'callback(null, data) ending the try': [],
  'a statement after the call in the try': ['multipleCallback'],
  'a countdown in a for…of loop and a while loop': [],
  'a hand-off per turn of a for loop, then a call': ['multipleCallback'],
  'a guard on the stream state through an alias': [],
  'a return that depends on the chunk': ['stall'],
  'Object.create(Transform.prototype)': ['stall'],
  'util.inherits and Object.assign on the prototype': ['multipleCallback'],
  'new Writable({ write })': ['stall'],
  'a throw in a function map() runs per element': ['escapedWrite'],
  'a _writev that calls back per chunk': ['multipleCallback', 'stall'],
  'a _destroy that forgets its callback': ['stall'],
  'a scheduled call that ends the try': [],
  'a call scheduled on the next tick, then a throw': ['multipleCallback'],
  'a countdown closure handed to a write per chunk': [],
  'a field that every constructor path sets, and a Buffer test in byte mode': [],
  'a Buffer test in object mode': ['stall'],
  "emit('error') instead of the callback": [],
};

const sorted = (behaviours: Iterable<Behaviour>) => [...behaviours].sort();

function describeDisagreement(code: string, judgement: Judgement): string {
  const shown = [...judgement.node.shown].map(([behaviour, scenario]) => `${behaviour} in ${JSON.stringify(scenario)}`);
  return `rules claim [${sorted(judgement.claimed)}], Node showed [${shown.join('; ')}]\n${code}`;
}

describe('Node judges the custom-stream rules', () => {
  it('on fresh implementations: Node shows what it must, and the rules claim exactly that', async () => {
    const names = Object.keys(fresh);
    const judgements = await judgeAll(names.map((name) => fresh[name]));
    names.forEach((name, index) => {
      const judgement = judgements[index];
      assert.ok(judgement.node.runnable, `${name}: Node could not run it (${judgement.node.errors.join('; ')})`);
      assert.deepEqual(sorted(judgement.node.shown.keys()), sorted(nodeVerdicts[name]), `${name}: Node's verdict changed`);
      assert.deepEqual(sorted(judgement.claimed), sorted(nodeVerdicts[name]), `${name}: ${describeDisagreement(fresh[name], judgement)}`);
    });
  });

  for (const file of ['implementation-callback', 'no-throw-in-implementation', 'no-async-implementation']) {
    it(`on the runnable cases of ${file}'s tests, valid and invalid, the rules claim what Node shows`, async () => {
      const cases = testCasesOf(`test/rules/${file}.test.ts`);
      const judgements = await judgeAll(cases.map(({ code }) => code));
      const runnable = judgements.filter((judgement) => judgement.node.runnable);
      // Most cases read fields their real constructor sets; enough of them must run for the check to mean something.
      assert.ok(runnable.length >= 2, `only ${runnable.length} of ${cases.length} cases ran`);
      const disagreements = cases.flatMap(({ code }, index) => {
        const judgement = judgements[index];
        if (!judgement.node.runnable) return [];
        const agree = sorted(judgement.claimed).join() === sorted(judgement.node.shown.keys()).join();
        return agree ? [] : [describeDisagreement(code, judgement)];
      });
      assert.deepEqual(disagreements, []);
    });
  }
});
