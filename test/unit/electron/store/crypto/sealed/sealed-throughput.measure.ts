/**
 * Micro-measurements of the sealed formats (not a test: run by hand, numbers go to the report):
 *   npx tsx test/unit/electron/store/crypto/sealed/sealed-throughput.measure.ts
 * Medians of 7 runs; the machine is shared, so also note `uptime`.
 */
import { randomBytes } from 'node:crypto';
import { closeSync, mkdtempSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BLOCK_PLAIN_BYTES, BLOCK_SLOT_BYTES, POINT_BYTES, slotsCovering } from '../../../../../../electron/store/crypto/sealed/block-layout';
import { openBlock, openBlockRange, sealAt, sealBlock } from '../../../../../../electron/store/crypto/sealed/sealed-blocks';
import { journalRecordAad, openRecord, sealRecord } from '../../../../../../electron/store/crypto/sealed/sealed-record';
import { newStreamHeader, openChunk, sealChunk } from '../../../../../../electron/store/crypto/sealed/stream-format';

const key = randomBytes(32);
const fileId = Buffer.from('series/1');
const RUNS = 7;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

/** Median milliseconds of `f` over RUNS runs (after one warm-up). */
function time(f: () => void): number {
  f();
  const ms: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    f();
    ms.push(performance.now() - t);
  }
  return median(ms);
}

const mbps = (bytes: number, ms: number) => `${((bytes / ms) * 1000 / 1e6).toFixed(0)} MB/s`;
const rows: string[] = [];
const row = (what: string, value: string) => rows.push(`${what.padEnd(58)} ${value}`);

// 4 KB blocks
const blocks = 2000;
const block = randomBytes(BLOCK_PLAIN_BYTES);
const sealedBlocks = Array.from({ length: blocks }, (_, i) => sealBlock(key, fileId, i, block));
row('seal 4,080-byte blocks', mbps(blocks * BLOCK_PLAIN_BYTES, time(() => { for (let i = 0; i < blocks; i++) sealBlock(key, fileId, i, block); })));
row('open 4,080-byte blocks', mbps(blocks * BLOCK_PLAIN_BYTES, time(() => { for (let i = 0; i < blocks; i++) openBlock(key, fileId, i, sealedBlocks[i]!, BLOCK_PLAIN_BYTES); })));

// 64 KiB chunks
const header = newStreamHeader();
const chunks = 200;
const chunk = randomBytes(header.chunkBytes);
const sealedChunks = Array.from({ length: chunks }, (_, i) => sealChunk(key, header, i, false, chunk));
row('seal 64 KiB chunks', mbps(chunks * chunk.length, time(() => { for (let i = 0; i < chunks; i++) sealChunk(key, header, i, false, chunk); })));
row('open 64 KiB chunks', mbps(chunks * chunk.length, time(() => { for (let i = 0; i < chunks; i++) openChunk(key, header, i, false, sealedChunks[i]!); })));

// journal records
for (const size of [200, 4096]) {
  const n = 5000;
  const payload = randomBytes(size);
  const sealed = Array.from({ length: n }, (_, i) => sealRecord(key, journalRecordAad(i), payload));
  const s = time(() => { for (let i = 0; i < n; i++) sealRecord(key, journalRecordAad(i), payload); });
  const o = time(() => { for (let i = 0; i < n; i++) openRecord(key, journalRecordAad(i), sealed[i]!); });
  row(`seal / open ${size}-byte journal records (µs each)`, `${((s * 1000) / n).toFixed(1)} / ${((o * 1000) / n).toFixed(1)}`);
}

// 100,000-point series read from a file (page cache), plain vs sealed
const dir = mkdtempSync(join(tmpdir(), 'sealed-measure-'));
try {
  const points = 100_000;
  const plain = randomBytes(points * POINT_BYTES);
  const plainPath = join(dir, 'plain');
  const sealedPath = join(dir, 'sealed');
  let fd = openSync(plainPath, 'w');
  writeSync(fd, plain, 0, plain.length, 0);
  closeSync(fd);
  fd = openSync(sealedPath, 'w');
  const { position, bytes } = sealAt(key, fileId, 0, Buffer.alloc(0), plain);
  writeSync(fd, bytes, 0, bytes.length, position);
  closeSync(fd);
  const readPlain = () => {
    const f = openSync(plainPath, 'r');
    const buf = Buffer.allocUnsafe(plain.length);
    readSync(f, buf, 0, buf.length, 0);
    closeSync(f);
    return new Float64Array(buf.buffer, buf.byteOffset, buf.length / 8);
  };
  const readSealed = () => {
    const f = openSync(sealedPath, 'r');
    const span = slotsCovering(0, plain.length);
    const buf = Buffer.allocUnsafe(span.length);
    readSync(f, buf, 0, buf.length, span.position);
    closeSync(f);
    const out = openBlockRange(key, fileId, buf, 0, plain.length, plain.length);
    return new Float64Array(out.buffer, out.byteOffset, out.length / 8);
  };
  const p = time(readPlain);
  const s = time(readSealed);
  row('read a 100,000-point series: plain / sealed (ms)', `${p.toFixed(2)} / ${s.toFixed(2)}  (${mbps(plain.length, s)} sealed)`);

  // a chart view: 320 points spread over a 1,000,000-point series (each needs its whole block opened)
  const million = 1_000_000;
  const { bytes: millionSealed } = sealAt(key, fileId, 0, Buffer.alloc(0), randomBytes(million * POINT_BYTES));
  const sampled = time(() => {
    for (let i = 0; i < 320; i++) {
      const at = Math.floor((i * million) / 320) * POINT_BYTES;
      const span = slotsCovering(at, at + POINT_BYTES);
      openBlockRange(key, fileId, millionSealed.subarray(span.position, span.position + span.length), at, at + POINT_BYTES, million * POINT_BYTES);
    }
  });
  const whole = time(() => openBlockRange(key, fileId, millionSealed, 0, million * POINT_BYTES, million * POINT_BYTES));
  row('open 320 points spread over 1M points / all 1M points (ms)', `${sampled.toFixed(2)} / ${whole.toFixed(1)}`);

  // appends: one point to each of 1,000 series (the worst case: every point re-seals its block's tail)
  const series = 1000;
  const heads = Array.from({ length: series }, () => randomBytes(85 * POINT_BYTES)); // half-full tails on average
  const point = randomBytes(POINT_BYTES);
  const a = time(() => { for (let i = 0; i < series; i++) sealAt(key, fileId, 85 * POINT_BYTES, heads[i]!, point); });
  row('append 1 point to each of 1,000 series (µs per point)', `${((a * 1000) / series).toFixed(1)} (writes ${BLOCK_SLOT_BYTES} B instead of 24)`);
  const big = randomBytes(64 * 1024 * POINT_BYTES);
  const b = time(() => sealAt(key, fileId, 0, Buffer.alloc(0), big));
  row('append 65,536 points to one series (the flush batch)', mbps(big.length, b));
} finally {
  rmSync(dir, { recursive: true, force: true });
}
console.log(rows.join('\n'));
