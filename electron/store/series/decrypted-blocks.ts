/** Full blocks kept by default: 2,048 × 4,080 bytes ≈ 8 MB of plaintext. */
export const DEFAULT_DECRYPTED_BLOCKS = 2048;

/**
 * Plaintext of full sealed blocks recently opened, least recently used dropped first. Only full
 * blocks are kept: within a process a full block is never sealed again (appends re-seal only
 * the partly filled last block; a replay that rewrites blocks runs in a new process), and
 * `forget` drops the blocks a write covers anyway. Saves the decryption (a few µs a block) of
 * reads that come back: chart and history pages, binary searches, sampled intervals.
 */
export class DecryptedBlocks {
  private blocks = new Map<string, Buffer>();

  constructor(private maxBlocks = DEFAULT_DECRYPTED_BLOCKS) {}

  get(id: number, index: number): Buffer | undefined {
    const name = `${id}:${index}`;
    const plain = this.blocks.get(name);
    if (plain) {
      this.blocks.delete(name); // re-insert: Map order is the LRU order
      this.blocks.set(name, plain);
    }
    return plain;
  }

  set(id: number, index: number, plain: Buffer): void {
    if (this.maxBlocks <= 0) return;
    const name = `${id}:${index}`;
    this.blocks.delete(name);
    if (this.blocks.size >= this.maxBlocks) this.blocks.delete(this.blocks.keys().next().value as string);
    this.blocks.set(name, plain);
  }

  /** Drops blocks [from, to] of series `id` (a write seals them again). */
  forget(id: number, from: number, to: number): void {
    if (this.blocks.size === 0) return;
    for (let i = from; i <= to; i++) this.blocks.delete(`${id}:${i}`);
  }

  clear(): void {
    this.blocks.clear();
  }

  get size(): number {
    return this.blocks.size;
  }
}
