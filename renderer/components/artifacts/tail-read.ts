/** Reading a file from its end and following it as it grows: where to read, and what to keep. Pure. */

/** Where a read of the last `maxBytes` of a file of `size` bytes starts. */
export const tailOffset = (size: number, maxBytes: number) => Math.max(0, size - maxBytes);

const NEWLINE = 0x0a;
const isContinuation = (b: number) => (b & 0xc0) === 0x80;

/**
 * Bytes read from `offset` > 0 start inside a line (and maybe inside a character): drop up to
 * the first line break, or, with none, just the cut character. Bytes read from 0 are whole.
 */
export function fromLineStart(bytes: Uint8Array<ArrayBuffer>, offset: number): { bytes: Uint8Array<ArrayBuffer>; offset: number } {
  if (offset === 0) return { bytes, offset };
  const nl = bytes.indexOf(NEWLINE);
  let skip = nl !== -1 && nl < bytes.length - 1 ? nl + 1 : 0;
  if (skip === 0) while (skip < Math.min(3, bytes.length) && isContinuation(bytes[skip]!)) skip++;
  return { bytes: bytes.subarray(skip), offset: offset + skip };
}

/**
 * `old` followed by `added`; when that is over `keep` bytes, its start is let go up to a line
 * break so that at most `keep` remain (`dropped`: how many bytes were let go).
 */
export function appendKeeping(old: Uint8Array, added: Uint8Array, keep: number): { bytes: Uint8Array<ArrayBuffer>; dropped: number } {
  const all = new Uint8Array(old.length + added.length);
  all.set(old, 0);
  all.set(added, old.length);
  if (all.length <= keep) return { bytes: all, dropped: 0 };
  const cut = all.length - keep;
  const nl = all.indexOf(NEWLINE, cut);
  let dropped = nl === -1 ? cut : nl + 1;
  while (nl === -1 && dropped < all.length && isContinuation(all[dropped]!)) dropped++;
  return { bytes: all.slice(dropped), dropped };
}
