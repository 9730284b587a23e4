import type { FileHandle } from 'node:fs/promises';
import { CHUNK_BYTES, sealChunk, type ChunkKey } from './bundle-cipher';

const PLAIN_FLUSH_BYTES = 1024 * 1024;

/**
 * Writes a bundle file: the header, then the body in the clear or sealed chunk by chunk. Holds at
 * most about one chunk in memory. `finish` seals the last chunk (flagged final) and fsyncs.
 */
export class BodyWriter {
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private chunkIndex = 0;
  private position = 0;
  /** Body bytes written so far (before encryption). */
  bodyBytes = 0;

  constructor(
    private fh: FileHandle,
    private chunkKey: ChunkKey | null,
  ) {}

  async start(header: Buffer): Promise<void> {
    await this.put(header);
  }

  async write(buf: Buffer): Promise<void> {
    if (!buf.length) return;
    this.pending.push(buf);
    this.pendingBytes += buf.length;
    this.bodyBytes += buf.length;
    if (this.chunkKey) {
      // A full chunk is sealed only once a byte beyond it exists: the last chunk must be flagged final.
      while (this.pendingBytes > CHUNK_BYTES) await this.put(sealChunk(this.chunkKey, this.chunkIndex++, false, this.take(CHUNK_BYTES)));
    } else if (this.pendingBytes >= PLAIN_FLUSH_BYTES) await this.put(this.take(this.pendingBytes));
  }

  async finish(): Promise<void> {
    const rest = this.take(this.pendingBytes);
    if (this.chunkKey) await this.put(sealChunk(this.chunkKey, this.chunkIndex++, true, rest));
    else await this.put(rest);
    await this.fh.sync();
  }

  private take(n: number): Buffer {
    const all = this.pending.length === 1 ? this.pending[0]! : Buffer.concat(this.pending);
    const out = all.subarray(0, n);
    const rest = all.subarray(n);
    this.pending = rest.length ? [rest] : [];
    this.pendingBytes = rest.length;
    return out;
  }

  private async put(buf: Buffer): Promise<void> {
    let off = 0;
    while (off < buf.length) {
      const { bytesWritten } = await this.fh.write(buf, off, buf.length - off, this.position);
      off += bytesWritten;
      this.position += bytesWritten;
    }
  }
}
