/** Small timing helpers for the benchmark suite (scripts/bench). */
import os from "node:os";

export interface Sample {
  median: number;
  p95: number;
  n: number;
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i];
}

export function summarise(values: number[]): Sample {
  const sorted = [...values].sort((a, b) => a - b);
  return { median: percentile(sorted, 50), p95: percentile(sorted, 95), n: sorted.length };
}

/**
 * Runs `fn` `warmup` times unmeasured, then up to `runs` times measured (ms), stopping early
 * when `budgetMs` is spent (every loop is bounded in count and time). `fn(i)` gets the run index.
 */
export async function measure(
  fn: (i: number) => Promise<unknown> | unknown,
  opts: { runs: number; warmup: number; budgetMs: number },
): Promise<Sample & { samples: number[] }> {
  const deadline = Date.now() + opts.budgetMs;
  for (let i = 0; i < opts.warmup && Date.now() < deadline; i++) await fn(i);
  const samples: number[] = [];
  for (let i = 0; i < opts.runs && (samples.length < 5 || Date.now() < deadline); i++) {
    const t0 = performance.now();
    await fn(i);
    samples.push(performance.now() - t0);
  }
  return { ...summarise(samples), samples };
}

export function machine() {
  return {
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model ?? "unknown",
    loadavg: os.loadavg().map((x) => Math.round(x * 100) / 100),
    totalMemGB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
  };
}

export const round = (x: number, d = 2) => (Number.isFinite(x) ? Math.round(x * 10 ** d) / 10 ** d : x);
