import { StringDecoder } from 'node:string_decoder';

/**
 * Splits a process's output into lines for a person to read: UTF-8 safe across chunks, `\r`
 * dropped, a line longer than `maxChars` cut (never an error: output is not a protocol).
 */
export class TextLines {
  private decoder = new StringDecoder('utf8');
  private pending = '';

  constructor(private readonly maxChars = 8192) {}

  push(chunk: Buffer): string[] {
    const text = this.pending + this.decoder.write(chunk);
    const parts = text.split('\n');
    this.pending = parts.pop() ?? '';
    if (this.pending.length > this.maxChars) {
      parts.push(this.pending);
      this.pending = '';
    }
    return parts.map((l) => this.clean(l));
  }

  /** What is left once the stream ended (an unterminated last line). */
  end(): string[] {
    const rest = this.pending + this.decoder.end();
    this.pending = '';
    return rest ? [this.clean(rest)] : [];
  }

  private clean(line: string): string {
    const l = line.replace(/\r$/, '');
    return l.length > this.maxChars ? `${l.slice(0, this.maxChars)}…` : l;
  }
}
