// Summaries of repeated measurements: the machine is shared, so every figure is a median with its
// spread, and comparisons are ratios of figures taken in the same run.

export function summarize(samples) {
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    median: round(percentile(sorted, 50)),
    min: round(sorted[0]),
    max: round(sorted.at(-1)),
    runs: sorted.length,
  };
}

/** p50 and p95 of many latency samples, in milliseconds. */
export function latencySummary(samples) {
  const sorted = [...samples].sort((a, b) => a - b);
  return { p50: round(percentile(sorted, 50)), p95: round(percentile(sorted, 95)), max: round(sorted.at(-1)), samples: sorted.length };
}

function percentile(sorted, percent) {
  if (sorted.length === 0) return Number.NaN;
  const rank = (percent / 100) * (sorted.length - 1);
  const lower = Math.floor(rank);
  const upper = Math.ceil(rank);
  return sorted[lower] + (sorted[upper] - sorted[lower]) * (rank - lower);
}

export function ratio(numerator, denominator) {
  return Math.round((numerator / denominator) * 1000) / 1000;
}

export function round(value, digits = 1) {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}

/** Milliseconds taken by `work`, with its result. */
export function timed(work) {
  const start = performance.now();
  const result = work();
  return { milliseconds: performance.now() - start, result };
}

export async function timedAsync(work) {
  const start = performance.now();
  const result = await work();
  return { milliseconds: performance.now() - start, result };
}
