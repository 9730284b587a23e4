import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { createExperiment } from '../../electron/services/experiments-service';
import { logToRun } from '../../electron/services/logging-service';
import { createRun } from '../../electron/services/runs-service';
import { artifactStoreOf } from '../../electron/store/artifacts/artifact-store';
import type { KekSource } from '../../electron/store/crypto/keys/kek-source';
import { Store } from '../../electron/store/store';
import { openTestStore } from './open-test-store';

/** A marker put in every name, param, tag, metric key and artifact: a converted encrypted store must not show it on disk. */
export const MARKER = 'okapi-marker-7731';
/** A distinctive metric value, logged in a long history (a file) and a short one (inline): its bytes must not show on disk either. */
export const MARKER_VALUE = 7731.000123456789;

/**
 * Seeds a store: `runs` runs with params and tags, a long metric history (a file), a short one
 * (inline), an out-of-order one, and artifacts of several sizes under nested folders.
 */
export async function seedStore(dir: string, opts: { key?: KekSource; runs?: number; points?: number; artifactBytes?: number } = {}): Promise<void> {
  const t = await openTestStore(dir, opts.key ? { key: opts.key } : {});
  try {
    const expId = await createExperiment(t.svc, { name: `exp-${MARKER}`, tags: [{ key: `etag-${MARKER}`, value: MARKER }] });
    const artifacts = artifactStoreOf(t.store);
    const points = opts.points ?? 1000;
    for (let r = 0; r < (opts.runs ?? 3); r++) {
      const run = await createRun(t.svc, { experimentId: expId, runName: `run-${r}-${MARKER}`, tags: [{ key: `tag-${MARKER}`, value: `v-${r}` }] });
      const runId = run.info.run_id;
      const keys = [`loss-${MARKER}`, 'short', 'shuffled'];
      const n = points + 2 + points;
      const pts = new Float64Array(n * 3);
      const keyIdx: number[] = [];
      let i = 0;
      const put = (k: number, t: number, s: number, v: number) => {
        keyIdx.push(k);
        pts.set([t, s, v], i * 3);
        i++;
      };
      for (let s = 0; s < points; s++) put(0, 1000 + s, s, s === 17 ? MARKER_VALUE : 0.123456789 * s + r);
      put(1, 5, 0, MARKER_VALUE);
      put(1, 6, 1, Number.NaN);
      for (let s = 0; s < points; s++) put(2, 1000 + ((s * 7919) % points), (s * 104729) % points, s / 3);
      for (let b = 0; b < n; b += 900) {
        const end = Math.min(n, b + 900);
        await logToRun(t.svc, { runId, metrics: { keys, keyIdx: keyIdx.slice(b, end), pts: pts.slice(b * 3, end * 3) }, params: b === 0 ? [{ key: `p-${MARKER}`, value: MARKER }] : [], tags: [] });
      }
      const root = [expId, runId, 'artifacts'];
      await artifacts.write([...root, `model-${MARKER}`, 'weights.bin'], Readable.from([artifactBytes(r, opts.artifactBytes ?? 200_000)]));
      await artifacts.write([...root, 'notes.txt'], Readable.from([Buffer.from(`${MARKER} notes of run ${r}\n`)]));
      await artifacts.write([...root, 'empty'], Readable.from([Buffer.alloc(0)]));
    }
  } finally {
    await t.store.close();
  }
}

export const artifactBytes = (r: number, n: number) => {
  const b = Buffer.alloc(n);
  for (let i = 0; i < n; i++) b[i] = (i * 31 + r * 7) & 0xff;
  Buffer.from(MARKER).copy(b, Math.min(100, Math.max(0, n - MARKER.length)));
  return b;
};

/**
 * A digest of everything a store holds as its clients see it: every table's rows, every metric
 * point of every history, every artifact's path and bytes. Two stores with the same fingerprint
 * hold the same data.
 */
export async function fingerprintStore(dir: string, key?: KekSource): Promise<{ digest: string; runs: number; points: number; artifacts: number; encrypted: boolean }> {
  const store = await Store.open({ dir, log: () => {}, checkpointWorker: null, ...(key ? { key } : {}) });
  try {
    const h = createHash('sha256');
    const tables = store.db.column<string>("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name");
    for (const table of tables) {
      for (const row of store.db.rows(`SELECT * FROM "${table}"`)) h.update(table).update(JSON.stringify(row, (_k, v: unknown) => (v instanceof Uint8Array ? Buffer.from(v).toString('hex') : v)));
    }
    let points = 0;
    for (const [runId, k] of store.db.rows('SELECT run_id, key FROM series ORDER BY series_id')) {
      const meta = store.ctx.series.get(runId as string, k as string)!;
      const pts = store.ctx.files.readRaw(meta, 0, meta.points);
      points += pts.length / 3;
      h.update(Buffer.from(pts.buffer, pts.byteOffset, pts.byteLength));
    }
    const artifacts = artifactStoreOf(store);
    const files = await artifacts.walk([]);
    for (const f of files) {
      const { stream } = await artifacts.open(f.path.split('/'));
      const chunks: Buffer[] = [];
      for await (const c of stream) chunks.push(c as Buffer);
      h.update(f.path).update(createHash('sha256').update(Buffer.concat(chunks)).digest());
    }
    return { digest: h.digest('hex'), runs: Number(store.db.column('SELECT count(*) FROM runs')[0]), points, artifacts: files.length, encrypted: store.keys !== null };
  } finally {
    await store.close();
  }
}
