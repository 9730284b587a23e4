import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { SourcePoint, SourceRun } from '../../../../../electron/sync/import/import-source';
import { openMlflowDb } from '../../../../../electron/sync/import/mlflow-db/open-mlflow-db';
import { readHistory } from '../../../../../electron/sync/import/mlflow-db/read-history';
import { readMlflowSchema } from '../../../../../electron/sync/import/mlflow-db/mlflow-schema';
import { MlflowSqlite } from '../../../../../electron/sync/import/mlflow-db/mlflow-sqlite';
import { readSqliteImage } from '../../../../../electron/sync/import/mlflow-db/sqlite-image';
import { useTempDirs } from '../../../../support/temp-dir';
import { writeOldSchemaDb } from './old-schema';

const A = 'a'.repeat(32);
const B = 'b'.repeat(32);

function rows(points: number) {
  return {
    experiments: [[0, 'Default', '/x/mlruns/0', 'active']],
    runs: [A, B].map((id, i) => [id, id.slice(0, 3), 'LOCAL', '', '', 'u', 'FINISHED', 100 + i, 200, '', 'active', `/x/mlruns/0/${id}/artifacts`, 0]),
    metrics: [
      ...Array.from({ length: points }, (_, i) => ['loss', i, 10_000 - i, A, i]),
      ...Array.from({ length: 7 }, (_, i) => ['acc', i / 10, i, B, i]),
    ],
  };
}

describe('histories and identity', () => {
  const tempDir = useTempDirs();

  it('reads a history in batches in (timestamp, step) order; several at once; a history left half-read frees its statement', async () => {
    const path = await writeOldSchemaDb(join(tempDir(), 'mlflow.db'), '1.0', rows(2_345));
    const db = await MlflowSqlite.fromImage(await readSqliteImage(path, 'db'), 'db');
    try {
      const schema = readMlflowSchema(db, 'db');
      const sizes: number[] = [];
      const all: SourcePoint[] = [];
      const acc: SourcePoint[] = [];
      const other = readHistory(db, schema, B, 'acc', 3);
      for await (const batch of readHistory(db, schema, A, 'loss', 1000)) {
        sizes.push(batch.length);
        all.push(...batch);
        const next = await other.next();
        if (!next.done) acc.push(...next.value);
      }
      expect(sizes).toEqual([1000, 1000, 345]);
      expect(all[0]).toEqual({ timestamp: 10_000 - 2_344, step: 2_344, value: 2_344 });
      expect(all.map((p) => p.timestamp)).toEqual([...all.map((p) => p.timestamp)].sort((x, y) => x - y));
      expect(acc.map((p) => p.step)).toEqual([0, 1, 2, 3, 4, 5, 6]);
      for await (const batch of readHistory(db, schema, A, 'loss', 10)) {
        expect(batch).toHaveLength(10);
        break;
      }
    } finally {
      db.close();
    }
  });

  it('identity: the same for a copy elsewhere and after more was logged; another database differs', async () => {
    const dir = tempDir();
    const path = await writeOldSchemaDb(join(dir, 'mlflow.db'), '1.0', rows(10));
    mkdirSync(join(dir, 'copy'));
    copyFileSync(path, join(dir, 'copy', 'other-name.db'));
    const grown = rows(50);
    grown.runs.push(['e'.repeat(32), 'later', 'LOCAL', '', '', 'u', 'FINISHED', 900, 950, '', 'active', '/x', 0]);
    const later = await writeOldSchemaDb(join(dir, 'later.db'), '1.0', grown);
    const different = rows(10);
    different.runs = different.runs.map((r) => [String(r[0]).replace(/a/g, 'f'), ...r.slice(1)]);
    const unrelated = await writeOldSchemaDb(join(dir, 'unrelated.db'), '1.0', different);
    const ids: string[] = [];
    for (const p of [path, join(dir, 'copy', 'other-name.db'), later, unrelated]) {
      const src = await openMlflowDb(p);
      ids.push(src.identity);
      await src.close();
    }
    expect(ids[0]).toMatch(/^mlflow-db:[0-9a-f]{32}$/);
    expect(ids.slice(1, 3)).toEqual([ids[0], ids[0]]);
    expect(ids[3]).not.toBe(ids[0]);
  });

  it('runs come oldest first with their metric keys, and histories through the source', async () => {
    const path = await writeOldSchemaDb(join(tempDir(), 'mlflow.db'), '1.0', rows(3));
    const src = await openMlflowDb(path);
    try {
      const runs: SourceRun[] = [];
      for await (const r of src.runs('0')) runs.push(r);
      expect(runs.map((r) => [r.runId, r.metricKeys])).toEqual([[A, ['loss']], [B, ['acc']]]);
      const pts: SourcePoint[] = [];
      for await (const b of src.history(runs[0]!, 'loss')) pts.push(...b);
      expect(pts).toHaveLength(3);
    } finally {
      await src.close();
    }
  });
});
