import { describe, expect, it } from 'vitest';
import { generateDataKey } from '../../../../../electron/store/crypto/keys';
import { storeKeys } from '../../../../../electron/store/crypto/store-keys';
import { SealedSeries, type SealedTail } from '../../../../../electron/store/series/sealed-series';

const keys = storeKeys(generateDataKey());
const pts = (n: number) => new Float64Array(n * 3).map((_, i) => i);

/** Writes of one series in order, each from where the last ended; says which wrote a tail copy and which synced first. */
function writer(sealed: SealedSeries, id: number) {
  let tail: SealedTail | undefined;
  let at = 0;
  return (n: number, gen = sealed.gen) => {
    const p = sealed.prepareWrite(id, at, gen, pts(n), tail, null);
    tail = p.tail;
    at += n;
    return p.io.tailCopy ? (p.syncBeforeCopy ? 'copy after fdatasync' : 'copy') : 'no copy';
  };
}

describe('SealedSeries tail copies', () => {
  it('writes one per series and sync interval, once points of the block may be counted; none in the interval a series was written from its start', () => {
    const sealed = new SealedSeries(keys);
    const write = writer(sealed, 1);
    expect(write(100)).toBe('no copy'); // from the first point
    expect(write(20)).toBe('no copy'); // same interval: nothing counted yet
    sealed.noteSyncing(); // interval 1: the sync of interval 0 counts up to 120
    expect(write(10, 0)).toBe('no copy'); // queued before that sync: it waits for this write, counts nothing before it is done
    expect(write(10)).toBe('copy after fdatasync'); // the first re-seal of interval 1; the file was not fsynced since its last write
    expect(write(10)).toBe('no copy');
    expect(write(190)).toBe('no copy'); // ends on a block boundary (340)
    sealed.noteSyncing(); // interval 2
    expect(write(5)).toBe('no copy'); // starts on a block boundary (340): no head to keep
    sealed.noteSyncing(); // interval 3
    sealed.noteFsynced(1); // its sync fsynced the file after that write
    expect(write(5)).toBe('copy'); // no fdatasync first
    sealed.noteSyncing(); // interval 4: a write of it starts before the fsync of its sync is done
    expect(write(5)).toBe('copy after fdatasync');
    sealed.noteFsynced(1);
    sealed.noteSyncing();
    expect(write(5)).toBe('copy after fdatasync'); // that fsync did not make the file clean
  });

  it('keeps a copy that a head was read from: no copy over it before the next sync', () => {
    const sealed = new SealedSeries(keys);
    sealed.noteSyncing();
    const head: SealedTail = { block: 0, points: 30, plain: Buffer.from(pts(30).buffer), fromCopy: true };
    const first = sealed.prepareWrite(2, 30, sealed.gen, pts(10), undefined, head);
    expect(first.io.tailCopy).toBeNull();
    const second = sealed.prepareWrite(2, 40, sealed.gen, pts(10), first.tail, null);
    expect(second.io.tailCopy).toBeNull();
    sealed.noteSyncing();
    expect(sealed.prepareWrite(2, 50, sealed.gen, pts(10), second.tail, null).io.tailCopy).not.toBeNull();
  });
});
