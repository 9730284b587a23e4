import { describe, expect, it } from 'vitest';
import { formatSize } from '../../../../../renderer/components/artifacts/format-size';
import { base64ToBytes, decodeText, looksBinary } from '../../../../../renderer/components/artifacts/bytes';
import { baseName, dirName, extension } from '../../../../../renderer/components/artifacts/artifact-paths';

describe('formatSize', () => {
  it.each([
    [0, '0 B'], [999, '999 B'], [1500, '1.5 kB'], [2_097_152, '2.1 MB'], [3_250_000_000, '3.25 GB'], [undefined, '—'], [-1, '—'],
  ])('%s → %s', (n, s) => expect(formatSize(n)).toBe(s));
});

describe('bytes', () => {
  it('decodes base64 to bytes and UTF-8 text', () => {
    const b = base64ToBytes(Buffer.from('héllo ✓').toString('base64'));
    expect(decodeText(b)).toBe('héllo ✓');
  });

  it('tells binary from text', () => {
    expect(looksBinary(new TextEncoder().encode('plain text\n'))).toBe(false);
    expect(looksBinary(Uint8Array.from([0x41, 0, 0x42]))).toBe(true);
  });
});

describe('artifact paths', () => {
  it('splits names, folders and extensions', () => {
    expect(baseName('a/b/c.tar.gz')).toBe('c.tar.gz');
    expect(dirName('a/b/c.txt')).toBe('a/b');
    expect(dirName('c.txt')).toBe('');
    expect(extension('a/B.PNG')).toBe('png');
    expect(extension('a.b/Makefile')).toBe('');
    expect(extension('.bashrc')).toBe('');
  });
});
