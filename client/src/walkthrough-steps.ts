/**
 * The learning walkthrough, one step per level: an example with a real bug that a rule flags, the
 * fix that repairs it, and the snippet that writes it right. `contributes.walkthroughs` is
 * generated from this list (`npm run manifest`); test/client/walkthrough.test.ts checks each claim.
 */
import type { Level } from 'eslint-plugin-node-streams/skill-tree';

export interface WalkthroughStep {
  level: Level;
  title: string;
  /** The step's text in the walkthrough, above its buttons. */
  summary: string;
  /** The example under client/walkthrough/, and the markdown beside it. */
  example: string;
  media: string;
  /** The rule that flags the example, the config it is in, and the start of its suggestion's message. */
  rule: string;
  config: 'recommended' | 'strict';
  fix: string;
  snippet: string;
}

export const walkthroughId = 'nodeStreams.learn';

export const walkthroughSteps: WalkthroughStep[] = [
  {
    level: 'novice',
    title: 'Novice: a stream that fails',
    summary: "A file stream with no 'error' listener crashes the whole process the day the file is missing. Open the example, see the rule flag it, apply the quick fix, then see the snippet that reads a file right.",
    example: 'novice.js',
    media: 'novice.md',
    rule: 'no-unhandled-error',
    config: 'recommended',
    fix: "Add an 'error' listener",
    snippet: 'stream-read-file',
  },
  {
    level: 'intermediate',
    title: "Intermediate: writes that ignore 'drain'",
    summary: "write() returns false when the stream's buffer is full; a loop that writes on buffers everything in memory. Open the example, apply the quick fix that waits for 'drain', then see the snippet of a write loop with backpressure.",
    example: 'intermediate.js',
    media: 'intermediate.md',
    rule: 'no-ignored-write',
    config: 'recommended',
    fix: "Wait for 'drain'",
    snippet: 'stream-write-drain',
  },
  {
    level: 'advanced',
    title: 'Advanced: a throw inside _transform',
    summary: 'A throw inside _transform() is not a stream error: it escapes from whichever write() fed the chunk. Open the example, apply the quick fix that hands the error to the callback, then see a custom transform written right.',
    example: 'advanced.js',
    media: 'advanced.md',
    rule: 'no-throw-in-implementation',
    config: 'recommended',
    fix: 'Pass the error to the callback',
    snippet: 'stream-json-lines',
  },
  {
    level: 'expert',
    title: 'Expert: .pipe() chains that leak',
    summary: '.pipe() forwards no errors and cleans nothing up: a client that goes away leaves the file open. This rule is in the strict config. Open the example, convert the chain to pipeline(), then see a streaming file server with correct errors and status codes.',
    example: 'expert.js',
    media: 'expert.md',
    rule: 'prefer-pipeline',
    config: 'strict',
    fix: "Rewrite the chain with 'pipeline(",
    snippet: 'stream-http-file-server',
  },
];
