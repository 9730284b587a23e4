import { createHash } from 'node:crypto';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SourceError } from '../../../../../electron/sync/import/import-source';
import { openMlflowDb } from '../../../../../electron/sync/import/mlflow-db/open-mlflow-db';
import { asSourceError } from '../../../../../electron/sync/import/mlflow-db/mlflow-sqlite';
import { loadSqlJs } from '../../../../../electron/store/database';
import { useTempDirs } from '../../../../support/temp-dir';
import { writeOldSchemaDb } from './old-schema';

const RUN = 'c'.repeat(32);

/** An MLflow 1.0 database of a few hundred pages (a long history). */
async function bigDb(dir: string): Promise<string> {
  const metrics = Array.from({ length: 20_000 }, (_, i) => ['loss', i / 7, 1000 + i, RUN, i]);
  return writeOldSchemaDb(join(dir, 'mlflow.db'), '1.0', {
    experiments: [[0, 'Default', `${dir}/mlruns/0`, 'active']],
    runs: [[RUN, 'r', 'LOCAL', '', '', 'ada', 'FINISHED', 1, 2, '', 'active', `${dir}/mlruns/0/${RUN}/artifacts`, 0]],
    metrics,
  });
}

async function refusal(path: string, opts = {}): Promise<SourceError> {
  const err: unknown = await openMlflowDb(path, opts).then(async (s) => { await s.close(); return null; }, (e: unknown) => e);
  expect(err).toBeInstanceOf(SourceError);
  return err as SourceError;
}

const sha = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

describe('openMlflowDb refuses what it cannot read, before anything is read from it', () => {
  const tempDir = useTempDirs();

  it('a file that is not SQLite', async () => {
    const path = join(tempDir(), 'mlflow.db');
    writeFileSync(path, 'experiment,run\n'.repeat(20));
    expect((await refusal(path)).message).toMatch(/mlflow\.db at .*: is not an SQLite database \(no SQLite header\)/);
  });

  it('an empty or tiny file, and a folder', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'empty.db'), '');
    expect((await refusal(join(dir, 'empty.db'))).message).toMatch(/not an SQLite database/);
    expect((await refusal(dir)).message).toMatch(/is not a file/);
    expect((await refusal(join(dir, 'absent.db'))).message).toMatch(/cannot be read \(ENOENT\)/);
  });

  it('an SQLite database without MLflow tables', async () => {
    const SQL = await loadSqlJs();
    const db = new SQL.Database();
    db.exec('CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT); INSERT INTO notes (body) VALUES (\'x\');');
    const path = join(tempDir(), 'notes.db');
    writeFileSync(path, db.export());
    db.close();
    expect((await refusal(path)).message).toMatch(/is an SQLite database but not an MLflow one \(no experiments, runs, metrics, params, tags tables\)/);
  });

  it('a truncated copy (shorter than its header says)', async () => {
    const dir = tempDir();
    const full = readFileSync(await bigDb(dir));
    const path = join(dir, 'cut.db');
    writeFileSync(path, full.subarray(0, Math.floor(full.length / 2)));
    expect((await refusal(path)).message).toMatch(/is truncated: \d+ bytes where its header declares \d+/);
  });

  it('damaged pages (SQLite quick_check), and the file is left as it was', async () => {
    const dir = tempDir();
    const path = await bigDb(dir);
    const bytes = readFileSync(path);
    const pageSize = bytes.readUInt16BE(16);
    for (const page of [5, 6, Math.floor(bytes.length / pageSize / 2)]) bytes.fill(0xa5, page * pageSize + 8, (page + 1) * pageSize - 8);
    writeFileSync(path, bytes);
    const before = { sha: sha(path), mtime: statSync(path).mtimeMs };
    expect((await refusal(path)).message).toMatch(/: is damaged \(SQLite( quick_check)?: .+\)$/);
    expect({ sha: sha(path), mtime: statSync(path).mtimeMs }).toEqual(before);
  });

  it('damage where SQLite cannot even start its check (the schema page)', async () => {
    const dir = tempDir();
    const path = await bigDb(dir);
    const bytes = readFileSync(path);
    bytes.fill(0x33, 100, bytes.readUInt16BE(16));
    writeFileSync(path, bytes);
    expect((await refusal(path)).message).toMatch(/: is damaged \(SQLite: .*malformed.*\)$/);
  });

  it('an unfinished write beside it (a hot journal or a write-ahead log)', async () => {
    const dir = tempDir();
    const path = await bigDb(dir);
    writeFileSync(`${path}-journal`, Buffer.alloc(512, 1));
    expect((await refusal(path)).message).toMatch(/has a rollback journal beside it .*stop MLflow/);
    writeFileSync(`${path}-journal`, '');
    writeFileSync(`${path}-wal`, Buffer.alloc(512, 1));
    expect((await refusal(path)).message).toMatch(/has a write-ahead log beside it/);
  });

  it('a database bigger than the memory it may take, saying so', async () => {
    const path = await bigDb(tempDir());
    expect((await refusal(path, { maxBytes: 100_000 })).message).toMatch(/is \d+ MB, more than the 0 MB an mlflow\.db import reads \(sql\.js holds the whole database in memory\)/);
  });

  it('a failure met later names the item and says the database is damaged', () => {
    const err = asSourceError(new Error('database disk image is malformed'), "run abc metric 'loss'");
    expect(err).toBeInstanceOf(SourceError);
    expect(err.message).toBe("run abc metric 'loss': damaged database (database disk image is malformed)");
  });
});
