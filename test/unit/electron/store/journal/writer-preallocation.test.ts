import { cpSync, existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scanJournal } from '../../../../../electron/store/journal-reader';
import { recoverJournal, SPARE_SEGMENT } from '../../../../../electron/store/journal-segments';
import { JournalWriter, type JournalWriterOptions } from '../../../../../electron/store/journal-writer';
import { defaultDurableWrites, nodeSegmentIo, type DurableWrites, type SegmentIo } from '../../../../../electron/store/journal/segment-io';
import { useTempDirs } from '../../../../support/temp-dir';

const tempDir = useTempDirs();
const EXTENT = 4096;
const LEAD = 1024;
/** 112 payload bytes + the 16-byte header: 128-byte records, so extents (at multiples of 128) end exactly after one. */
const payload = (seq: number) => Buffer.alloc(112, seq % 251);
const RECORD = 128;

/** Node's file operations, counted, with zero-fills that can be held at a gate. */
function instrumentedIo() {
  const counts = { recordWrites: 0, zeroWrites: 0, datasyncs: 0 };
  let gate: Promise<void> | null = null;
  let openGate = () => {};
  const isZeros = (bufs: Buffer[]) => bufs.every((b) => b.every((x) => x === 0));
  const io: SegmentIo = {
    ...nodeSegmentIo,
    async writeAt(fd, bufs, position) {
      if (isZeros(bufs)) {
        counts.zeroWrites++;
        if (gate) await gate;
      } else counts.recordWrites++;
      return nodeSegmentIo.writeAt(fd, bufs, position);
    },
    async datasync(fd) {
      counts.datasyncs++;
      return nodeSegmentIo.datasync(fd);
    },
  };
  return {
    io,
    counts,
    holdZeroFills() {
      gate = new Promise((r) => (openGate = r));
    },
    releaseZeroFills() {
      gate = null;
      openGate();
    },
  };
}

const options = (mode: DurableWrites, io: SegmentIo = nodeSegmentIo): JournalWriterOptions => ({ extentBytes: EXTENT, leadBytes: LEAD, durableWrites: mode, io });

async function appendSequentially(w: JournalWriter, from: number, to: number): Promise<void> {
  for (let seq = from; seq <= to; seq++) await w.append(seq, payload(seq));
}

/** Waits (without a clock) until `cond` holds, letting the thread pool work. */
async function until(cond: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 10_000; i++) {
    if (cond()) return;
    await new Promise((r) => setImmediate(r));
  }
  throw new Error(`never happened: ${what}`);
}

function expectRecords(path: string, from: number, to: number): void {
  const scan = scanJournal(path);
  expect(scan.tornTail).toBeUndefined();
  expect(scan.records.map((r) => r.seq)).toEqual(Array.from({ length: to - from + 1 }, (_, i) => from + i));
  for (const r of scan.records) expect(r.payload.equals(payload(r.seq)), `payload of ${r.seq}`).toBe(true);
}

describe('durable writes', () => {
  it('chooses O_DSYNC writes on Linux only', () => {
    expect(defaultDurableWrites('linux', { O_DSYNC: 4096 })).toBe('dsync');
    expect(defaultDurableWrites('linux', {})).toBe('fdatasync');
    expect(defaultDurableWrites('darwin', { O_DSYNC: 4194304 })).toBe('fdatasync'); // O_DSYNC there skips the drive cache flush
    expect(defaultDurableWrites('win32', {})).toBe('fdatasync');
  });

  for (const [mode, syncsPerFlush] of [['dsync', 0], ['fdatasync', 1]] as const) {
    it(`${mode}: one write${syncsPerFlush ? ' and one fdatasync' : ''} per flush, shared by the appends that queued meanwhile`, async () => {
      const dir = tempDir();
      const t = instrumentedIo();
      const w = new JournalWriter(join(dir, 'a.log'), { ...options(mode, t.io), leadBytes: 1024 * 1024 }); // no zero-fill in the counts
      await appendSequentially(w, 1, 5);
      expect(t.counts).toEqual({ recordWrites: 5, zeroWrites: 0, datasyncs: 5 * syncsPerFlush });
      // 16 appends in one tick: the first starts a flush alone, the other 15 join the next one.
      await Promise.all(Array.from({ length: 16 }, (_, i) => w.append(6 + i, payload(6 + i))));
      expect(t.counts).toEqual({ recordWrites: 7, zeroWrites: 0, datasyncs: 7 * syncsPerFlush });
      await w.close();
      expectRecords(join(dir, 'a.log'), 1, 21);
    });
  }
});

describe.each(['dsync', 'fdatasync'] as const)('journal preallocation (%s)', (mode) => {
  it('leaves a segment that stays under the lead as it was without preallocation', async () => {
    const dir = tempDir();
    const path = join(dir, 'a.log');
    const t = instrumentedIo();
    const w = new JournalWriter(path, options(mode, t.io));
    await appendSequentially(w, 1, LEAD / RECORD - 1);
    await w.drain();
    expect(t.counts.zeroWrites).toBe(0);
    expect(statSync(path).size).toBe(LEAD - RECORD);
    expect(w.size).toBe(LEAD - RECORD);
    await w.close();
  });

  it('preallocates extents ahead of the records; records crossing and ending at extent boundaries read back whole', async () => {
    const dir = tempDir();
    const path = join(dir, 'a.log');
    const w = new JournalWriter(path, options(mode));
    const n = 200; // 25,600 bytes: the lead, then extents at 2048, 6144, 10240, ...
    await appendSequentially(w, 1, n);
    await w.drain();
    expect(w.size).toBe(n * RECORD); // the records, not the preallocated length
    await until(() => (statSync(path).size - 2 * LEAD) % EXTENT === 0 && statSync(path).size >= n * RECORD + EXTENT / 2, 'the extent ahead filled');
    const scan = scanJournal(path);
    expect(scan.zeroTail?.offset).toBe(n * RECORD);
    expectRecords(path, 1, n);
    await w.close();
    expect(statSync(path).size).toBe(n * RECORD); // a clean close gives the zeros back
    expectRecords(path, 1, n);
  });

  it('writes records into preallocated extents without growing the file', async () => {
    const dir = tempDir();
    const path = join(dir, 'a.log');
    const w = new JournalWriter(path, { ...options(mode), extentBytes: 64 * 1024 });
    await appendSequentially(w, 1, LEAD / RECORD); // reaches the lead: the first extent is filled at 2 * LEAD
    await until(() => statSync(path).size === 2 * LEAD + 64 * 1024, 'the first extent filled');
    await appendSequentially(w, LEAD / RECORD + 1, 200);
    await w.drain();
    expect(statSync(path).size).toBe(2 * LEAD + 64 * 1024);
    await w.close();
    expectRecords(path, 1, 200);
  });

  it('prepares the next segment as a spare once a segment holds an extent, and switchTo renames it in', async () => {
    const dir = tempDir();
    const t = instrumentedIo();
    const w = new JournalWriter(join(dir, 'a.log'), options(mode, t.io));
    await appendSequentially(w, 1, EXTENT / RECORD);
    const spare = join(dir, SPARE_SEGMENT);
    await until(() => existsSync(spare) && statSync(spare).size === EXTENT, 'the spare filled');
    const cut = w.switchTo(join(dir, 'b.log')); // synchronous: the spare is b.log now
    expect(existsSync(spare)).toBe(false);
    expect(statSync(join(dir, 'b.log')).size).toBe(EXTENT);
    const zeroWritesBefore = t.counts.zeroWrites;
    await appendSequentially(w, EXTENT / RECORD + 1, EXTENT / RECORD + 8);
    expect(t.counts.zeroWrites).toBe(zeroWritesBefore); // landed in the spare's zeros
    expect(statSync(join(dir, 'b.log')).size).toBe(EXTENT);
    await cut;
    await w.close();
    expectRecords(join(dir, 'a.log'), 1, EXTENT / RECORD);
    expectRecords(join(dir, 'b.log'), EXTENT / RECORD + 1, EXTENT / RECORD + 8);
    expect(existsSync(spare)).toBe(false);
  });

  it('removes an unused spare and trims the segment to its records on close', async () => {
    const dir = tempDir();
    const w = new JournalWriter(join(dir, 'a.log'), options(mode));
    await appendSequentially(w, 1, EXTENT / RECORD + 1);
    await until(() => existsSync(join(dir, SPARE_SEGMENT)), 'the spare created');
    await w.close();
    expect(readdirSync(dir)).toEqual(['a.log']);
    expect(statSync(join(dir, 'a.log')).size).toBe((EXTENT / RECORD + 1) * RECORD);
    expectRecords(join(dir, 'a.log'), 1, EXTENT / RECORD + 1);
  });

  it('switchTo while the spare is still being zero-filled: appends to it wait for the zeros, then land after them', async () => {
    const dir = tempDir();
    const t = instrumentedIo();
    const w = new JournalWriter(join(dir, 'a.log'), options(mode, t.io));
    await appendSequentially(w, 1, EXTENT / RECORD - 1);
    t.holdZeroFills();
    await w.append(EXTENT / RECORD, payload(EXTENT / RECORD)); // reaches an extent: the spare is created, its fill held
    await until(() => existsSync(join(dir, SPARE_SEGMENT)), 'the spare created');
    const cut = w.switchTo(join(dir, 'b.log'));
    let durable = false;
    const appended = Promise.all([1, 2, 3].map((i) => w.append(EXTENT / RECORD + i, payload(EXTENT / RECORD + i)))).then(() => (durable = true));
    await until(() => t.counts.zeroWrites > 0, 'a zero-fill started');
    for (let i = 0; i < 50; i++) await new Promise((r) => setImmediate(r));
    expect(durable).toBe(false); // a record never races the zeros of its extent
    t.releaseZeroFills();
    await appended;
    await cut;
    await w.close();
    expectRecords(join(dir, 'a.log'), 1, EXTENT / RECORD);
    expectRecords(join(dir, 'b.log'), EXTENT / RECORD + 1, EXTENT / RECORD + 3);
  });

  it('switchTo while the current segment is being zero-filled cuts at once and closes the old segment after its fill', async () => {
    const dir = tempDir();
    const t = instrumentedIo();
    const w = new JournalWriter(join(dir, 'a.log'), options(mode, t.io));
    await appendSequentially(w, 1, LEAD / RECORD - 1);
    t.holdZeroFills();
    await w.append(LEAD / RECORD, payload(LEAD / RECORD)); // reaches the lead: a.log's first extent, held
    await until(() => t.counts.zeroWrites > 0, 'the fill started');
    const cut = w.switchTo(join(dir, 'b.log'));
    await appendSequentially(w, LEAD / RECORD + 1, LEAD / RECORD + 4); // b.log is not held by a.log's fill
    t.releaseZeroFills();
    await cut;
    await w.close();
    expectRecords(join(dir, 'a.log'), 1, LEAD / RECORD);
    expectRecords(join(dir, 'b.log'), LEAD / RECORD + 1, LEAD / RECORD + 4);
  });

  it('switchTo to the name of the current segment while it is empty keeps appending to it', async () => {
    const dir = tempDir();
    const w = new JournalWriter(join(dir, 'a.log'), options(mode));
    await w.switchTo(join(dir, 'a.log'));
    await appendSequentially(w, 1, 3);
    await w.close();
    expect(readdirSync(dir)).toEqual(['a.log']);
    expectRecords(join(dir, 'a.log'), 1, 3);
  });

  it('when the spare cannot be renamed, switchTo opens the new segment itself and the spare goes', async () => {
    const dir = tempDir();
    const io: SegmentIo = {
      ...nodeSegmentIo,
      rename: () => {
        throw Object.assign(new Error('EPERM: operation not permitted, rename'), { code: 'EPERM' });
      },
    };
    const w = new JournalWriter(join(dir, 'a.log'), options(mode, io));
    await appendSequentially(w, 1, EXTENT / RECORD);
    await until(() => existsSync(join(dir, SPARE_SEGMENT)), 'the spare created');
    const cut = w.switchTo(join(dir, 'b.log'));
    await appendSequentially(w, EXTENT / RECORD + 1, EXTENT / RECORD + 3);
    await cut;
    await w.close();
    expect(readdirSync(dir).sort()).toEqual(['a.log', 'b.log']);
    expectRecords(join(dir, 'b.log'), EXTENT / RECORD + 1, EXTENT / RECORD + 3);
  });

  it('goes on without preallocation when a zero-fill fails (a full disk, say)', async () => {
    const dir = tempDir();
    const path = join(dir, 'a.log');
    const t = instrumentedIo();
    const failing: SegmentIo = {
      ...t.io,
      async writeAt(fd, bufs, position) {
        if (bufs.every((b) => b.every((x) => x === 0))) throw Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' });
        return t.io.writeAt(fd, bufs, position);
      },
    };
    const w = new JournalWriter(path, options(mode, failing));
    await appendSequentially(w, 1, 100);
    expect(w.failed).toBeNull();
    await w.close();
    expectRecords(path, 1, 100);
    expect(statSync(path).size).toBe(100 * RECORD);
  });

  it('a kill at any moment leaves segments that recover to a prefix holding every acknowledged record', async () => {
    const dir = tempDir();
    const jdir = join(dir, 'journal');
    mkdirSync(jdir);
    const name = (seq: number) => `${String(seq).padStart(16, '0')}.log`;
    const w = new JournalWriter(join(jdir, name(1)), options(mode));
    let acked = 0;
    let seq = 0;
    const snapshots: { copy: string; acked: number }[] = [];
    for (let round = 0; round < 12; round++) {
      const batch = Array.from({ length: 40 }, () => {
        const s = ++seq;
        return w.append(s, payload(s)).then(() => (acked = Math.max(acked, s)));
      });
      if (round % 4 === 3) void w.switchTo(join(jdir, name(seq + 1)));
      // What a SIGKILL leaves now (page cache included): a copy of the folder.
      const copy = tempDir();
      const ackedNow = acked;
      cpSync(dir, copy, { recursive: true });
      snapshots.push({ copy, acked: ackedNow });
      await Promise.all(batch);
    }
    await w.close();
    for (const { copy, acked: ackedThen } of snapshots) {
      const { records } = recoverJournal(copy, 0, () => {});
      expect(records.length).toBeGreaterThanOrEqual(ackedThen);
      records.forEach((r, i) => expect(r.seq).toBe(i + 1));
      expect(readdirSync(join(copy, 'journal'))).not.toContain(SPARE_SEGMENT);
    }
  });
});
