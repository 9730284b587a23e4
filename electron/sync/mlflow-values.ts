/**
 * A double as MLflow servers send it: a number, a bare NaN/Infinity token (already a number after
 * parseMlflowJson), or the protobuf-JSON strings "NaN", "Infinity", "-Infinity" (or a numeric string).
 */
export function toMlflowDouble(value: unknown): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'string') {
    if (value === 'NaN') return NaN;
    if (value === 'Infinity') return Infinity;
    if (value === '-Infinity') return -Infinity;
    if (value.trim() !== '') return Number(value);
  }
  return NaN;
}

/** An int64 as MLflow servers send it: a number, or a decimal string (Java-style); absent is 0, as proto3 defaults. */
export function toMlflowInt(value: unknown): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && value.trim() !== '') return Number(value);
  return 0;
}
