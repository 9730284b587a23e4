/**
 * Python's repr() for the few value kinds MLflow interpolates into its error messages, so our
 * messages read like the reference server's. (Python prints sets in hash order, which varies
 * between processes; ours keep declaration order.)
 */

const ESCAPES: Record<string, string> = { '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t' };

export function pyStr(s: string): string {
  const quote = s.includes("'") && !s.includes('"') ? '"' : "'";
  let out = '';
  for (const ch of s) {
    const code = ch.codePointAt(0) ?? 0;
    if (ESCAPES[ch]) out += ESCAPES[ch];
    else if (ch === quote) out += `\\${ch}`;
    else if (code < 0x20 || code === 0x7f) out += `\\x${code.toString(16).padStart(2, '0')}`;
    else out += ch;
  }
  return quote + out + quote;
}

export function pyNumber(n: number, fromInteger: boolean): string {
  if (Number.isNaN(n)) return 'nan';
  if (!Number.isFinite(n)) return n > 0 ? 'inf' : '-inf';
  if (fromInteger) return String(n);
  if (Number.isInteger(n) && Math.abs(n) < 1e16) return `${n}.0`;
  return String(n);
}

export const pySet = (items: readonly string[]): string => `{${items.map(pyStr).join(', ')}}`;
export const pyList = (items: readonly string[]): string => `[${items.map(pyStr).join(', ')}]`;

/** Tuple repr of already-rendered element reprs: `('a',)`, `('a', 1)`. */
export const pyTuple = (reprs: readonly string[]): string =>
  reprs.length === 1 ? `(${reprs[0]},)` : `(${reprs.join(', ')})`;

export const pyTupleOfStr = (items: readonly string[]): string => pyTuple(items.map(pyStr));

/** `type(x)` as Python prints it, for the JSON values an order_by object can carry. */
export function pyTypeName(value: unknown): string {
  if (value === null || value === undefined) return "<class 'NoneType'>";
  if (typeof value === 'string') return "<class 'str'>";
  if (typeof value === 'boolean') return "<class 'bool'>";
  if (typeof value === 'number') return Number.isInteger(value) ? "<class 'int'>" : "<class 'float'>";
  if (Array.isArray(value)) return "<class 'list'>";
  return "<class 'dict'>";
}
