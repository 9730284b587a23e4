import { runJson } from './run-json';
import type { RunRecord } from './run-record';

/**
 * The runs' JSON texts, made when a search first returns a run and kept on its record up to
 * a bound on their total size (oldest dropped first). A record an op replaces takes its text
 * with it: the new record starts without one.
 */
export class RunTextCache {
  private queue: RunRecord[] = [];
  private head = 0;
  private chars = 0;

  constructor(private readonly maxChars: number) {}

  textOf(r: RunRecord): string {
    if (r.json !== undefined) return r.json;
    const text = runJson(r);
    r.json = text;
    this.chars += text.length;
    this.queue.push(r);
    while (this.chars > this.maxChars && this.head < this.queue.length) {
      const old = this.queue[this.head++]!;
      if (old.json !== undefined) this.chars -= old.json.length;
      old.json = undefined;
    }
    if (this.head > 4096 && this.head * 2 > this.queue.length) {
      this.queue = this.queue.slice(this.head);
      this.head = 0;
    }
    return text;
  }

  /** Total length of the texts held (records replaced since still count until they leave the queue). */
  get size(): number {
    return this.chars;
  }

  clear(): void {
    for (let i = this.head; i < this.queue.length; i++) this.queue[i]!.json = undefined;
    this.queue = [];
    this.head = 0;
    this.chars = 0;
  }
}
