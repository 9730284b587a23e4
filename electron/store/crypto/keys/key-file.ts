import { closeSync, constants, fchmodSync, fstatSync, fsyncSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { KeyMaterial } from './key-material';
import { StoreKeyError } from './key-errors';

const KEY_BYTES = 32;
const HEX_CHARS = KEY_BYTES * 2;
/** Read a little more than the largest valid file, to tell "too big" without reading a huge file. */
const READ_LIMIT = HEX_CHARS + 2;

const refused = (message: string) => new StoreKeyError('key-file-refused', message);
const MAKE_ONE = "`sextant key generate --out FILE` makes one";

/**
 * The key in a key file: 32 raw bytes, or 64 hex characters with an optional trailing newline.
 * On POSIX a file that group or others may read or write is refused (like ssh does with private
 * keys). Checked on the open handle, so the file cannot be swapped between check and read.
 */
export function readKeyFile(path: string, platform: NodeJS.Platform = process.platform): KeyMaterial {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw refused(`key file ${path} does not exist`);
    if (code === 'EACCES' || code === 'EPERM') throw refused(`key file ${path} cannot be read (permission denied)`);
    throw refused(`key file ${path} cannot be opened (${code ?? 'error'})`);
  }
  const raw = Buffer.alloc(READ_LIMIT);
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) throw refused(`key file ${path} is not a regular file`);
    if (platform !== 'win32' && (stat.mode & 0o077) !== 0) {
      throw refused(`key file ${path} can be read or written by other users; run \`chmod 600 ${path}\` and try again`);
    }
    let size = 0;
    for (let n = -1; n !== 0 && size < READ_LIMIT; size += n) n = readSync(fd, raw, size, READ_LIMIT - size, null);
    return parseKeyFileBytes(raw.subarray(0, size), path);
  } finally {
    raw.fill(0);
    closeSync(fd);
  }
}

/** The key in a key file's bytes (see readKeyFile); the message names `path` but never the bytes. */
export function parseKeyFileBytes(bytes: Buffer, path: string): KeyMaterial {
  if (bytes.length === KEY_BYTES) return KeyMaterial.copyOf(bytes);
  const text = bytes.length === HEX_CHARS + 1 && bytes[HEX_CHARS] === 0x0a ? bytes.subarray(0, HEX_CHARS) : bytes;
  if (text.length === HEX_CHARS) {
    const key = decodeHex(text);
    if (!key) throw refused(`key file ${path} holds ${HEX_CHARS} characters that are not all hex digits; a key file holds 32 raw bytes or 64 hex characters (${MAKE_ONE})`);
    return new KeyMaterial(key);
  }
  const size = bytes.length >= READ_LIMIT ? `more than ${HEX_CHARS + 1} bytes` : `${bytes.length} bytes`;
  throw refused(`key file ${path} holds ${size}; a key file holds 32 raw bytes or 64 hex characters (${MAKE_ONE})`);
}

/** Hex digits to bytes without going through a string (strings cannot be zeroed); null if not hex. */
function decodeHex(text: Buffer): Buffer | null {
  const nibble = (c: number) => (c >= 0x30 && c <= 0x39 ? c - 0x30 : c >= 0x61 && c <= 0x66 ? c - 0x57 : c >= 0x41 && c <= 0x46 ? c - 0x37 : -1);
  const out = Buffer.alloc(text.length / 2);
  for (let i = 0; i < out.length; i++) {
    const hi = nibble(text[2 * i]!);
    const lo = nibble(text[2 * i + 1]!);
    if (hi < 0 || lo < 0) {
      out.fill(0);
      return null;
    }
    out[i] = (hi << 4) | lo;
  }
  return out;
}

/**
 * Writes a new random key to `path` as 64 hex characters and a newline, mode 0600, created
 * exclusively (an existing file, or a symlink, is never overwritten), fsynced with its folder.
 */
export function writeNewKeyFile(path: string): void {
  let fd: number;
  try {
    fd = openSync(path, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, 0o600);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') throw refused(`${path} already exists; a key file is never overwritten (choose another path, or move the old key away first)`);
    if (code === 'ENOENT') throw refused(`cannot write ${path}: its folder does not exist`);
    throw refused(`cannot write ${path} (${code ?? 'error'})`);
  }
  const key = KeyMaterial.random(KEY_BYTES);
  const text = hexLine(key.bytes);
  let written = false;
  try {
    fchmodSync(fd, 0o600);
    for (let at = 0; at < text.length; ) at += writeSync(fd, text, at);
    fsyncSync(fd);
    written = true;
  } finally {
    closeSync(fd);
    key.dispose();
    text.fill(0);
    if (!written) rmSync(path, { force: true });
  }
  syncFolder(dirname(path));
}

/** Lowercase hex and a newline, built in a buffer (a JS string could not be zeroed). */
function hexLine(bytes: Buffer): Buffer {
  const digits = '0123456789abcdef';
  const out = Buffer.alloc(bytes.length * 2 + 1);
  bytes.forEach((b, i) => {
    out[2 * i] = digits.charCodeAt(b >> 4);
    out[2 * i + 1] = digits.charCodeAt(b & 15);
  });
  out[out.length - 1] = 0x0a;
  return out;
}

function syncFolder(dir: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(dir, constants.O_RDONLY);
    fsyncSync(fd);
  } catch {
    // Windows cannot open a folder for fsync; the file itself is synced.
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
