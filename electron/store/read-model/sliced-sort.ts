import type { Slicer } from './slicer';

/**
 * The positions 0..n-1 sorted by `compare` (a total order), in slices: runs of the slicer's
 * runLength positions sorted whole, then merged pairwise pass after pass, the event loop given a turn
 * whenever the slicer's slice has used its time.
 */
export async function sortPositionsSliced(n: number, compare: (a: number, b: number) => number, slicer: Slicer): Promise<Uint32Array> {
  const runLength = slicer.runLength;
  const checkEvery = slicer.checkEvery;
  let from = new Uint32Array(n);
  for (let i = 0; i < n; i++) from[i] = i;
  for (let lo = 0; lo < n; lo += runLength) {
    from.subarray(lo, Math.min(lo + runLength, n)).sort(compare);
    if (slicer.due()) await slicer.next();
  }
  let to = new Uint32Array(n);
  for (let width = runLength; width < n; width *= 2) {
    let sinceCheck = 0;
    for (let lo = 0; lo < n; lo += 2 * width) {
      const mid = Math.min(lo + width, n);
      const hi = Math.min(lo + 2 * width, n);
      let i = lo;
      let j = mid;
      let k = lo;
      while (k < hi) {
        if (j >= hi || (i < mid && compare(from[i]!, from[j]!) <= 0)) to[k++] = from[i++]!;
        else to[k++] = from[j++]!;
        if (++sinceCheck === checkEvery) {
          sinceCheck = 0;
          if (slicer.due()) await slicer.next();
        }
      }
    }
    [from, to] = [to, from];
  }
  return from;
}
