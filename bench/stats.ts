/** Median and 95th percentile of a list of durations (ms). */
export function summarize(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) =>
    sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? 0;
  return { n: sorted.length, median: at(0.5), p95: at(0.95) };
}

/** Runs `fn` `warmup` times unmeasured, then `runs` times, and summarizes the timings. */
export async function measure(runs: number, fn: () => Promise<unknown>, warmup = 3) {
  for (let i = 0; i < warmup; i++) await fn();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    samples.push(performance.now() - t0);
  }
  return summarize(samples);
}

export const fmt = (ms: number) => `${ms.toFixed(1)} ms`;

/** Smallest and largest of a list; `null` for an empty one. */
export function range(xs: number[]): { min: number; max: number } | null {
  if (xs.length === 0) return null;
  return { min: Math.min(...xs), max: Math.max(...xs) };
}

/** `3` when every value was 3, `2–4` when they varied, `–` when there were none. */
export function fmtRange(r: { min: number; max: number } | null): string {
  if (!r) return '–';
  return r.min === r.max ? String(r.min) : `${r.min}–${r.max}`;
}
