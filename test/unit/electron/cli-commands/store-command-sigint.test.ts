// A real Ctrl-C (SIGINT) to `sextant store encrypt` running in its own process: it cancels,
// removes the partial copy, exits 130, and the store is as it was.
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { writeNewKeyFile } from '../../../../electron/store/crypto/keys';
import { fingerprintStore, seedStore } from '../../../support/convert-fixture';
import { repoRoot } from '../../../support/paths';
import { useTempDirs } from '../../../support/temp-dir';

const tempDir = useTempDirs();

const CHILD = `
const { storeCommand } = await import(process.env.COMMAND_URL);
process.exitCode = await storeCommand(['encrypt', '--store', process.env.STORE, '--key-file', process.env.KEY]);
`;

describe('sextant store encrypt and Ctrl-C', () => {
  it('SIGINT during the copy: exit 130, one line saying so, no copy left, the store as it was', { timeout: 120_000 }, async () => {
    const dir = join(tempDir(), 'store');
    await seedStore(dir, { runs: 4, points: 20_000, artifactBytes: 3_000_000 });
    const before = await fingerprintStore(dir);
    const key = join(tempDir(), 'store.key');
    writeNewKeyFile(key);
    const { code, stderr, stdout } = await new Promise<{ code: number | null; stderr: string; stdout: string }>((resolve, reject) => {
      const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', CHILD], {
        cwd: repoRoot,
        env: { ...process.env, COMMAND_URL: pathToFileURL(join(repoRoot, 'electron/cli-commands/store-command.ts')).href, STORE: dir, KEY: key },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let err = '';
      let out = '';
      child.stdout.on('data', (d: Buffer) => (out += d.toString()));
      child.stderr.on('data', (d: Buffer) => {
        const first = !/items/.test(err);
        err += d.toString();
        if (first && /items/.test(err)) child.kill('SIGINT'); // the first progress line: the copy has begun
      });
      child.on('error', reject);
      child.on('exit', (c) => resolve({ code: c, stderr: err, stdout: out }));
    });
    expect(stdout).toBe('');
    expect(stderr).toMatch(/\d+\/\d+ items/);
    expect(stderr).toContain(`sextant store encrypt: conversion of store ${dir} cancelled; the store is as it was\n`);
    expect(code).toBe(130);
    expect(readdirSync(dirname(dir)).filter((n) => n !== basename(dir))).toEqual([]);
    expect(await fingerprintStore(dir)).toEqual(before);
  });
});
