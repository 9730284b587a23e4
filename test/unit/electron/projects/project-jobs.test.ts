import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectJobHandlers } from '../../../../electron/projects/project-jobs';
import { PROJECT_TEMP_PREFIX } from '../../../../electron/projects/project-source';
import { makeOwnedTempFolder } from '../../../../electron/temp-folders';
import { openTestStore } from '../../../support/open-test-store';
import { useTempDirs } from '../../../support/temp-dir';

const temp = useTempDirs();

describe('the project-run job, at start', () => {
  it("removes the clones and output logs a killed holder left in the temp folder, and no one else's", async () => {
    const t = await openTestStore(join(temp(), 'store'));
    try {
      const tempRoot = temp();
      const dead = Number(spawnSync(process.execPath, ['-e', 'console.log(process.pid)']).stdout.toString().trim());
      const clone = makeOwnedTempFolder(tempRoot, PROJECT_TEMP_PREFIX, dead);
      const log = makeOwnedTempFolder(tempRoot, `${PROJECT_TEMP_PREFIX}log-`, dead);
      const live = makeOwnedTempFolder(tempRoot, `${PROJECT_TEMP_PREFIX}log-`);
      projectJobHandlers({ store: t.store, services: t.svc, log: () => {} }, { envCacheDir: () => temp(), cacheRoot: temp(), tempRoot });
      await expect.poll(() => [existsSync(clone), existsSync(log)]).toEqual([false, false]);
      expect(readdirSync(tempRoot)).toEqual([basename(live)]);
    } finally {
      await t.store.close();
    }
  });
});
