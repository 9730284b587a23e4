import { createHash, type Hash } from 'node:crypto';
import type { BodyWriter } from './body-writer';

/**
 * The body of a bundle is a sequence of frames: `u8 type | u32 part | u64 length | data |
 * sha256(head and data)`. The manifest comes first and the catalog second (both JSON, so both
 * are read without reading the rest), then one frame per part (a history's points, an artifact
 * file), in the catalog's order, and last the end frame, whose data is the SHA-256 of every byte
 * before it (header included) and whose part field is the number of parts: a bundle cut short,
 * or with a part missing, added or moved, is refused.
 */
export const FRAME = { manifest: 1, catalog: 2, part: 3, end: 4 } as const;
export type FrameType = (typeof FRAME)[keyof typeof FRAME];
export const FRAME_HEAD_BYTES = 13;
export const DIGEST_BYTES = 32;

export interface FrameHead {
  type: number;
  part: number;
  length: number;
}

export function encodeFrameHead(type: FrameType, part: number, length: number): Buffer {
  const head = Buffer.alloc(FRAME_HEAD_BYTES);
  head.writeUInt8(type, 0);
  head.writeUInt32LE(part, 1);
  head.writeBigUInt64LE(BigInt(length), 5);
  return head;
}

export function decodeFrameHead(head: Buffer): FrameHead {
  const length = head.readBigUInt64LE(5);
  return { type: head.readUInt8(0), part: head.readUInt32LE(1), length: length > BigInt(Number.MAX_SAFE_INTEGER) ? Number.MAX_SAFE_INTEGER : Number(length) };
}

/** Writes frames, hashing each one and the whole body as it goes. */
export class FrameWriter {
  private body: Hash;
  private ended = false;
  parts = 0;

  constructor(
    private out: BodyWriter,
    header: Buffer,
  ) {
    this.body = createHash('sha256').update(header);
  }

  async whole(type: FrameType, part: number, data: Buffer): Promise<void> {
    const head = encodeFrameHead(type, part, data.length);
    const digest = createHash('sha256').update(head).update(data).digest();
    await this.put(head);
    await this.put(data);
    await this.put(digest);
  }

  /** A part streamed from `data`, which must yield exactly `length` bytes. Returns its SHA-256. */
  async streamed(part: number, length: number, data: AsyncIterable<Buffer>, item: string, onBytes?: (n: number) => void): Promise<Buffer> {
    const head = encodeFrameHead(FRAME.part, part, length);
    const hash = createHash('sha256').update(head);
    await this.put(head);
    let written = 0;
    for await (const buf of data) {
      if (written + buf.length > length) throw new Error(`${item} grew while it was exported (${length} bytes were planned); export again`);
      hash.update(buf);
      await this.put(buf);
      written += buf.length;
      onBytes?.(buf.length);
    }
    if (written !== length) throw new Error(`${item} shrank while it was exported (${written} of ${length} bytes); export again`);
    const digest = hash.digest();
    await this.put(digest);
    this.parts++;
    return digest;
  }

  async end(): Promise<void> {
    const digest = this.body.digest();
    this.ended = true;
    await this.whole(FRAME.end, this.parts, digest);
  }

  private async put(buf: Buffer): Promise<void> {
    if (!this.ended) this.body.update(buf);
    await this.out.write(buf);
  }
}
