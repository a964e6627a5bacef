// A minimal LSP client for the benchmark: starts the built server over stdio and waits for the
// diagnostics of given document versions.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';

export class LanguageServerProcess {
  /** Spawns the server and completes the initialize handshake. */
  static async start(serverPath, rootUri, initializationOptions = {}) {
    const child = spawn(process.execPath, [serverPath, '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
    const server = new LanguageServerProcess(child);
    await server.connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri,
      capabilities: { textDocument: { publishDiagnostics: { versionSupport: true } } },
      initializationOptions,
      workspaceFolders: null,
    });
    await server.connection.sendNotification('initialized', {});
    return server;
  }

  constructor(child) {
    this.child = child;
    this.waiters = [];
    this.connection = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
    this.connection.onNotification('textDocument/publishDiagnostics', (params) => this.received(params));
    // Requests the benchmark does not answer (dynamic registration) are refused, as a basic client does.
    this.connection.onRequest(() => null);
    this.connection.onNotification(() => {});
    this.connection.listen();
  }

  received(params) {
    const now = performance.now();
    for (const waiter of [...this.waiters]) {
      if (waiter.uri !== params.uri || (waiter.version !== undefined && params.version !== waiter.version)) continue;
      waiter.remaining -= 1;
      if (waiter.remaining > 0) continue;
      this.waiters.splice(this.waiters.indexOf(waiter), 1);
      clearTimeout(waiter.timer);
      waiter.resolve({ at: now, diagnostics: params.diagnostics });
    }
  }

  /** Resolves at the `count`th publication of diagnostics for the uri (and version, if given). */
  diagnosticsFor(uri, version, { count = 1, timeoutMs = 60_000 } = {}) {
    return new Promise((resolve, reject) => {
      const waiter = { uri, version, remaining: count, resolve };
      waiter.timer = setTimeout(() => {
        this.waiters.splice(this.waiters.indexOf(waiter), 1);
        reject(new Error(`no diagnostics for ${uri} version ${version} within ${timeoutMs} ms`));
      }, timeoutMs);
      this.waiters.push(waiter);
    });
  }

  open(uri, text, version = 1, languageId = 'javascript') {
    return this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version, text } });
  }

  change(uri, version, change) {
    return this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [change] });
  }

  close(uri) {
    return this.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }

  /** Resident set size of the server process, in megabytes (Linux). */
  residentMegabytes() {
    const status = readFileSync(`/proc/${this.child.pid}/status`, 'utf8');
    const kilobytes = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1]);
    return Math.round((kilobytes / 1024) * 10) / 10;
  }

  async stop() {
    try {
      await this.connection.sendRequest('shutdown');
      await this.connection.sendNotification('exit');
    } catch {
      // Already gone.
    }
    this.connection.dispose();
    if (this.child.exitCode === null) this.child.kill();
  }
}
