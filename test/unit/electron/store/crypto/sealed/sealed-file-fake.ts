/** A positional file in memory for the sealed-format tests: writes past the end zero-fill the gap. */
export class FakePositionalFile {
  bytes = Buffer.alloc(0);

  write(position: number, data: Uint8Array): void {
    const end = position + data.length;
    if (end > this.bytes.length) {
      const grown = Buffer.alloc(end);
      this.bytes.copy(grown);
      this.bytes = grown;
    }
    this.bytes.set(data, position);
  }

  /** `length` bytes at `position`, zeros past the end (a preallocated file). */
  read(position: number, length: number): Buffer {
    const out = Buffer.alloc(length);
    this.bytes.copy(out, 0, Math.min(position, this.bytes.length), Math.min(position + length, this.bytes.length));
    return out;
  }
}
