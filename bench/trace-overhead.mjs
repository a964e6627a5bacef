// The stream tracer's cost (issue 15): the same programs without the tracer, with inventory and
// faults only, and with flow counting, in one run, interleaved; figures are medians and the
// targets are ratios of throughputs taken in this run. Throughput is per CPU second of the traced
// process (the machine is shared: wall time measures the neighbours), wall figures are kept too.
//   a 4-stage pipeline over generated data (1 GiB; 64 MiB in a smoke run)
//   an http server under loopback load from this process (a bounded number of requests)
import { spawn, spawnSync } from 'node:child_process';
import { Agent, request } from 'node:http';
import { fileURLToPath } from 'node:url';
import { ratio, round, summarize } from './statistics.mjs';

const tracerEntry = fileURLToPath(new URL('../trace/src/register.cjs', import.meta.url));
const pipelineProgram = fileURLToPath(new URL('./trace-programs/pipeline.mjs', import.meta.url));
const serverProgram = fileURLToPath(new URL('./trace-programs/http-server.mjs', import.meta.url));
// faults: inventory and faults only; sampled: the same with sampled creation sites.
const modes = ['off', 'faults', 'sampled', 'flow'];

function nodeArguments(mode) {
  return mode === 'off' ? [] : ['--import', tracerEntry];
}

function environmentFor(mode) {
  const environment = { ...process.env, NODE_OPTIONS: undefined };
  if (mode !== 'off') {
    Object.assign(environment, {
      NODE_STREAMS_TRACE_LEVEL: mode === 'flow' ? 'flow' : 'faults',
      NODE_STREAMS_TRACE_SITES: mode === 'sampled' ? 'sampled' : 'all',
      NODE_STREAMS_TRACE_FILE: 'none',
      NODE_STREAMS_TRACE_SUMMARY: 'none',
    });
  }
  return environment;
}

function runPipeline(mode, bytes) {
  const result = spawnSync(process.execPath, [...nodeArguments(mode), pipelineProgram, String(bytes)], {
    env: environmentFor(mode),
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(`pipeline (${mode}) failed: ${result.stderr}`);
  const { bytes: received, milliseconds, cpuMilliseconds } = JSON.parse(result.stdout);
  if (received !== bytes) throw new Error(`pipeline (${mode}) moved ${received} of ${bytes} bytes`);
  const megabytes = bytes / (1 << 20);
  return { cpu: megabytes / (cpuMilliseconds / 1000), wall: megabytes / (milliseconds / 1000) };
}

async function runServer(mode, requests, concurrency) {
  const server = spawn(process.execPath, [...nodeArguments(mode), serverProgram], { env: environmentFor(mode), stdio: ['ignore', 'pipe', 'inherit'] });
  try {
    const port = await new Promise((resolve, reject) => {
      server.stdout.once('data', (chunk) => resolve(Number(String(chunk).trim())));
      server.once('exit', (code) => reject(new Error(`server (${mode}) exited with ${code}`)));
    });
    const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
    const get = (path = '/') =>
      new Promise((resolve, reject) => {
        request({ host: '127.0.0.1', port, path, agent }, (response) => {
          let body = '';
          response.setEncoding('utf8');
          response.on('data', (chunk) => (body += chunk));
          response.on('end', () => resolve(body)).on('error', reject);
        })
          .on('error', reject)
          .end();
      });
    // Warm up the connections and the server's code before the clock starts.
    await Promise.all(Array.from({ length: concurrency }, () => get()));
    let issued = 0;
    const cpuAtStart = Number(await get('/cpu'));
    const start = performance.now();
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (issued < requests) {
          issued++;
          await get();
        }
      }),
    );
    const seconds = (performance.now() - start) / 1000;
    const cpuSeconds = (Number(await get('/cpu')) - cpuAtStart) / 1000;
    agent.destroy();
    return { cpu: requests / cpuSeconds, wall: requests / seconds };
  } finally {
    const exited = new Promise((resolve) => server.once('exit', resolve));
    server.kill('SIGTERM');
    await exited;
  }
}

/** Throughput per mode (median of `runs`, modes interleaved) and each traced mode's ratio to off. */
async function measure(runs, once) {
  const samples = Object.fromEntries(modes.map((mode) => [mode, []]));
  for (let run = 0; run < runs; run++) for (const mode of modes) samples[mode].push(await once(mode));
  const summaryOf = (key) => Object.fromEntries(modes.map((mode) => [mode, summarize(samples[mode].map((sample) => sample[key]))]));
  const throughput = summaryOf('cpu');
  const wallThroughput = summaryOf('wall');
  return {
    throughput,
    wallThroughput,
    ratio: Object.fromEntries(modes.slice(1).map((mode) => [mode, ratio(throughput[mode].median, throughput.off.median)])),
    wallRatio: Object.fromEntries(modes.slice(1).map((mode) => [mode, ratio(wallThroughput[mode].median, wallThroughput.off.median)])),
  };
}

export async function measureTraceOverhead({ traceBytes, traceRuns, httpRequests, log = () => {} }) {
  log(`trace overhead: ${round(traceBytes / (1 << 20), 0)} MiB through a 4-stage pipeline, ${traceRuns} runs per mode`);
  const pipeline = { megabytes: round(traceBytes / (1 << 20), 0), ...(await measure(traceRuns, (mode) => runPipeline(mode, traceBytes))) };
  log(`trace overhead: http server, ${httpRequests} requests at concurrency 32, ${traceRuns} runs per mode`);
  const http = { requests: httpRequests, concurrency: 32, ...(await measure(traceRuns, (mode) => runServer(mode, httpRequests, 32))) };
  return { pipeline, http };
}

//   node bench/trace-overhead.mjs [--smoke] [--runs N] [--requests N] [--megabytes N]
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const smoke = args.includes('--smoke');
  const valueOf = (flag, fallback) => (args.includes(flag) ? Number(args[args.indexOf(flag) + 1]) : fallback);
  const figures = await measureTraceOverhead({
    traceBytes: valueOf('--megabytes', smoke ? 64 : 1024) * (1 << 20),
    traceRuns: valueOf('--runs', smoke ? 1 : 5),
    httpRequests: valueOf('--requests', smoke ? 500 : 5000),
    log: (message) => process.stderr.write(`bench: ${message}\n`),
  });
  for (const [name, part] of Object.entries(figures)) {
    const unit = name === 'pipeline' ? 'MiB per CPU s' : 'requests per CPU s';
    const traced = modes.slice(1).map((mode) => `${mode} ${part.throughput[mode].median} (x${part.ratio[mode]}, wall x${part.wallRatio[mode]})`);
    console.log(`${name}: off ${part.throughput.off.median} ${unit}; ${traced.join('; ')}`);
  }
  console.log(JSON.stringify({ smoke, ...figures }));
}
