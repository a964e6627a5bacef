// Runs a fixture program in a real Node process, with or without the stream tracer, and reads the
// trace it wrote.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const fixtures = fileURLToPath(new URL('./fixtures/', import.meta.url));
export const tracerEntry = fileURLToPath(new URL('../../trace/src/register.cjs', import.meta.url));
export const reportCommand = fileURLToPath(new URL('../../trace/bin/node-streams-trace.cjs', import.meta.url));

export interface Site {
  file: string;
  line: number;
  column: number;
}

export interface Finding {
  sequence: number;
  type: string;
  streamId: number;
  className: string;
  site: Site | null;
  siteInferred: boolean;
  message: string;
  callSite?: Site | null;
  bottleneck?: boolean;
  behindStreamId?: number | null;
}

export interface TracedStream {
  id: number;
  className: string;
  kind: string | null;
  site: Site | null;
  siteInferred: boolean;
  pipes: number[];
  pipeline: number | null;
  stdio: boolean;
  objectMode: { readable: boolean | null; writable: boolean | null } | null;
  flow?: { bytesIn: number; bytesOut: number; chunksIn: number; chunksOut: number; stalls: { activeSinceMs: number | null } };
}

export interface Trace {
  schema: string;
  reason: string;
  exitCode: number | null;
  level: string;
  counts: { created: number; closed: number; open: number };
  crash: { sequence: number; origin: string } | null;
  findings: Finding[];
  pipelines: { id: number; site: Site | null; stages: (number | null)[] }[];
  streams: TracedStream[];
}

export interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
  trace: Trace | null;
  traceFile: string;
}

export interface RunOptions {
  traced?: boolean;
  /** 'require' (--require), 'import' (--import) or 'node-options' (NODE_OPTIONS=--require). */
  loader?: 'require' | 'import' | 'node-options';
  environment?: Record<string, string>;
  args?: string[];
}

export function runFixture(name: string, options: RunOptions = {}): Run {
  const directory = mkdtempSync(join(tmpdir(), 'node-streams-trace-'));
  const traceFile = join(directory, 'trace.json');
  const loader = options.loader ?? 'require';
  const traced = options.traced ?? true;
  const nodeArgs = traced && loader !== 'node-options' ? [`--${loader}`, tracerEntry] : [];
  const environment: Record<string, string | undefined> = { ...process.env, NODE_OPTIONS: undefined };
  if (traced) {
    Object.assign(environment, { NODE_STREAMS_TRACE_FILE: traceFile, ...options.environment });
    if (loader === 'node-options') environment.NODE_OPTIONS = `--require ${tracerEntry}`;
  }
  try {
    const result = spawnSync(process.execPath, [...nodeArgs, join(fixtures, name), ...(options.args ?? [])], {
      cwd: fixtures,
      env: environment,
      encoding: 'utf8',
      timeout: 30_000,
    });
    const trace = existsSync(traceFile) ? (JSON.parse(readFileSync(traceFile, 'utf8')) as Trace) : null;
    return { status: result.status, stdout: result.stdout, stderr: result.stderr, trace, traceFile };
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

/** The 1-based line of the fixture that carries `// marker`. */
export function lineOf(name: string, marker: string): number {
  const lines = readFileSync(join(fixtures, name), 'utf8').split('\n');
  const index = lines.findIndex((line) => line.includes(`// ${marker}`));
  if (index === -1) throw new Error(`no // ${marker} in ${name}`);
  return index + 1;
}

export function findingsOf(trace: Trace | null, type: string): Finding[] {
  if (!trace) throw new Error('the tracer wrote no trace');
  return trace.findings.filter((finding) => finding.type === type);
}
