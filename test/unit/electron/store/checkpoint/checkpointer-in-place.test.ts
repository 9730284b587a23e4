// The checkpoint worker writes its snapshots straight from its mirror's file in sql.js's memory
// (no export: no second copy of the database in the worker).
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { WORKER_YOUNG_GENERATION_MB } from '../../../../../electron/store/checkpoint/checkpoint-worker-client';
import { Checkpointer } from '../../../../../electron/store/checkpoint/checkpointer';
import { defaultCheckpointWorkerScript } from '../../../../../electron/store/checkpoint/worker-script';
import { Database, loadSqlJs } from '../../../../../electron/store/database';
import { readSnapshot, SNAPSHOT_DIR } from '../../../../../electron/store/snapshot-files';
import { useTempDirs } from '../../../../support/temp-dir';
import { schema, tableContents } from './table-contents';

const tempDir = useTempDirs();

async function contentsOf(image: Uint8Array) {
  const db = new (await loadSqlJs()).Database(image);
  try {
    return { schema: schema(db), rows: tableContents(db) };
  } finally {
    db.close();
  }
}

describe('checkpoints through the worker, in place', () => {
  it("writes each snapshot from the mirror's file, with the main database's rows, as the database grows", async () => {
    const dir = tempDir();
    mkdirSync(join(dir, SNAPSHOT_DIR));
    const logs: string[] = [];
    const checkpointer = new Checkpointer({ dir, script: defaultCheckpointWorkerScript(), minWorkerBytes: 0, log: (m) => logs.push(m) });
    const db = await Database.open(null, undefined, checkpointer.recorder);
    checkpointer.start({ image: db.export() }, 0);
    let seq = 0;
    for (const rows of [10, 2_000, 20_000]) {
      db.transaction(() => {
        for (let i = 0; i < rows; i++) db.run('INSERT INTO experiments (experiment_id, name, artifact_location, creation_time, last_update_time) VALUES (?, ?, ?, ?, ?)', [`${seq}-${i}`, `e-${seq}-${i}`, `/artifacts/${seq}/${i}`, i, i]);
      });
      const taken = await checkpointer.snapshot(++seq, db);
      expect(taken).toMatchObject({ inWorker: true, inPlace: true });
      expect(await contentsOf(readSnapshot(dir, taken.snapshot))).toEqual(await contentsOf(db.export()));
    }
    expect(logs).toEqual([]);
    await checkpointer.close();
    db.close();
  });

  it('starts the worker with a small young generation (its garbage is short-lived statement batches)', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, SNAPSHOT_DIR));
    const script = fileURLToPath(new URL('./fixtures/limits-reporting-worker.ts', import.meta.url));
    const checkpointer = new Checkpointer({ dir, script, minWorkerBytes: 0, log: () => undefined });
    const db = await Database.open(null, undefined, checkpointer.recorder);
    checkpointer.start({ image: db.export() }, 0);
    await checkpointer.snapshot(1, db); // answered once the worker has read its init
    const limits = join(dir, 'worker-limits');
    for (let i = 0; i < 200 && !existsSync(limits); i++) await new Promise((r) => setTimeout(r, 25));
    expect((JSON.parse(readFileSync(limits, 'utf8')) as { maxYoungGenerationSizeMb: number }).maxYoungGenerationSizeMb).toBe(WORKER_YOUNG_GENERATION_MB);
    await checkpointer.close();
    db.close();
  });
});
