/**
 * Large answer buffers used again instead of allocated per answer: a megabyte-sized buffer per
 * request is external memory that drives V8 to collect garbage often, and fresh pages fault in
 * on every fill. A buffer is taken for an answer and given back once the answer is written
 * (handed to the operating system); one that is never given back is simply collected.
 */
export class ReusableBuffers {
  private readonly free: ArrayBuffer[] = [];
  /** The memory this pool made (only that is ever kept: other buffers may share theirs). */
  private readonly made = new WeakSet<ArrayBuffer>();

  /**
   * @param maxKept buffers kept for reuse at most
   * @param maxBytes larger buffers are allocated for one answer and not kept
   */
  constructor(
    private readonly maxKept = 4,
    private readonly maxBytes = 16 * 1024 * 1024,
  ) {}

  /** A buffer of exactly `size` bytes (contents undefined), from a kept one when one is large enough. */
  take = (size: number): Buffer => {
    let best = -1;
    for (let i = 0; i < this.free.length; i++) {
      const len = this.free[i]!.byteLength;
      if (len >= size && (best < 0 || len < this.free[best]!.byteLength)) best = i;
    }
    if (best >= 0) {
      const [ab] = this.free.splice(best, 1);
      return Buffer.from(ab!, 0, size);
    }
    if (size > this.maxBytes) return Buffer.allocUnsafeSlow(size);
    let capacity = 64 * 1024;
    while (capacity < size) capacity *= 2;
    const ab = Buffer.allocUnsafeSlow(capacity).buffer as ArrayBuffer;
    this.made.add(ab);
    return Buffer.from(ab, 0, size);
  };

  /** Gives back a buffer from take(), once nothing reads it any more (any other buffer is ignored). */
  give(buffer: Buffer): void {
    const ab = buffer.buffer as ArrayBuffer;
    if (!this.made.has(ab) || this.free.includes(ab)) return;
    if (this.free.length >= this.maxKept) this.free.shift();
    this.free.push(ab);
  }

  /** Buffers kept for reuse (tests). */
  get kept(): number {
    return this.free.length;
  }
}
