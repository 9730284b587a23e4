// The checkpoint worker (worker_threads): holds a mirror of the store's database, fed with the
// main thread's write statements, and writes snapshots of it on request, so the export, the
// checksum and the fsyncs of a snapshot never run on the main thread. Built as its own entry
// (scripts/build.mjs) next to the CLI and main bundles.
import { parentPort } from 'node:worker_threads';
import { lowerThisThreadPriority } from './background-priority';
import { collectGarbage } from './collect-garbage';
import { openMirrorDatabase, writeMirrorSnapshot, type MirrorDatabase } from './mirror-database';
import type { FromWorker, ToWorker } from './mirror-protocol';
import { MirrorDivergedError, StatementMirror } from './statement-mirror';

/** The mirror only writes: a small page cache is enough (the main thread keeps 16 MB: its file is in memory already, so a miss is one 4 KB copy). */
const MIRROR_CACHE_KIB = 8192;

const port = parentPort!;
// Snapshots are background work: on a busy machine the event loop's thread gets the CPU first.
lowerThisThreadPriority();
const reply = (m: FromWorker) => port.postMessage(m);

let dir = '';
/** An encrypted store's snapshot key (held in this thread's memory only, for its life); null for a plain store. */
let snapshotKey: Uint8Array | null = null;
let mirrorDb: MirrorDatabase | null = null;
let mirror: StatementMirror | null = null;
let chain: Promise<void> = Promise.resolve();

async function handle(m: ToWorker): Promise<void> {
  if (m.type === 'init') {
    dir = m.dir;
    snapshotKey = m.snapshotKey ?? null;
    mirrorDb = await openMirrorDatabase(m.dir, m.from, m.wasmPath, snapshotKey);
    mirror = new StatementMirror(mirrorDb.db, { cacheKiB: MIRROR_CACHE_KIB });
    reply({ type: 'ready' });
  } else if (m.type === 'statements') {
    mirror!.apply(m);
  } else {
    let exported = true;
    try {
      const taken = writeMirrorSnapshot(mirrorDb!, dir, m.seq, snapshotKey);
      exported = !taken.inPlace;
      reply({ type: 'snapshot', seq: m.seq, ...taken });
    } catch (err) {
      reply({ type: 'snapshot-failed', seq: m.seq, message: (err as Error).message });
    }
    if (exported) collectGarbage(); // the export, as big as the database
  }
}

port.on('message', (m: ToWorker) => {
  chain = chain.then(() => handle(m)).catch((err: Error) => {
    // The mirror is no longer the main database (or never was): say why and stop; the store
    // goes on without a worker (its next checkpoint exports on the main thread).
    reply({ type: 'diverged', message: err instanceof MirrorDivergedError ? err.message : `checkpoint worker failed: ${err.message}` });
    port.close();
    process.exit(1);
  });
});
