import { readFileSync, writeFileSync, existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BundleDamagedError } from '../../../../electron/sync/bundle/body-reader';
import { SEALED_CHUNK_BYTES } from '../../../../electron/sync/bundle/bundle-cipher';
import { BundleFormatError } from '../../../../electron/sync/bundle/bundle-header';
import { PassphraseError } from '../../../../electron/sync/bundle/bundle-key';
import { readBundleHead, readBundleManifest } from '../../../../electron/sync/bundle/read-bundle';
import { partLength, verifyBundle } from '../../../../electron/sync/bundle/verify-bundle';
import { writeBundle } from '../../../../electron/sync/bundle/write-bundle';
import { useTempDirs } from '../../../support/temp-dir';
import { sampleContent, TEST_KDF } from './bundle-fixture';

const tempDir = useTempDirs();

/** Opens, verifies and reads back every part; throws what the reader throws. */
async function readAll(path: string, passphrase?: string) {
  const head = await readBundleHead(path, passphrase);
  try {
    const starts = await verifyBundle(head);
    const parts = await Promise.all(head.catalog.parts.map((p, i) => head.body.read(starts[i]!, partLength(p))));
    return { manifest: head.manifest, catalog: head.catalog, parts };
  } finally {
    await head.body.close();
  }
}

describe('bundle format', () => {
  it.each([
    ['in the clear', undefined],
    ['encrypted', 'correct horse'],
  ])('round-trips manifest, catalog (NaN, ±inf) and parts %s', async (_name, passphrase) => {
    const dir = tempDir();
    const content = sampleContent();
    const path = join(dir, 'out.sxb');
    await writeBundle(path, content, { passphrase, kdfCost: TEST_KDF });
    expect(readdirSync(dir)).toEqual(['out.sxb']); // no temp file left beside it
    const back = await readAll(path, passphrase);
    expect(back.manifest).toEqual(content.manifest);
    expect(back.catalog.loggedModels[0]!.metrics[0]!.value).toBeNaN();
    expect(back.catalog.runs).toEqual(content.catalog.runs);
    expect(new Float64Array(new Uint8Array(back.parts[0]!).buffer)).toEqual(content.points);
    expect(back.parts[1]!.equals(content.files.get('model/weights.bin')!)).toBe(true);
    expect(back.parts[2]!.toString()).toBe('hello\n');
    if (passphrase) expect(readFileSync(path).includes(Buffer.from('correct horse'))).toBe(false);
    if (passphrase) expect(readFileSync(path).includes(Buffer.from('mlflow-artifacts:/1/r1'))).toBe(false);
  });

  it('refuses a bundle with any one byte flipped, naming it damaged', async () => {
    const dir = tempDir();
    const path = join(dir, 'small.sxb');
    await writeBundle(path, sampleContent({ bigBytes: 200 }));
    const good = readFileSync(path);
    const bad = join(dir, 'bad.sxb');
    for (let at = 0; at < good.length; at++) {
      const copy = Buffer.from(good);
      copy[at] = copy[at]! ^ 0x10;
      writeFileSync(bad, copy);
      const err = await readAll(bad).then(() => null, (e: unknown) => e);
      expect(err, `byte ${at}`).toBeInstanceOf(Error);
      expect(err instanceof BundleDamagedError || err instanceof BundleFormatError, `byte ${at}: ${String(err)}`).toBe(true);
    }
  });

  it('refuses a bundle cut short at any length', async () => {
    const dir = tempDir();
    const path = join(dir, 'small.sxb');
    await writeBundle(path, sampleContent({ bigBytes: 200 }));
    const good = readFileSync(path);
    const bad = join(dir, 'bad.sxb');
    for (let len = 0; len < good.length; len++) {
      writeFileSync(bad, good.subarray(0, len));
      await expect(readAll(bad), `length ${len}`).rejects.toThrow(/truncated|damaged|not a Sextant bundle/);
    }
  });

  describe('encrypted', () => {
    const write = async (passphrase = 'pw') => {
      const path = join(tempDir(), 'enc.sxb');
      await writeBundle(path, sampleContent(), { passphrase, kdfCost: TEST_KDF });
      return path;
    };

    it('says a passphrase is needed, and refuses a wrong one as wrong (not damaged)', async () => {
      const path = await write();
      await expect(readAll(path)).rejects.toThrow(PassphraseError);
      await expect(readAll(path)).rejects.toThrow(/encrypted: give its passphrase/);
      await expect(readAll(path, 'PW')).rejects.toThrow(/wrong passphrase/);
      await expect(readAll(path, 'pw')).resolves.toBeTruthy();
    });

    it('refuses a tampered chunk, sampled across the file', async () => {
      const path = await write();
      const good = readFileSync(path);
      for (let at = 0; at < good.length; at += 9973) {
        const copy = Buffer.from(good);
        copy[at] = copy[at]! ^ 0x01;
        writeFileSync(path, copy);
        await expect(readAll(path, 'pw'), `byte ${at}`).rejects.toThrow(/damaged|truncated|out of order|not a Sextant bundle/);
      }
    });

    it('refuses reordered, dropped and cut-off chunks', async () => {
      const path = await write();
      const good = readFileSync(path);
      const H = 68; // the encrypted header's size
      const chunk = (i: number) => good.subarray(H + i * SEALED_CHUNK_BYTES, H + (i + 1) * SEALED_CHUNK_BYTES);
      const swapped = Buffer.concat([good.subarray(0, H), chunk(1), chunk(0), good.subarray(H + 2 * SEALED_CHUNK_BYTES)]);
      writeFileSync(path, swapped);
      await expect(readAll(path, 'pw')).rejects.toThrow(/out of order/);
      const dropped = Buffer.concat([good.subarray(0, H), chunk(0), good.subarray(H + 2 * SEALED_CHUNK_BYTES)]);
      writeFileSync(path, dropped);
      await expect(readAll(path, 'pw')).rejects.toThrow(/damaged|truncated|out of order/);
      writeFileSync(path, good.subarray(0, H + 2 * SEALED_CHUNK_BYTES)); // cut exactly at a chunk boundary
      await expect(readAll(path, 'pw')).rejects.toThrow(/damaged|truncated|out of order/);
    });
  });

  it('reads the manifest and catalog without reading the parts', async () => {
    const dir = tempDir();
    for (const passphrase of [undefined, 'pw']) {
      const path = join(dir, `m-${passphrase ?? 'plain'}.sxb`);
      const content = sampleContent();
      await writeBundle(path, content, { passphrase, kdfCost: TEST_KDF });
      const bytes = readFileSync(path);
      bytes[bytes.length - 1] = bytes[bytes.length - 1]! ^ 0xff; // the last part and end frame are damaged: a full read fails
      writeFileSync(path, bytes);
      const { manifest, catalog } = await readBundleManifest(path, passphrase);
      expect(manifest.bundleId).toBe('b-1');
      expect(catalog.parts).toHaveLength(3);
      await expect(readAll(path, passphrase)).rejects.toThrow(BundleDamagedError);
    }
  });

  it('leaves no file when writing fails midway', async () => {
    const dir = tempDir();
    const content = sampleContent();
    content.catalog.parts[1] = { ...content.catalog.parts[1]!, size: 10 } as typeof content.catalog.parts[1]; // the file is bigger than planned
    await expect(writeBundle(join(dir, 'x.sxb'), content)).rejects.toThrow(/grew while it was exported/);
    expect(existsSync(join(dir, 'x.sxb'))).toBe(false);
    expect(readdirSync(dir)).toEqual([]);
  });
});

describe('writeBundle after a killed export', () => {
  it('removes the temp file a dead export of the same file left, and only that', async () => {
    const dir = tempDir();
    const { spawnSync } = await import('node:child_process');
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']).stdout.toString(); // a pid that has ended
    writeFileSync(join(dir, `.out.sxb.partial-${dead}-abcd1234`), 'half a bundle');
    writeFileSync(join(dir, `.out.sxb.partial-${process.pid}-0000ffff`), 'an export of this process, still running');
    writeFileSync(join(dir, `.other.sxb.partial-${dead}-abcd1234`), 'another file\'s');
    await writeBundle(join(dir, 'out.sxb'), sampleContent({ bigBytes: 10 }));
    expect(readdirSync(dir).sort()).toEqual([`.other.sxb.partial-${dead}-abcd1234`, `.out.sxb.partial-${process.pid}-0000ffff`, 'out.sxb']);
  });
});
