import { lstatSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { keyCommand, keyHelp } from '../../../../electron/cli-commands/key-command';
import { readKeyFile } from '../../../../electron/store/crypto/keys/key-file';

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (l: string) => out.push(l), err: (l: string) => err.push(l) }, out, err };
}

describe('sextant key generate', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'sextant-key-cmd-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('writes a 0600 key file, prints its path and a reminder, and never the key', async () => {
    const path = join(dir, 'store.key');
    const { io, out, err } = capture();
    expect(await keyCommand(['generate', '--out', path], io)).toBe(0);
    const text = readFileSync(path, 'latin1');
    expect(text).toMatch(/^[0-9a-f]{64}\n$/);
    if (process.platform !== 'win32') expect(lstatSync(path).mode & 0o777).toBe(0o600);
    expect(readKeyFile(path).length).toBe(32);
    expect(out).toEqual([`wrote a new key to ${path} (mode 0600)`, 'Keep a copy of this key somewhere safe: a store encrypted with it cannot be opened without it.']);
    expect(err).toEqual([]);
    const key = Buffer.from(text.trim(), 'hex');
    for (const enc of [key.toString('hex'), key.toString('base64')]) expect(out.join('\n')).not.toContain(enc);
  });

  it('refuses to overwrite a file, leaving it as it was', async () => {
    const path = join(dir, 'store.key');
    await keyCommand(['generate', '--out', path], capture().io);
    const before = readFileSync(path);
    const { io, out, err } = capture();
    expect(await keyCommand(['generate', '--out', path], io)).toBe(1);
    expect(readFileSync(path).equals(before)).toBe(true);
    expect(out).toEqual([]);
    expect(err).toEqual([`sextant key: ${path} already exists; a key file is never overwritten (choose another path, or move the old key away first)`]);
  });

  it('resolves a relative path against the working folder', async () => {
    const cwd = process.cwd();
    process.chdir(dir);
    try {
      const { io, out } = capture();
      expect(await keyCommand(['generate', '--out', 'rel.key'], io)).toBe(0);
      expect(out[0]).toBe(`wrote a new key to ${join(process.cwd(), 'rel.key')} (mode 0600)`);
    } finally {
      process.chdir(cwd);
    }
  });

  it('shows usage for a missing --out, an unknown action or extra arguments, and help on --help', async () => {
    for (const argv of [['generate'], ['make', '--out', join(dir, 'x')], ['generate', 'extra', '--out', join(dir, 'y')]]) {
      const { io, err } = capture();
      expect(await keyCommand(argv, io)).toBe(2);
      expect(err.join('\n')).toContain(keyHelp);
    }
    const { io, out } = capture();
    expect(await keyCommand(['--help'], io)).toBe(0);
    expect(out).toEqual([keyHelp]);
    expect(await keyCommand([], capture().io)).toBe(2);
    expect(() => lstatSync(join(dir, 'x'))).toThrow();
  });
});
