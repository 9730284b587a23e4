/** Splits `items` into runs of at most `size`. */
export function chunksOf<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** log-batch metrics of one key from (timestamp, step, value) triples; NaN and ±Infinity stay as they are. */
export function metricsOf(key: string, pts: Float64Array): { key: string; value: number; timestamp: number; step: number }[] {
  const out = [];
  for (let i = 0; i < pts.length; i += 3) out.push({ key, timestamp: pts[i]!, step: pts[i + 1]!, value: pts[i + 2]! });
  return out;
}
