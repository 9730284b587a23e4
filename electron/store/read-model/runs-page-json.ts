const RUNS_OPEN = Buffer.from('{"runs":[');
const COMMA = 0x2c;

/**
 * A search_runs answer as UTF-8 bytes, from the runs' JSON texts as UTF-8: `runs` and
 * `next_page_token` when present, as the object path serialises them. One buffer, filled by
 * copying each text once (no string is built, nothing is encoded per answer); `alloc` gives
 * the buffer (of exactly the size asked).
 */
export function runsPageBytes(runTexts: readonly Uint8Array[], nextPageToken?: string, alloc: (size: number) => Buffer = Buffer.allocUnsafe): Buffer {
  const token = nextPageToken ? `"next_page_token":${JSON.stringify(nextPageToken)}` : '';
  if (runTexts.length === 0) return Buffer.from(`{${token}}`);
  const tail = Buffer.from(token ? `],${token}}` : ']}');
  let size = RUNS_OPEN.length + runTexts.length - 1 + tail.length;
  for (const t of runTexts) size += t.length;
  const out = alloc(size);
  let at = RUNS_OPEN.copy(out, 0);
  for (let i = 0; i < runTexts.length; i++) {
    if (i) out[at++] = COMMA;
    const t = runTexts[i]!;
    out.set(t, at);
    at += t.length;
  }
  tail.copy(out, at);
  return out;
}
