import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { materializeModel } from '../../../../electron/serving/model-files';
import { newKeyFile } from '../../../support/encrypted-store';
import { openTestStore } from '../../../support/open-test-store';
import { useTempDirs } from '../../../support/temp-dir';
import { seedLoggedModel } from './serving-fixtures';

const tempDir = useTempDirs();
const FILES = { MLmodel: 'flavors:\n  python_function: {}\n', 'model.pkl': Buffer.from([0, 1, 2, 250, 255]), 'sub/dir/python_env.yaml': 'python: 3.11\n' };

const walk = (dir: string, rel = ''): string[] =>
  readdirSync(join(dir, rel), { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(dir, rel ? `${rel}/${e.name}` : e.name) : [rel ? `${rel}/${e.name}` : e.name])).sort();

describe('materializeModel', () => {
  for (const encrypted of [false, true]) {
    it(`copies a model's files out of ${encrypted ? 'an encrypted' : 'a plain'} store into a private folder, and removes it`, async () => {
      const root = tempDir();
      const t = await openTestStore(join(root, 'store'), encrypted ? { key: { kind: 'key-file', path: newKeyFile(root) } } : {});
      const { modelRoot } = await seedLoggedModel(t, FILES);
      const lines: string[] = [];
      const m = await materializeModel(t.svc, modelRoot, { tempRoot: root, log: (l) => lines.push(l) });
      expect(walk(m.dir)).toEqual(['MLmodel', 'model.pkl', 'sub/dir/python_env.yaml']);
      for (const [rel, content] of Object.entries(FILES)) expect(readFileSync(join(m.dir, rel))).toEqual(Buffer.from(content));
      expect(statSync(m.dir).mode & 0o777).toBe(0o700);
      expect(statSync(dirname(m.dir)).mode & 0o777).toBe(0o700);
      expect(statSync(join(m.dir, 'model.pkl')).mode & 0o777).toBe(0o600);
      expect(statSync(join(m.dir, 'sub')).mode & 0o077).toBe(0);
      expect([m.files, m.bytes]).toEqual([3, FILES.MLmodel.length + 5 + FILES['sub/dir/python_env.yaml'].length]);
      expect(lines).toEqual([expect.stringMatching(/^model files: 3 \(.*\) in /)]);
      await m.remove();
      expect(readdirSync(root).filter((n) => n.startsWith('sextant-model-'))).toEqual([]);
      await t.store.close();
    });
  }

  it('removes folders left by a killed process (owner gone), not those of a live one', async () => {
    const root = tempDir();
    const t = await openTestStore(join(root, 'store'));
    const { modelRoot } = await seedLoggedModel(t, FILES);
    const mine = await materializeModel(t.svc, modelRoot, { tempRoot: root });
    const orphan = await materializeModel(t.svc, modelRoot, { tempRoot: root });
    const dead = spawnSync(process.execPath, ['-e', 'console.log(process.pid)']).stdout.toString().trim();
    writeFileSync(join(dirname(orphan.dir), 'owner.pid'), dead);
    const next = await materializeModel(t.svc, modelRoot, { tempRoot: root }); // the next start sweeps
    expect([existsSync(mine.dir), existsSync(orphan.dir), existsSync(next.dir)]).toEqual([true, false, true]);
    await mine.remove();
    await next.remove();
    await t.store.close();
  });

  it('refuses a folder without an MLmodel and leaves no temp folder behind', async () => {
    const root = tempDir();
    const t = await openTestStore(join(root, 'store'));
    const { runRoot } = await seedLoggedModel(t, FILES);
    await expect(materializeModel(t.svc, runRoot, { tempRoot: root })).rejects.toMatchObject({ code: 'RESOURCE_DOES_NOT_EXIST', message: expect.stringContaining('No MLmodel file') });
    expect(readdirSync(root).filter((n) => n.startsWith('sextant-model-'))).toEqual([]);
    await t.store.close();
  });
});
