// @vitest-environment node
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { JobContext } from '../../../../electron/jobs/job-types';
import { importJob } from '../../../../electron/sync/import/import-job';
import { openTestStore, type TestStore } from '../../../support/open-test-store';
import { useTempDirs } from '../../../support/temp-dir';

const ctx = (): JobContext => ({ id: 'j', signal: new AbortController().signal, progress: () => undefined, log: () => undefined });

describe('the import job', () => {
  const tempDir = useTempDirs();
  let t: TestStore | undefined;
  afterEach(async () => {
    await t?.store.close();
    t = undefined;
  });
  const deps = async () => {
    t = await openTestStore(tempDir());
    return { store: t.store, services: t.svc, log: () => undefined };
  };

  it('refuses bad args before anything happens', async () => {
    const d = await deps();
    await expect(importJob(d, { source: '' }, ctx())).rejects.toThrow();
    await expect(importJob(d, { source: '/x', clash: 'overwrite' }, ctx())).rejects.toThrow();
  });

  it('refuses what is not an MLflow database, file store or bundle, writing nothing', async () => {
    const d = await deps();
    const dir = tempDir();
    const seq = d.store.lastSeq;
    writeFileSync(join(dir, 'notes.txt'), 'just text');
    mkdirSync(join(dir, 'empty'));
    writeFileSync(join(dir, 'fake.db'), Buffer.concat([Buffer.from('SQLite format 3\u0000', 'latin1'), Buffer.alloc(200, 7)]));
    for (const [name, why] of [['notes.txt', /not something Sextant imports/], ['empty', /not an MLflow file store/], ['missing', /no such file/], ['fake.db', /.+/]] as const) {
      const out = await importJob(d, { source: join(dir, name) }, ctx());
      expect(out.summary).toMatch(/^import refused: nothing was written/);
      expect(out.problems).toHaveLength(1);
      expect(out.problems[0]!.message).toMatch(why);
    }
    expect(d.store.lastSeq).toBe(seq);
  });

  it('imports a file store folder, recognised by its content', async () => {
    const d = await deps();
    const root = join(tempDir(), 'not-called-mlruns');
    mkdirSync(join(root, '3'), { recursive: true });
    writeFileSync(join(root, '3', 'meta.yaml'), "artifact_location: file:///x/3\ncreation_time: 1\nexperiment_id: '3'\nlast_update_time: 2\nlifecycle_stage: active\nname: three\n");
    const out = await importJob(d, { source: root }, ctx());
    expect(out.problems).toEqual([]);
    expect(out.details).toMatchObject({ kind: 'mlruns', experimentIds: ['3'], counts: { experiments: 1 } });
    const dry = await importJob(d, { source: root, dryRun: true }, ctx());
    expect(dry.summary).toMatch(/^would import/);
  });
});
