import type { SqlValue } from 'sql.js';
import type { Manifest } from '../manifest';

export type SnapshotRef = NonNullable<Manifest['snapshot']>;

/**
 * The writes of one tick (or more), in the order the main thread ran them. Statement texts are
 * sent once (`texts`, appended to the worker's table in order) and then named by index.
 * Statement `i` runs `table[sqlIds[i]]` with `argCounts[i]` values taken in turn from `args`
 * (-1: no parameters, run as a script with exec). `failedAt` lists the statements that threw
 * on the main thread: the mirror must throw on exactly those.
 */
export interface StatementBatch {
  type: 'statements';
  texts: string[];
  sqlIds: number[];
  argCounts: number[];
  args: SqlValue[];
  failedAt: number[];
}

/** Main thread → worker. The first message is always `init`. */
export type ToWorker =
  | {
      type: 'init';
      dir: string;
      wasmPath?: string;
      /** What the main thread's database was opened from: a snapshot file, an image, or nothing (an empty database). */
      from: { snapshot: SnapshotRef } | { image: Uint8Array } | { empty: true };
      /**
       * An encrypted store's snapshot subkey (its own copy, in the worker's memory only): snapshots
       * are read and written sealed. Absent for a plain store.
       */
      snapshotKey?: Uint8Array;
    }
  | StatementBatch
  | { type: 'snapshot'; seq: number };

/** Worker → main thread. */
export type FromWorker =
  | { type: 'ready' }
  | { type: 'snapshot'; seq: number; snapshot: SnapshotRef; exportMs: number; writeMs: number; inPlace: boolean }
  | { type: 'snapshot-failed'; seq: number; message: string }
  /** The mirror no longer matches the main database (a statement's outcome differed): the worker stops. */
  | { type: 'diverged'; message: string };
