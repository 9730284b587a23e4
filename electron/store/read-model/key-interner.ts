/**
 * One copy of each repeated string (metric, param and tag keys; short values): 50,000 runs
 * with the same ten keys hold ten strings, not 500,000.
 */
export class KeyInterner {
  private readonly strings = new Map<string, string>();

  constructor(private readonly maxEntries = 200_000) {}

  intern(s: string): string {
    const known = this.strings.get(s);
    if (known !== undefined) return known;
    if (this.strings.size < this.maxEntries) this.strings.set(s, s);
    return s;
  }

  private readonly lists = new Map<string, readonly string[]>();

  /**
   * One copy of each list of keys: runs that log the same keys share one array (never
   * modified). The list's strings must be interned already.
   */
  internList(keys: string[]): readonly string[] {
    const id = keys.join('\u0000');
    const known = this.lists.get(id);
    if (known !== undefined && known.length === keys.length && known.every((k, i) => k === keys[i])) return known;
    if (this.lists.size < this.maxEntries / 10) this.lists.set(id, keys);
    return keys;
  }

  /** The kept copy of `s`, if there is one (nothing is added). */
  known(s: string): string {
    return this.strings.get(s) ?? s;
  }

  get size(): number {
    return this.strings.size;
  }
}
