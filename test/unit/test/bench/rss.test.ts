import { describe, expect, it } from 'vitest';
import { MB, parseSmaps } from '../../../bench/rss';

const area = (range: string, perms: string, path: string, rssKiB: number) =>
  `${range} ${perms} 00000000 00:00 0 ${path}\nSize:            4 kB\nRss:        ${rssKiB} kB\nPss:        ${rssKiB} kB\n`;

describe('parseSmaps', () => {
  it('tells WebAssembly memories (a read-write area before a big PROT_NONE reservation), big anonymous buffers and the rest apart', () => {
    const text = [
      area('00400000-00600000', 'r-xp', '/usr/bin/node', 20 * 1024),
      // a wasm memory: 70 MB resident, then its 8 GiB guard
      area('7f0000000000-7f0005000000', 'rw-p', '', 70 * 1024),
      area('7f0005000000-7f0205000000', '---p', '', 0),
      // a big ArrayBuffer (sql.js's file) and a small one
      area('7f1000000000-7f100d000000', 'rw-p', '', 208 * 1024),
      area('7f2000000000-7f2000100000', 'rw-p', '', 1024),
      // a big reservation that follows nothing read-write (not wasm)
      area('7f3000000000-7f3200000000', '---p', '', 0),
      area('7f4000000000-7f4002000000', 'rw-p', '[heap]', 40 * 1024),
    ].join('');
    const m = parseSmaps(text);
    expect(m.wasm).toEqual([70 * MB]);
    expect(m.big).toEqual([208 * MB]);
    expect(m.rest).toBe((20 + 1 + 40) * MB);
    expect(m.total).toBe((20 + 70 + 208 + 1 + 40) * MB);
  });

  it('sorts each kind largest first and counts a small read-write area before a small reservation as the rest', () => {
    const text = [
      area('1000-2000', 'rw-p', '', 40 * 1024),
      area('2000-3000', '---p', '', 0),
      area('10000-20000', 'rw-p', '', 50 * 1024),
      area('30000-40000', 'rw-p', '', 90 * 1024),
    ].join('');
    const m = parseSmaps(text);
    expect(m.wasm).toEqual([]);
    expect(m.big).toEqual([90 * MB, 50 * MB, 40 * MB]);
    expect(m.rest).toBe(0);
  });
});
