/** A line longer than the limit: the peer is refused rather than buffered without bound. */
export class LineTooLongError extends Error {
  override name = 'LineTooLongError';
  constructor(readonly maxBytes: number) {
    super(`a message line is longer than ${maxBytes} bytes`);
  }
}

/**
 * Splits a byte stream into newline-terminated lines (split on bytes, so a multi-byte character
 * cut between chunks survives). Empty lines are skipped; an unterminated tail waits for more.
 * Throws LineTooLongError as soon as a line, complete or not, exceeds `maxBytes`.
 */
export class LineSplitter {
  private parts: Buffer[] = [];
  private size = 0;

  constructor(private readonly maxBytes: number) {}

  push(chunk: Buffer): string[] {
    const lines: string[] = [];
    let start = 0;
    for (let nl = chunk.indexOf(10, start); nl !== -1; nl = chunk.indexOf(10, start)) {
      this.append(chunk.subarray(start, nl));
      const line = Buffer.concat(this.parts).toString('utf8').replace(/\r$/, '');
      this.parts = [];
      this.size = 0;
      if (line.trim()) lines.push(line);
      start = nl + 1;
    }
    this.append(chunk.subarray(start));
    return lines;
  }

  private append(piece: Buffer): void {
    if (this.size + piece.length > this.maxBytes) throw new LineTooLongError(this.maxBytes);
    if (!piece.length) return;
    this.parts.push(piece);
    this.size += piece.length;
  }
}
