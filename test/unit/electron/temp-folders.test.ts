import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeOwnedTempFolder, OWNER_FILE, removeOrphanedFolders } from '../../../electron/temp-folders';
import { useTempDirs } from '../../support/temp-dir';

const temp = useTempDirs();
const deadPid = () => Number(spawnSync(process.execPath, ['-e', 'console.log(process.pid)']).stdout.toString().trim());

describe('owned temp folders', () => {
  it('removes only the folders with the prefix whose owner process is gone', async () => {
    const root = temp();
    const mine = makeOwnedTempFolder(root, 'sextant-x-');
    expect(statSync(mine).mode & 0o777).toBe(0o700);
    const orphan = makeOwnedTempFolder(root, 'sextant-x-', deadPid());
    writeFileSync(join(orphan, 'big.log'), 'left behind');
    const otherPrefix = makeOwnedTempFolder(root, 'sextant-y-', deadPid());
    mkdirSync(join(root, 'sextant-x-noowner')); // made by someone else (or an older Sextant): left alone
    const garbled = makeOwnedTempFolder(root, 'sextant-x-');
    writeFileSync(join(garbled, OWNER_FILE), 'not a pid');

    expect(await removeOrphanedFolders(root, 'sextant-x-')).toEqual([orphan]);
    expect(readdirSync(root).sort()).toEqual([basename(mine), basename(otherPrefix), 'sextant-x-noowner', basename(garbled)].sort());
    expect(await removeOrphanedFolders(join(root, 'missing'), 'sextant-x-')).toEqual([]);
  });
});
