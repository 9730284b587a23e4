import { BodyReader, BundleDamagedError } from './body-reader';
import { BundleCatalog, BundleManifest } from './bundle-catalog';
import { decodeFrameHead, DIGEST_BYTES, FRAME, FRAME_HEAD_BYTES } from './bundle-frames';
import { fromBundleJson } from './bundle-json';
import { createHash } from 'node:crypto';

/** A bundle's manifest and catalog, read from its first frames (the rest of the file is not read). */
export interface BundleHead {
  body: BodyReader;
  manifest: BundleManifest;
  catalog: BundleCatalog;
  /** Where the first part's frame starts in the body. */
  partsStart: number;
}

/** Reads one whole frame of the expected type at `offset` and checks its SHA-256. */
async function readWholeFrame(body: BodyReader, offset: number, type: number, what: string, maxBytes = 1 << 30): Promise<{ data: Buffer; next: number }> {
  const headBuf = await body.read(offset, FRAME_HEAD_BYTES);
  if (headBuf.length < FRAME_HEAD_BYTES) throw new BundleDamagedError(`the bundle is truncated before its ${what}`);
  const head = decodeFrameHead(headBuf);
  if (head.type !== type || head.length > maxBytes) throw new BundleDamagedError(`the bundle's ${what} is damaged (bad frame header)`);
  const rest = await body.read(offset + FRAME_HEAD_BYTES, head.length + DIGEST_BYTES);
  if (rest.length < head.length + DIGEST_BYTES) throw new BundleDamagedError(`the bundle is truncated inside its ${what}`);
  const data = rest.subarray(0, head.length);
  const digest = createHash('sha256').update(headBuf).update(data).digest();
  if (!digest.equals(rest.subarray(head.length))) throw new BundleDamagedError(`the bundle's ${what} is damaged (checksum mismatch)`);
  return { data, next: offset + FRAME_HEAD_BYTES + head.length + DIGEST_BYTES };
}

function parse<T>(schema: { safeParse(v: unknown): { success: true; data: T } | { success: false; error: { message: string } } }, data: Buffer, what: string): T {
  let json: unknown;
  try {
    json = fromBundleJson(data);
  } catch {
    throw new BundleDamagedError(`the bundle's ${what} is not valid JSON`);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw new BundleDamagedError(`the bundle's ${what} is not one this Sextant understands: ${parsed.error.message.slice(0, 300)}`);
  return parsed.data;
}

/** Opens a bundle and reads its manifest and catalog (cheap: the parts are not read). The caller closes `body`. */
export async function readBundleHead(path: string, passphrase?: string): Promise<BundleHead> {
  const body = await BodyReader.open(path, passphrase);
  try {
    const m = await readWholeFrame(body, 0, FRAME.manifest, 'manifest', 16 << 20);
    const manifest = parse(BundleManifest, m.data, 'manifest');
    const c = await readWholeFrame(body, m.next, FRAME.catalog, 'catalog');
    const catalog = parse(BundleCatalog, c.data, 'catalog');
    return { body, manifest, catalog, partsStart: c.next };
  } catch (err) {
    await body.close();
    throw err;
  }
}

/** Just the manifest (and catalog): what `export --since` and a preview need. */
export async function readBundleManifest(path: string, passphrase?: string): Promise<Omit<BundleHead, 'body' | 'partsStart'>> {
  const head = await readBundleHead(path, passphrase);
  await head.body.close();
  return { manifest: head.manifest, catalog: head.catalog };
}
