/**
 * Type-aware linting runs in a worker thread: building a TypeScript program takes seconds, and
 * the editor's requests must not wait for it. The worker is this same bundle, started again.
 */
import type { Linter } from 'eslint';
import { fileURLToPath } from 'node:url';
import { parentPort, Worker, workerData } from 'node:worker_threads';
import { fileSystemRoot } from './document-paths.js';
import { EmbeddedEngine } from './embedded-engine.js';
import { lintIsolatingRules } from './rule-isolation.js';
import type { NodeStreamsSettings } from '../../protocol/src/settings.js';

const workerRole = 'node-streams-typed-linter';

export interface TypedRequest {
  id: number;
  text: string;
  filePath: string;
  root: string;
  settings: NodeStreamsSettings;
}

export interface TypedResponse {
  id: number;
  messages?: Linter.LintMessage[];
  failures?: { ruleId: string; message: string }[];
  error?: string;
  /** A newer version of the file was asked for before this one's turn came. */
  stale?: boolean;
}

export function isTypedWorker(): boolean {
  return (workerData as { role?: string } | null)?.role === workerRole;
}

/** The worker's side: one engine per project root, built again when the settings change. */
export function serveTypedLints(): void {
  const engines = new Map<string, { settings: string; engine: EmbeddedEngine }>();
  parentPort!.on('message', async (request: TypedRequest) => {
    const settings = JSON.stringify(request.settings);
    let known = engines.get(request.root);
    if (known?.settings !== settings) {
      known = { settings, engine: new EmbeddedEngine(request.settings, { cwd: fileSystemRoot, typedRoot: request.root }) };
      engines.set(request.root, known);
    }
    const typedEngine = known.engine;
    let response: TypedResponse;
    try {
      const { result, failures } = await lintIsolatingRules((rulesOff) => typedEngine.lintWithEmbeddedConfig(request.text, request.filePath, rulesOff));
      response = {
        id: request.id,
        messages: result,
        failures: failures.map((failure) => ({ ruleId: failure.ruleId, message: failure.error.stack ?? failure.error.message })),
      };
    } catch (error) {
      response = { id: request.id, error: (error as Error).stack ?? String(error) };
    }
    parentPort!.postMessage(response);
  });
}

/**
 * The server's side: starts the worker on first use and sends it one file at a time. A request
 * waiting for its turn is replaced by a newer one for the same file (answered `stale`): while the
 * user types, the worker does not fall behind on versions nobody will see.
 */
export class TypedLinter {
  private worker: Worker | null = null;
  private nextId = 1;
  private running: { id: number; resolve: (response: TypedResponse) => void } | null = null;
  private readonly waiting = new Map<string, { request: TypedRequest; resolve: (response: TypedResponse) => void }>();

  lintInWorker(request: Omit<TypedRequest, 'id'>): Promise<TypedResponse> {
    const id = this.nextId++;
    return new Promise((resolve) => {
      const replaced = this.waiting.get(request.filePath);
      replaced?.resolve({ id: replaced.request.id, stale: true });
      this.waiting.delete(request.filePath);
      this.waiting.set(request.filePath, { request: { ...request, id }, resolve });
      this.sendNext();
    });
  }

  private sendNext(): void {
    if (this.running) return;
    const [key, next] = this.waiting.entries().next().value ?? [];
    if (!key || !next) return;
    this.waiting.delete(key);
    this.running = { id: next.request.id, resolve: next.resolve };
    this.start().postMessage(next.request);
  }

  private start(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(fileURLToPath(import.meta.url), { workerData: { role: workerRole }, stdout: true, stderr: true });
    worker.unref();
    // stdout is the LSP channel: whatever the worker prints (typescript-eslint's warnings) goes to stderr.
    worker.stdout.pipe(process.stderr);
    worker.stderr.pipe(process.stderr);
    worker.on('message', (response: TypedResponse) => {
      if (this.running?.id === response.id) this.running.resolve(response);
      this.running = null;
      this.sendNext();
    });
    const fail = (error: unknown) => {
      this.running?.resolve({ id: this.running.id, error: String(error) });
      this.running = null;
      this.worker = null;
      this.sendNext();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(`the type-aware worker exited with code ${code}`));
    this.worker = worker;
    return worker;
  }

  async stop(): Promise<void> {
    for (const waiting of this.waiting.values()) waiting.resolve({ id: waiting.request.id, stale: true });
    this.waiting.clear();
    const worker = this.worker;
    this.worker = null;
    await worker?.terminate();
  }
}
