/** JSON that keeps NaN and ±Infinity (MLflow metric values): they travel as {"$num": "NaN"}. */
export function toBundleJson(value: unknown): Buffer {
  return Buffer.from(JSON.stringify(value, (_k, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? { $num: String(v) } : v)));
}

export function fromBundleJson(buf: Buffer): unknown {
  return JSON.parse(buf.toString('utf8'), (_k, v: unknown) => {
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      const n = (v as { $num?: unknown }).$num;
      if (typeof n === 'string' && Object.keys(v).length === 1) return Number(n);
    }
    return v;
  });
}
