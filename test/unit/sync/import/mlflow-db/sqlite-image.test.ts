import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openMlflowDb } from '../../../../../electron/sync/import/mlflow-db/open-mlflow-db';
import { readSqliteImage } from '../../../../../electron/sync/import/mlflow-db/sqlite-image';
import { useTempDirs } from '../../../../support/temp-dir';
import { writeOldSchemaDb } from './old-schema';

describe('readSqliteImage', () => {
  const tempDir = useTempDirs();

  it('reads a database left in WAL mode with no log beside it, switching only its copy to rollback mode', async () => {
    const path = await writeOldSchemaDb(join(tempDir(), 'mlflow.db'), '1.0', { experiments: [[0, 'Default', '/x/0', 'active']] });
    const bytes = readFileSync(path);
    bytes[18] = 2;
    bytes[19] = 2;
    writeFileSync(path, bytes);
    const image = await readSqliteImage(path, 'db');
    expect([image[18], image[19]]).toEqual([1, 1]);
    expect([readFileSync(path)[18], readFileSync(path)[19]]).toEqual([2, 2]);
    const src = await openMlflowDb(path);
    const names: string[] = [];
    for await (const e of src.experiments()) names.push(e.name);
    await src.close();
    await src.close();
    expect(names).toEqual(['Default']);
  });
});
