import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { heldSentence, storeIsHeld } from '../../../../../electron/store/convert/store-holder';
import { acquireStoreLock } from '../../../../../electron/store/store-lock';
import { useTempDirs } from '../../../../support/temp-dir';

const tempDir = useTempDirs();

describe('the holder of a store, for the convert commands', () => {
  it('names the holder in one sentence: its pid and its command as people type it', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'lock'), JSON.stringify({ pid: 4242, host: 'h', since: 0, command: '/opt/Sextant/bin/sextant.js serve' }));
    expect(heldSentence(dir)).toBe(`${dir} is open in process 4242 (sextant serve): stop it, then run this again`);
    writeFileSync(join(dir, 'lock'), 'torn');
    expect(heldSentence(dir)).toBe(`${dir} is open in another process: stop it, then run this again`);
  });

  it('tells a held store from a free one (and a missing folder)', async () => {
    const dir = tempDir();
    expect(await storeIsHeld(dir)).toBe(false);
    expect(await storeIsHeld(join(dir, 'missing'))).toBe(false);
    const lock = await acquireStoreLock(dir);
    expect(await storeIsHeld(dir)).toBe(true);
    await lock.release();
    expect(await storeIsHeld(dir)).toBe(false);
  });
});
