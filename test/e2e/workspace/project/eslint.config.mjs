// A project's own flat config. The language server may load it only in a trusted workspace, since
// loading it runs this file: the marker file it leaves behind tells the e2e suite that it ran. It
// turns on prefer-pipeline alone, where the embedded config would report more.
import { writeFileSync } from 'node:fs';
import nodeStreams from 'eslint-plugin-node-streams';

writeFileSync(new URL('./config-was-loaded', import.meta.url), 'this project config was loaded\n');

export default [
  {
    plugins: { 'node-streams': nodeStreams },
    rules: { 'node-streams/prefer-pipeline': 'error' },
  },
];
