import { open, type FileHandle } from 'node:fs/promises';
import { chunkCount, openChunk, SEALED_CHUNK_BYTES, TAG_BYTES, CHUNK_BYTES, type ChunkKey } from './bundle-cipher';
import { decodeHeader, MAX_HEADER_BYTES, type BundleHeader } from './bundle-header';
import { unlockBundle } from './bundle-key';

/** A byte of the bundle is not what was written: damaged, cut off, or chunks out of order. */
export class BundleDamagedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BundleDamagedError';
  }
}

/**
 * Random access to a bundle's body by plain offset, whether it is stored in the clear or in
 * sealed chunks (each chunk is authenticated as it is read; the last one read is kept).
 */
export class BodyReader {
  private cached: { index: number; plain: Buffer } | null = null;

  private constructor(
    private fh: FileHandle,
    readonly header: BundleHeader,
    private fileSize: number,
    private chunkKey: ChunkKey | null,
    /** Body bytes before encryption. */
    readonly length: number,
  ) {}

  static async open(path: string, passphrase?: string): Promise<BodyReader> {
    const fh = await open(path, 'r');
    try {
      const { size } = await fh.stat();
      const head = Buffer.alloc(Math.min(size, MAX_HEADER_BYTES));
      await fh.read(head, 0, head.length, 0);
      const header = decodeHeader(head);
      const sealed = size - header.bytes.length;
      if (!header.encryption) return new BodyReader(fh, header, size, null, sealed);
      const key = await unlockBundle(header.encryption, passphrase);
      const chunks = chunkCount(sealed);
      const length = sealed - chunks * TAG_BYTES;
      if (length < 0) throw new BundleDamagedError('the bundle is truncated (its last encrypted chunk is cut off)');
      return new BodyReader(fh, header, size, { key, noncePrefix: header.encryption.noncePrefix, header: header.bytes }, length);
    } catch (err) {
      await fh.close();
      throw err;
    }
  }

  get encrypted(): boolean {
    return this.chunkKey !== null;
  }

  /** `length` body bytes from `offset`; fewer only past the end. */
  async read(offset: number, length: number): Promise<Buffer> {
    const n = Math.max(0, Math.min(length, this.length - offset));
    if (!this.chunkKey) return this.readRaw(this.header.bytes.length + offset, n);
    const parts: Buffer[] = [];
    let at = offset;
    while (at < offset + n) {
      const index = Math.floor(at / CHUNK_BYTES);
      const plain = await this.chunk(index);
      const from = at - index * CHUNK_BYTES;
      const piece = plain.subarray(from, Math.min(plain.length, from + offset + n - at));
      if (!piece.length) throw new BundleDamagedError(`encrypted chunk ${index} is shorter than it should be`);
      parts.push(piece);
      at += piece.length;
    }
    return parts.length === 1 ? parts[0]! : Buffer.concat(parts);
  }

  close(): Promise<void> {
    return this.fh.close();
  }

  private async chunk(index: number): Promise<Buffer> {
    if (this.cached?.index === index) return this.cached.plain;
    const start = this.header.bytes.length + index * SEALED_CHUNK_BYTES;
    const sealed = await this.readRaw(start, Math.min(SEALED_CHUNK_BYTES, this.fileSize - start));
    const last = chunkCount(this.fileSize - this.header.bytes.length) - 1;
    const plain = openChunk(this.chunkKey!, index, index === last, sealed);
    if (!plain) throw new BundleDamagedError(`encrypted chunk ${index} of ${last + 1} does not authenticate: the bundle is damaged, truncated or its chunks are out of order`);
    this.cached = { index, plain };
    return plain;
  }

  private async readRaw(position: number, length: number): Promise<Buffer> {
    const buf = Buffer.alloc(length);
    let off = 0;
    while (off < length) {
      const { bytesRead } = await this.fh.read(buf, off, length - off, position + off);
      if (bytesRead === 0) throw new BundleDamagedError('the bundle file got shorter while it was read');
      off += bytesRead;
    }
    return buf;
  }
}
