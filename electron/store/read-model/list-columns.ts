import { GONE, type ListMoves } from './list-moves';
import { keyFinder, type RunRecord } from './run-record';

/** One metric key's latest values over a run list: value at i (NaN for NaN), present[i] 0 where the run has none. */
export interface MetricColumn {
  values: Float64Array;
  present: Uint8Array;
}

/** Columns kept per list (the most recently made). */
const COLUMNS_KEPT = 32;

/**
 * Per-key columns of a run list (the model's list of an experiment's runs, replaced whenever
 * one of them changes): a metric key's latest values in a typed array, a param's or tag's
 * values in an array, so a filter reads one array per clause instead of each run's keys.
 * Made on first use per list and key; collected with the list.
 */
export class ListColumns {
  private readonly byList = new WeakMap<readonly RunRecord[], Map<string, MetricColumn | (string | undefined)[] | Uint8Array>>();

  /** 1 where the run is in the lifecycle stage `stage`. */
  inStage(list: readonly RunRecord[], stage: string): Uint8Array {
    return this.column(list, `s\u0000${stage}`, () => stageColumn(list, stage));
  }

  metric(list: readonly RunRecord[], key: string): MetricColumn {
    return this.column(list, `m\u0000${key}`, () => metricColumn(list, key));
  }

  strings(list: readonly RunRecord[], entity: 'param' | 'tag', key: string): (string | undefined)[] {
    return this.column(list, `${entity === 'param' ? 'p' : 't'}\u0000${key}`, () => stringColumn(list, entity, key));
  }

  /**
   * The columns of `oldList` made for `newList`, the model's next list of the same experiment
   * (see listMoves): the kept runs' values moved to their new positions, the others' read from
   * their records (instead of every run's again when a search next asks).
   */
  carry(oldList: readonly RunRecord[], newList: readonly RunRecord[], moves: ListMoves): void {
    const columns = this.byList.get(oldList);
    if (!columns) return;
    const placedList = moves.placedAgain.map((q) => newList[q]!);
    const carried = new Map<string, MetricColumn | (string | undefined)[] | Uint8Array>();
    for (const [id, column] of columns) {
      const kind = id[0];
      const arg = id.slice(2);
      if (kind === 's') {
        const out = new Uint8Array(newList.length);
        moveValues(column as Uint8Array, out, moves.at);
        const fresh = stageColumn(placedList, arg);
        moves.placedAgain.forEach((q, k) => (out[q] = fresh[k]!));
        carried.set(id, out);
      } else if (kind === 'm') {
        const old = column as MetricColumn;
        const out = { values: new Float64Array(newList.length), present: new Uint8Array(newList.length) };
        moveValues(old.values, out.values, moves.at);
        moveValues(old.present, out.present, moves.at);
        const fresh = metricColumn(placedList, arg);
        moves.placedAgain.forEach((q, k) => {
          out.values[q] = fresh.values[k]!;
          out.present[q] = fresh.present[k]!;
        });
        carried.set(id, out);
      } else {
        const out = new Array<string | undefined>(newList.length);
        moveValues(column as (string | undefined)[], out, moves.at);
        const fresh = stringColumn(placedList, kind === 'p' ? 'param' : 'tag', arg);
        moves.placedAgain.forEach((q, k) => (out[q] = fresh[k]));
        carried.set(id, out);
      }
    }
    this.byList.set(newList, carried);
  }

  /**
   * The columns of `list` brought up to date after the model wrote new records into it in place
   * (changesInPlace: runs read again at their positions, runs appended): only the changed
   * positions are read again. A typed column grows with room to spare, so the next appends write
   * into the same buffer. Only for a list nobody is reading across turns (the model's pins).
   */
  updateInPlace(list: readonly RunRecord[], changed: readonly number[]): void {
    const columns = this.byList.get(list);
    if (!columns || changed.length === 0) return;
    const records = changed.map((q) => list[q]!);
    for (const [id, column] of columns) {
      const kind = id[0];
      const arg = id.slice(2);
      if (kind === 's') {
        const out = grown(column as Uint8Array, list.length, Uint8Array);
        const fresh = stageColumn(records, arg);
        changed.forEach((q, k) => (out[q] = fresh[k]!));
        columns.set(id, out);
      } else if (kind === 'm') {
        const old = column as MetricColumn;
        const out = { values: grown(old.values, list.length, Float64Array), present: grown(old.present, list.length, Uint8Array) };
        const fresh = metricColumn(records, arg);
        changed.forEach((q, k) => {
          out.values[q] = fresh.values[k]!;
          out.present[q] = fresh.present[k]!;
        });
        columns.set(id, out);
      } else {
        const out = column as (string | undefined)[];
        const fresh = stringColumn(records, kind === 'p' ? 'param' : 'tag', arg);
        changed.forEach((q, k) => (out[q] = fresh[k])); // appended positions come in order: no holes
      }
    }
  }

  private column<T extends MetricColumn | (string | undefined)[] | Uint8Array>(list: readonly RunRecord[], id: string, make: () => T): T {
    let columns = this.byList.get(list);
    if (!columns) this.byList.set(list, (columns = new Map()));
    let column = columns.get(id) as T | undefined;
    if (!column) {
      if (columns.size >= COLUMNS_KEPT) columns.delete(columns.keys().next().value!);
      column = make();
      columns.set(id, column);
    }
    return column;
  }
}

/**
 * `column` as a view of `length` values: the same buffer when it has room (values past the old
 * length are written by the caller), else a copy into one with an eighth more room.
 */
function grown<T extends Uint8Array | Float64Array>(column: T, length: number, Type: { new (buffer: ArrayBufferLike, offset: number, length: number): T; new (length: number): T; BYTES_PER_ELEMENT: number }): T {
  if (column.length === length) return column;
  if (column.byteOffset === 0 && column.buffer.byteLength >= length * Type.BYTES_PER_ELEMENT) return new Type(column.buffer, 0, length);
  const capacity = length + (length >> 3) + 64;
  const out = new Type(new ArrayBuffer(capacity * Type.BYTES_PER_ELEMENT), 0, length);
  out.set(column);
  return out;
}

/** Each kept value moved to its run's new position. */
function moveValues<T>(from: { readonly length: number; readonly [i: number]: T }, to: { [i: number]: T }, at: Uint32Array): void {
  for (let i = 0; i < from.length; i++) {
    const q = at[i]!;
    if (q !== GONE) to[q] = from[i]!;
  }
}

function stageColumn(list: readonly RunRecord[], stage: string): Uint8Array {
  const out = new Uint8Array(list.length);
  for (let i = 0; i < list.length; i++) if (list[i]!.lifecycle === stage) out[i] = 1;
  return out;
}

function metricColumn(list: readonly RunRecord[], key: string): MetricColumn {
  const find = keyFinder(key);
  const values = new Float64Array(list.length);
  const present = new Uint8Array(list.length);
  for (let i = 0; i < list.length; i++) {
    const r = list[i]!;
    const k = find(r.metricKeys);
    if (k < 0) continue;
    present[i] = 1;
    values[i] = r.metricPoints[3 * k]!;
  }
  return { values, present };
}

function stringColumn(list: readonly RunRecord[], entity: 'param' | 'tag', key: string): (string | undefined)[] {
  const find = keyFinder(key);
  const out = new Array<string | undefined>(list.length);
  for (let i = 0; i < list.length; i++) {
    const r = list[i]!;
    const k = find(entity === 'param' ? r.paramKeys : r.tagKeys);
    out[i] = k < 0 ? undefined : (entity === 'param' ? r.paramValues : r.tagValues)[k];
  }
  return out;
}
