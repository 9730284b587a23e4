import type { RunRecord } from './run-record';

/** A position of the old list whose run is not kept as it was (removed, or replaced by a new record). */
export const GONE = 0xffffffff;

/** How an experiment's next run list relates to its last one. */
export interface ListMoves {
  /** For each old position, the run's position in the new list, or GONE when it was removed or replaced. */
  at: Uint32Array;
  /** Positions in the new list of the runs not in the old one as they were (replaced or appended). */
  placedAgain: number[];
}

/**
 * The moves from `oldList` to `newList`, the model's next list of the same experiment: its
 * runs in the same positions less removed ones, then runs appended at the end; a run read again
 * is a new record (so the same record means an unchanged run). Undefined when the new list is
 * not of that shape.
 */
export function listMoves(oldList: readonly RunRecord[], newList: readonly RunRecord[]): ListMoves | undefined {
  const at = new Uint32Array(oldList.length);
  const placedAgain: number[] = [];
  let j = 0;
  for (let i = 0; i < oldList.length; i++) {
    const old = oldList[i]!;
    const next = newList[j];
    if (next === old) {
      at[i] = j++;
    } else if (next !== undefined && next.id === old.id) {
      at[i] = GONE;
      placedAgain.push(j++);
    } else {
      at[i] = GONE; // removed (or moved to the end)
    }
  }
  for (; j < newList.length; j++) placedAgain.push(j);
  return placedAgain.length > Math.max(16, newList.length / 10) ? undefined : { at, placedAgain };
}

/** What changed in an experiment's runs since its last list, when they can be written into that list in place. */
export interface ChangesInPlace {
  /** Positions whose record is new, ascending: runs read again at their position, then runs appended. */
  changed: number[];
}

/**
 * The changes from `oldList` to the experiment's runs now (`runs`, `size` of them, in the
 * model's order) when they are only runs read again at their positions and runs appended at
 * the end (what creating runs and logging to them does); undefined when a run was removed or
 * moved, or when more than listMoves would carry changed.
 */
export function changesInPlace(oldList: readonly RunRecord[], runs: Iterable<RunRecord>, size: number): ChangesInPlace | undefined {
  if (size < oldList.length || size - oldList.length > Math.max(16, size / 10)) return undefined;
  const changed: number[] = [];
  let i = 0;
  for (const r of runs) {
    if (i < oldList.length) {
      const old = oldList[i]!;
      if (r !== old) {
        if (r.id !== old.id) return undefined;
        changed.push(i);
      }
    } else changed.push(i);
    i++;
  }
  return changed.length > Math.max(16, size / 10) ? undefined : { changed };
}
