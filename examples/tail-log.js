// Follows a service's log from `journalctl -f` and prints lines that mention an error. Each
// chunk is decoded on its own: a non-ASCII character cut between two chunks prints as '��'.
const { spawn } = require('node:child_process');

const journal = spawn('journalctl', ['-f', '-u', 'checkout.service']);
let pending = '';
journal.stdout.on('data', (chunk) => {
  pending += chunk;
  const lines = pending.split('\n');
  pending = lines.pop();
  for (const line of lines) if (/error/i.test(line)) console.log(line);
});
journal.on('error', (error) => console.error('cannot run journalctl', error));
