import { describe, expect, it } from 'vitest';
import { parseByteRange } from '../../../../../electron/server/routes/byte-range';

describe('Range: bytes= (one range)', () => {
  it.each([
    ['bytes=0-9', 100, { start: 0, end: 10 }],
    ['bytes=90-', 100, { start: 90, end: 100 }],
    ['bytes=90-500', 100, { start: 90, end: 100 }],
    ['bytes=-10', 100, { start: 90, end: 100 }],
    ['bytes=-500', 100, { start: 0, end: 100 }],
    ['bytes=99-99', 100, { start: 99, end: 100 }],
  ])('%s of %i bytes', (h, size, want) => expect(parseByteRange(h, size)).toEqual(want));

  it.each([
    ['bytes=100-', 100],
    ['bytes=100-200', 100],
    ['bytes=-0', 100],
    ['bytes=0-0', 0],
  ])('%s of %i bytes is unsatisfiable', (h, size) => expect(parseByteRange(h, size)).toBe('unsatisfiable'));

  it.each([undefined, '', 'bytes=', 'bytes=-', 'bytes=5-2', 'bytes=0-1,5-6', 'items=0-1', 'bytes=a-b'])('%j is served whole', (h) => expect(parseByteRange(h, 100)).toBeNull());
});
