import { describe, expect, it } from 'vitest';
import { appendKeeping, fromLineStart, tailOffset } from '../../../../../renderer/components/artifacts/tail-read';

const bytes = (s: string) => new TextEncoder().encode(s) as Uint8Array<ArrayBuffer>;
const text = (b: Uint8Array) => new TextDecoder().decode(b);

describe('reading a file’s end', () => {
  it('starts the last maxBytes of the file, or at 0 for a smaller file', () => {
    expect(tailOffset(5_000_000, 2_000_000)).toBe(3_000_000);
    expect(tailOffset(100, 2_000_000)).toBe(0);
  });

  it('drops the cut line at the start of a read from the middle', () => {
    const read = fromLineStart(bytes('ep 41\nstep 42\nstep 43\n'), 1000);
    expect(text(read.bytes)).toBe('step 42\nstep 43\n');
    expect(read.offset).toBe(1006);
  });

  it('keeps a read from the start whole', () => {
    expect(text(fromLineStart(bytes('ep 41\nstep 42\n'), 0).bytes)).toBe('ep 41\nstep 42\n');
  });

  it('keeps a single long line, dropping only a cut character', () => {
    const all = bytes('é'.repeat(10)); // 2 bytes each
    const read = fromLineStart(all.subarray(3), 3);
    expect(text(read.bytes)).toBe('é'.repeat(8));
    expect(read.offset).toBe(4);
  });
});

describe('appendKeeping', () => {
  it('appends what was added', () => {
    expect(appendKeeping(bytes('a\nb\n'), bytes('c\n'), 100)).toEqual({ bytes: bytes('a\nb\nc\n'), dropped: 0 });
  });

  it('lets the start go, whole lines at a time, past `keep`', () => {
    const r = appendKeeping(bytes('line1\nline2\n'), bytes('line3\n'), 10);
    expect(text(r.bytes)).toBe('line3\n');
    expect(r.dropped).toBe(12);
  });
});
