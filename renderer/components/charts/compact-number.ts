const SUFFIXES: [number, string][] = [[1e12, 'T'], [1e9, 'B'], [1e6, 'M'], [1e3, 'k']];

const trim = (v: number, digits: number) => Number(v.toPrecision(digits)).toString();

/**
 * A number short enough for an axis tick: 3 significant digits at most, thousands and up as
 * 1.2k / 3.4M, and very small numbers in exponent form (2.5e-9, never 0.0000000025).
 */
export function compactNumber(v: number): string {
  if (!Number.isFinite(v)) return Number.isNaN(v) ? 'NaN' : v > 0 ? '∞' : '-∞';
  if (v === 0) return '0';
  const abs = Math.abs(v);
  if (abs < 1e-3) return Number(v.toPrecision(2)).toExponential().replace('e+', 'e');
  if (abs >= 1e15) return Number(v.toPrecision(2)).toExponential().replace('e+', 'e');
  for (const [size, suffix] of SUFFIXES) if (abs >= size) return `${trim(v / size, 3)}${suffix}`;
  return trim(v, 3);
}
