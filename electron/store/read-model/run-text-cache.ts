import { runJson } from './run-json';
import type { RunRecord } from './run-record';

/**
 * The runs' JSON texts as UTF-8 bytes, made when a search first returns a run and kept on its
 * record up to a bound on their total size (oldest dropped first): an answer is these bytes
 * copied into one buffer, with no encoding per request. A record an op replaces takes its text
 * with it: the new record starts without one.
 */
export class RunTextCache {
  private queue: RunRecord[] = [];
  private head = 0;
  private bytes = 0;

  constructor(private readonly maxBytes: number) {}

  /** The run's text as UTF-8 (not to be modified). */
  bytesOf(r: RunRecord): Buffer {
    if (r.json !== undefined) return r.json;
    const bytes = Buffer.from(runJson(r), 'utf8');
    r.json = bytes;
    this.bytes += bytes.length;
    this.queue.push(r);
    while (this.bytes > this.maxBytes && this.head < this.queue.length) {
      const old = this.queue[this.head++]!;
      if (old.json !== undefined) this.bytes -= old.json.length;
      old.json = undefined;
    }
    if (this.head > 4096 && this.head * 2 > this.queue.length) {
      this.queue = this.queue.slice(this.head);
      this.head = 0;
    }
    return bytes;
  }

  /** Total size of the texts held, in bytes (records replaced since still count until they leave the queue). */
  get size(): number {
    return this.bytes;
  }

  clear(): void {
    for (let i = this.head; i < this.queue.length; i++) this.queue[i]!.json = undefined;
    this.queue = [];
    this.head = 0;
    this.bytes = 0;
  }
}
