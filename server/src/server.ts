/**
 * node-streams-language-server: the plugin's rules over the Language Server Protocol.
 * Speaks LSP over `--stdio`, `--node-ipc` or `--socket=<port>`.
 */
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { version } from 'eslint-plugin-node-streams/version';
import { Session } from './session.js';
import { isTypedWorker, serveTypedLints } from './typed-worker.js';

const usage = `Usage: node-streams-language-server --stdio | --node-ipc | --socket=<port>

The node-streams ESLint rules as a language server: diagnostics, quick fixes and refactors for
Node.js streams in JavaScript and TypeScript files.`;

const transports = ['--stdio', '--node-ipc', '--socket', '--pipe', '--clientProcessId'];
const args = process.argv.slice(2);

if (isTypedWorker()) {
  serveTypedLints();
} else if (args.includes('--version')) {
  process.stdout.write(`${version}\n`);
} else if (args.includes('--help') || args.includes('-h')) {
  process.stdout.write(`${usage}\n`);
} else if (!args.some((arg) => transports.some((transport) => arg.startsWith(transport)))) {
  process.stderr.write(`${usage}\n`);
  process.exitCode = 2;
} else {
  const connection = createConnection(ProposedFeatures.all);
  // Whatever escapes a handler is logged: the editor keeps its server.
  process.on('uncaughtException', (error) => connection.console.error(`node-streams: ${error.stack ?? String(error)}`));
  process.on('unhandledRejection', (reason) => connection.console.error(`node-streams: ${String(reason)}`));
  new Session(connection).listen();
}
