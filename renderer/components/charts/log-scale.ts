/** How many orders of magnitude apart the smallest and largest value must be for a log axis. */
export const LOG_ORDERS = 2;

/**
 * True when values are best shown on a log axis: at least two, every one a positive finite
 * number, the largest at least 100× the smallest (a learning rate from 1e-5 to 0.2, say).
 */
export function spansOrders(values: readonly (number | null)[], orders = LOG_ORDERS): boolean {
  let min = Infinity;
  let max = -Infinity;
  let n = 0;
  for (const v of values) {
    if (v === null) continue;
    if (!Number.isFinite(v) || v <= 0) return false;
    min = Math.min(min, v);
    max = Math.max(max, v);
    n++;
  }
  return n >= 2 && max / min >= 10 ** orders;
}
