// In-process measurement behind the bench's artifacts rows (issue 12): the CPU of sealing a 64 MiB
// upload as `sextant serve` does (createSealStream, 64 KiB chunks) against a pass-through stream,
// the same stream with bigger chunks, and a variant that seals without the two extra copies
// (no staging copy of input that already holds a whole chunk; nonce, ciphertext and tag pushed as
// three pieces instead of copied into one buffer). Every variant's output is opened with
// createOpenStream and compared with the input. By default nothing touches the disk (the cipher path
// alone); with `disk` the output goes to a file in the temp folder through createWriteStream, as
// writeArtifact does (no fsync), to see what writing the sealed pieces adds.
//   node --import tsx test/bench/micro/seal-stream.measure.ts [MiB] [reps] [disk]
import { createCipheriv, randomBytes } from 'node:crypto';
import { createWriteStream, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable, Transform, type TransformCallback, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { NONCE_BYTES, randomNonce } from '../../../electron/store/crypto/sealed/aead';
import { chunkAad, DEFAULT_CHUNK_BYTES, newStreamHeader, type StreamHeader } from '../../../electron/store/crypto/sealed/stream-format';
import { createOpenStream, createSealStream } from '../../../electron/store/crypto/sealed/stream-transforms';
import { median } from '../stats';

const SOCKET_PIECE = 64 * 1024; // what an HTTP request body arrives in

/** The same SXE1 stream as createSealStream, sealed without the staging and output copies. */
function createSealStreamUncopied(key: Uint8Array, chunkBytes = DEFAULT_CHUNK_BYTES): Transform {
  const header: StreamHeader = newStreamHeader(chunkBytes);
  const staging = Buffer.allocUnsafe(chunkBytes);
  let filled = 0;
  let index = 0;
  let headerSent = false;
  const seal = (stream: Transform, plain: Uint8Array, last: boolean) => {
    const nonce = randomNonce();
    const cipher = createCipheriv('aes-256-gcm', key, nonce, { authTagLength: 16 });
    cipher.setAAD(chunkAad(header, index++, last));
    stream.push(nonce);
    stream.push(cipher.update(plain));
    cipher.final();
    stream.push(cipher.getAuthTag());
  };
  return new Transform({
    transform(data: Buffer, _enc, done: TransformCallback) {
      if (!headerSent) this.push(header.bytes);
      headerSent = true;
      let at = 0;
      while (at < data.length) {
        if (filled === chunkBytes) {
          seal(this, staging, false);
          filled = 0;
        }
        // a whole chunk in the input, more after it: sealed from the input itself, not staged
        if (filled === 0 && data.length - at > chunkBytes) {
          seal(this, data.subarray(at, at + chunkBytes), false);
          at += chunkBytes;
          continue;
        }
        const n = Math.min(chunkBytes - filled, data.length - at);
        data.copy(staging, filled, at, at + n);
        filled += n;
        at += n;
      }
      done();
    },
    flush(done: TransformCallback) {
      if (!headerSent) this.push(header.bytes);
      seal(this, staging.subarray(0, filled), true);
      done();
    },
  });
}

function pieces(buf: Buffer): Readable {
  return Readable.from((function* () {
    for (let at = 0; at < buf.length; at += SOCKET_PIECE) yield buf.subarray(at, at + SOCKET_PIECE);
  })());
}

const toDisk = process.argv[4] === 'disk';
const diskFile = join(tmpdir(), `seal-stream-measure-${process.pid}.bin`);

async function cpuOf(buf: Buffer, make: () => Transform): Promise<{ cpuMs: number; out: Buffer[] }> {
  const out: Buffer[] = [];
  const sink = toDisk ? createWriteStream(diskFile) : new Writable({ write(c: Buffer, _e, cb) { out.push(c); cb(); } });
  const c0 = process.cpuUsage();
  await pipeline(pieces(buf), make(), sink);
  const c = process.cpuUsage(c0);
  return { cpuMs: (c.user + c.system) / 1000, out };
}

async function opensTo(key: Buffer, sealed: Buffer[], plain: Buffer): Promise<boolean> {
  const got: Buffer[] = [];
  await pipeline(Readable.from(sealed), createOpenStream(key), new Writable({ write(c: Buffer, _e, cb) { got.push(c); cb(); } }));
  return Buffer.concat(got).equals(plain);
}

const mib = Number(process.argv[2] ?? 64);
const reps = Number(process.argv[3] ?? 7);
const key = randomBytes(32);
const plain = randomBytes(mib * 1024 * 1024);
const variants: [string, () => Transform, boolean][] = [
  ['pass-through (plain store)', () => new PassThrough(), false],
  ['createSealStream 64 KiB (as today)', () => createSealStream(key), true],
  ['createSealStream 256 KiB chunks', () => createSealStream(key, { chunkBytes: 256 * 1024 }), true],
  ['createSealStream 1 MiB chunks', () => createSealStream(key, { chunkBytes: 1024 * 1024 }), true],
  ['uncopied 64 KiB', () => createSealStreamUncopied(key), true],
  ['uncopied 256 KiB', () => createSealStreamUncopied(key, 256 * 1024), true],
];
const times = new Map<string, number[]>(variants.map(([n]) => [n, []]));
for (let r = 0; r < reps; r++) {
  for (const [name, make, sealed] of variants) {
    const { cpuMs, out } = await cpuOf(plain, make);
    times.get(name)?.push(cpuMs);
    if (r === 0 && sealed && !toDisk && !(await opensTo(key, out, plain))) throw new Error(`${name}: output does not open to the input`);
  }
}
if (toDisk) rmSync(diskFile, { force: true });
console.log(`${mib} MiB in ${SOCKET_PIECE / 1024} KiB pieces${toDisk ? ', written to a file' : ''}, CPU ms (median of ${reps}, variants interleaved; ${NONCE_BYTES}-byte nonces)`);
for (const [name, t] of times) console.log(`${median(t).toFixed(0).padStart(6)} ms  ${name}   [${t.map((x) => x.toFixed(0)).join(' ')}]`);
