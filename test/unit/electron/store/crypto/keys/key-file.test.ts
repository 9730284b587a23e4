import { lstatSync, mkdirSync, readFileSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { StoreKeyError } from '../../../../../../electron/store/crypto/keys/key-errors';
import { readKeyFile, writeNewKeyFile } from '../../../../../../electron/store/crypto/keys/key-file';
import { encodingsOf, keyFileAt, tempDir } from './fixtures';

const posix = process.platform !== 'win32';
const KEY = Buffer.from('f00dfeedcafe0123456789abcdef0011f00dfeedcafe0123456789abcdef0011', 'hex');

function refusal(fn: () => unknown): StoreKeyError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(StoreKeyError);
    expect((err as StoreKeyError).code).toBe('key-file-refused');
    return err as StoreKeyError;
  }
  throw new Error('expected a refusal');
}

describe('readKeyFile', () => {
  let dir: string;
  let cleanup: () => void;
  beforeEach(() => ({ dir, cleanup } = tempDir()));
  afterEach(() => cleanup());

  it.each([
    ['32 raw bytes', KEY],
    ['64 hex characters', KEY.toString('hex')],
    ['64 hex characters and a newline', `${KEY.toString('hex')}\n`],
    ['64 upper-case hex characters', KEY.toString('hex').toUpperCase()],
  ])('reads %s', (_what, content) => {
    const key = readKeyFile(keyFileAt(dir, 'k', content));
    expect(key.bytes.equals(KEY)).toBe(true);
  });

  it.runIf(posix).each([0o644, 0o640, 0o604, 0o620, 0o602, 0o660, 0o666])('refuses a key file with mode %o, naming the file and the fix', (mode) => {
    const path = keyFileAt(dir, 'shared.key', `${KEY.toString('hex')}\n`, mode);
    const err = refusal(() => readKeyFile(path));
    expect(err.message).toBe(`key file ${path} can be read or written by other users; run \`chmod 600 ${path}\` and try again`);
  });

  it('accepts 0400, and ignores mode bits on Windows', () => {
    expect(readKeyFile(keyFileAt(dir, 'ro', KEY, 0o400)).bytes.equals(KEY)).toBe(true);
    expect(readKeyFile(keyFileAt(dir, 'open', KEY, 0o644), 'win32').bytes.equals(KEY)).toBe(true);
  });

  it.each([
    [0, Buffer.alloc(0), 'holds 0 bytes'],
    [31, KEY.subarray(0, 31), 'holds 31 bytes'],
    [33, Buffer.concat([KEY, Buffer.from([1])]), 'holds 33 bytes'],
    [63, KEY.toString('hex').slice(0, 63), 'holds 63 bytes'],
    [65, `${KEY.toString('hex')}\r`, 'holds 65 bytes'],
    [66, `${KEY.toString('hex')}\r\n`, 'holds more than 65 bytes'],
    [4096, Buffer.alloc(4096, 0x61), 'holds more than 65 bytes'],
  ])('refuses a file of %i bytes, clearly', (_n, content, says) => {
    const path = keyFileAt(dir, 'k', content);
    const err = refusal(() => readKeyFile(path));
    expect(err.message).toContain(`key file ${path} ${says}; a key file holds 32 raw bytes or 64 hex characters`);
    expect(err.message).toContain("(`sextant key generate --out FILE` makes one)");
  });

  it('refuses 64 characters that are not hex, without echoing them', () => {
    const content = `${KEY.toString('hex').slice(0, 63)}g`;
    const err = refusal(() => readKeyFile(keyFileAt(dir, 'k', content)));
    expect(err.message).toMatch(/not all hex digits/);
    expect(err.message).not.toContain(content.slice(0, 16));
  });

  it('refuses a missing file and a folder', () => {
    expect(refusal(() => readKeyFile(join(dir, 'none'))).message).toBe(`key file ${join(dir, 'none')} does not exist`);
    mkdirSync(join(dir, 'sub'), { mode: 0o700 });
    expect(refusal(() => readKeyFile(join(dir, 'sub'))).message).toMatch(/is not a regular file/);
  });

  it('never puts the key in a message', () => {
    const messages = [
      refusal(() => readKeyFile(keyFileAt(dir, 'a', `${KEY.toString('hex')}\n`, 0o644))).message,
      refusal(() => readKeyFile(keyFileAt(dir, 'b', Buffer.concat([KEY, KEY])))).message,
      refusal(() => readKeyFile(keyFileAt(dir, 'c', `${KEY.toString('hex')}\n\n`))).message,
    ];
    for (const msg of messages) for (const enc of encodingsOf(KEY)) expect(msg).not.toContain(enc);
  });
});

describe('writeNewKeyFile', () => {
  let dir: string;
  let cleanup: () => void;
  beforeEach(() => ({ dir, cleanup } = tempDir()));
  afterEach(() => cleanup());

  it('writes 64 hex characters and a newline, mode 0600, that readKeyFile reads back', () => {
    const path = join(dir, 'store.key');
    writeNewKeyFile(path);
    const text = readFileSync(path, 'latin1');
    expect(text).toMatch(/^[0-9a-f]{64}\n$/);
    if (posix) expect(lstatSync(path).mode & 0o777).toBe(0o600);
    expect(readKeyFile(path).bytes.toString('hex')).toBe(text.trim());
  });

  it('makes a different key each time', () => {
    writeNewKeyFile(join(dir, 'a'));
    writeNewKeyFile(join(dir, 'b'));
    expect(readFileSync(join(dir, 'a'), 'latin1')).not.toBe(readFileSync(join(dir, 'b'), 'latin1'));
  });

  it('never overwrites a file, nor follows a symlink', () => {
    const path = join(dir, 'store.key');
    writeNewKeyFile(path);
    const before = readFileSync(path);
    expect(refusal(() => writeNewKeyFile(path)).message).toBe(`${path} already exists; a key file is never overwritten (choose another path, or move the old key away first)`);
    expect(readFileSync(path).equals(before)).toBe(true);
    const link = join(dir, 'link.key');
    symlinkSync(join(dir, 'target.key'), link);
    refusal(() => writeNewKeyFile(link));
    expect(() => lstatSync(join(dir, 'target.key'))).toThrow();
  });

  it('says when the folder does not exist', () => {
    expect(refusal(() => writeNewKeyFile(join(dir, 'nope', 'k'))).message).toMatch(/its folder does not exist/);
  });
});
