import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scanJournal } from '../../../../electron/store/journal-reader';
import { JournalWriter } from '../../../../electron/store/journal-writer';
import { useTempDirs } from '../../../support/temp-dir';

const tempDir = useTempDirs();
const payload = (n: number) => Buffer.from(`record ${n}`);

describe('JournalWriter', () => {
  it('switchTo resolves once the old segment is durable, however many appends keep the new one busy', async () => {
    const dir = tempDir();
    const w = new JournalWriter(join(dir, 'a.log'));
    const first = [1, 2, 3].map((seq) => w.append(seq, payload(seq)));
    const cut = w.switchTo(join(dir, 'b.log'));
    let seq = 3;
    let stop = false;
    // Writers that never pause: the cut must not wait for them to go idle.
    const writers = Array.from({ length: 4 }, async () => {
      while (!stop) await w.append(++seq, payload(seq));
    });
    await cut;
    stop = true;
    await Promise.all([...first, ...writers]);
    await w.close();
    expect(scanJournal(join(dir, 'a.log')).records.map((r) => r.seq)).toEqual([1, 2, 3]);
    expect(scanJournal(join(dir, 'b.log')).records[0]?.seq).toBe(4);
  });

  it.skipIf(!existsSync('/dev/full'))('after a failed write refuses every append, and says so', async () => {
    const w = new JournalWriter('/dev/full'); // every write fails with ENOSPC
    await expect(w.append(1, payload(1))).rejects.toThrow(/journal write failed \(ENOSPC/);
    expect(w.failed?.message).toMatch(/refuses writes until it is reopened/);
    await expect(w.append(2, payload(2))).rejects.toBe(w.failed);
    await expect(w.drain()).rejects.toBe(w.failed);
    await w.close();
  });
});
