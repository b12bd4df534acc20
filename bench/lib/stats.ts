/** Small statistics for benchmark samples: no dependencies, no surprises. */

export function sorted(values: readonly number[]): number[] {
  return [...values].sort((a, b) => a - b);
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const s = sorted(values);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}

/** Nearest-rank percentile (p in 0–100): the smallest sample with at least p% of samples at or below it. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const s = sorted(values);
  const rank = Math.max(1, Math.ceil((p / 100) * s.length));
  return s[Math.min(rank, s.length) - 1] as number;
}

export function min(values: readonly number[]): number {
  return values.length === 0 ? Number.NaN : Math.min(...values);
}

export function max(values: readonly number[]): number {
  return values.length === 0 ? Number.NaN : Math.max(...values);
}

/** Rounds for display and JSON: 3 significant decimals below 10, 1 above. */
export function round(value: number, decimals?: number): number {
  if (!Number.isFinite(value)) return value;
  const d = decimals ?? (Math.abs(value) < 10 ? 2 : 1);
  const f = 10 ** d;
  return Math.round(value * f) / f;
}

/** A compact summary of a sample set, for the JSON details. */
export function summary(values: readonly number[]): { n: number; median: number; p95: number; min: number; max: number } {
  return {
    n: values.length,
    median: round(median(values)),
    p95: round(percentile(values, 95)),
    min: round(min(values)),
    max: round(max(values)),
  };
}
