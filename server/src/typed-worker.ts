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
import type { NodeStreamsSettings } from './settings.js';

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
}

export function isTypedWorker(): boolean {
  return (workerData as { role?: string } | null)?.role === workerRole;
}

/** The worker's side: one engine per project root and settings, kept while they stay the same. */
export function serveTypedLints(): void {
  const engines = new Map<string, EmbeddedEngine>();
  parentPort!.on('message', async (request: TypedRequest) => {
    const key = `${request.root}\0${JSON.stringify(request.settings)}`;
    let engine = engines.get(key);
    if (!engine) {
      engine = new EmbeddedEngine(request.settings, { cwd: fileSystemRoot, typedRoot: request.root });
      engines.set(key, engine);
    }
    const typedEngine = engine;
    let response: TypedResponse;
    try {
      const { result, failures } = await lintIsolatingRules((rulesOff) => typedEngine.lint(request.text, request.filePath, rulesOff));
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

/** The server's side: starts the worker on first use and answers each request in order. */
export class TypedLinter {
  private worker: Worker | null = null;
  private nextId = 1;
  private readonly pending = new Map<number, (response: TypedResponse) => void>();

  lint(request: Omit<TypedRequest, 'id'>): Promise<TypedResponse> {
    const worker = this.start();
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.pending.set(id, resolve);
      worker.postMessage({ ...request, id });
    });
  }

  private start(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(fileURLToPath(import.meta.url), { workerData: { role: workerRole }, stdout: true, stderr: true });
    worker.unref();
    worker.on('message', (response: TypedResponse) => {
      this.pending.get(response.id)?.(response);
      this.pending.delete(response.id);
    });
    const failAll = (error: unknown) => {
      for (const resolve of this.pending.values()) resolve({ id: 0, error: String(error) });
      this.pending.clear();
      this.worker = null;
    };
    worker.on('error', failAll);
    worker.on('exit', (code) => failAll(`the type-aware worker exited with code ${code}`));
    this.worker = worker;
    return worker;
  }

  async stop(): Promise<void> {
    await this.worker?.terminate();
    this.worker = null;
  }
}
