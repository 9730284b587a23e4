import { createHash } from 'node:crypto';
import { BundleDamagedError } from './body-reader';
import { decodeFrameHead, DIGEST_BYTES, FRAME, FRAME_HEAD_BYTES } from './bundle-frames';
import type { Part } from './bundle-catalog';
import type { BundleHead } from './read-bundle';

const BLOCK = 1024 * 1024;

export const partLength = (p: Part) => (p.kind === 'series' ? p.points * 24 : p.size);

export interface VerifyOptions {
  signal?: AbortSignal;
  /** Body bytes checked, as it goes. */
  onBytes?(n: number): void;
}

/**
 * Reads the whole bundle once and checks everything: each frame's SHA-256, that the parts are
 * the catalog's, in its order and of its sizes, and the end frame's checksum of every byte
 * before it (an encrypted bundle's chunks are authenticated as they are read). Throws a
 * BundleDamagedError at the first thing wrong; answers where each part's data starts.
 */
export async function verifyBundle(head: BundleHead, opts: VerifyOptions = {}): Promise<number[]> {
  const { body, catalog } = head;
  const whole = createHash('sha256').update(body.header.bytes);
  const hashRange = async (from: number, to: number, frame?: ReturnType<typeof createHash>) => {
    for (let at = from; at < to; ) {
      opts.signal?.throwIfAborted();
      const buf = await body.read(at, Math.min(BLOCK, to - at));
      if (!buf.length) throw new BundleDamagedError('the bundle is truncated');
      whole.update(buf);
      frame?.update(buf);
      at += buf.length;
      opts.onBytes?.(buf.length);
    }
  };
  await hashRange(0, head.partsStart);
  const starts: number[] = [];
  let at = head.partsStart;
  for (const [i, part] of catalog.parts.entries()) {
    const name = `part ${i + 1} of ${catalog.parts.length} (${part.kind === 'model-artifact' ? `model ${part.modelId}` : `run ${part.runId}`}: ${part.kind === 'series' ? part.key : part.path})`;
    const headBuf = await body.read(at, FRAME_HEAD_BYTES);
    if (headBuf.length < FRAME_HEAD_BYTES) throw new BundleDamagedError(`the bundle is truncated at ${name}`);
    const fh = decodeFrameHead(headBuf);
    if (fh.type !== FRAME.part || fh.part !== i || fh.length !== partLength(part)) throw new BundleDamagedError(`the bundle is damaged at ${name} (its frame header is not what the catalog says)`);
    const frame = createHash('sha256').update(headBuf);
    whole.update(headBuf);
    opts.onBytes?.(FRAME_HEAD_BYTES);
    starts.push(at + FRAME_HEAD_BYTES);
    const end = at + FRAME_HEAD_BYTES + fh.length;
    await hashRange(at + FRAME_HEAD_BYTES, end, frame);
    const digest = await body.read(end, DIGEST_BYTES);
    if (digest.length < DIGEST_BYTES) throw new BundleDamagedError(`the bundle is truncated at ${name}`);
    if (!frame.digest().equals(digest)) throw new BundleDamagedError(`the bundle is damaged at ${name} (checksum mismatch)`);
    whole.update(digest);
    opts.onBytes?.(DIGEST_BYTES);
    at = end + DIGEST_BYTES;
  }
  const expected = whole.digest();
  const endHead = await body.read(at, FRAME_HEAD_BYTES);
  if (endHead.length < FRAME_HEAD_BYTES) throw new BundleDamagedError('the bundle is truncated (its end frame is missing)');
  const eh = decodeFrameHead(endHead);
  if (eh.type !== FRAME.end || eh.part !== catalog.parts.length || eh.length !== DIGEST_BYTES) throw new BundleDamagedError('the bundle is damaged (its end frame is not where the catalog says)');
  const rest = await body.read(at + FRAME_HEAD_BYTES, 2 * DIGEST_BYTES);
  if (rest.length < 2 * DIGEST_BYTES) throw new BundleDamagedError('the bundle is truncated inside its end frame');
  const recorded = rest.subarray(0, DIGEST_BYTES);
  if (!createHash('sha256').update(endHead).update(recorded).digest().equals(rest.subarray(DIGEST_BYTES))) throw new BundleDamagedError('the bundle is damaged (its end frame checksum)');
  if (!recorded.equals(expected)) throw new BundleDamagedError('the bundle is damaged (the checksum of the whole bundle does not match)');
  if (at + FRAME_HEAD_BYTES + 2 * DIGEST_BYTES !== body.length) throw new BundleDamagedError('the bundle has bytes after its end frame');
  opts.onBytes?.(FRAME_HEAD_BYTES + 2 * DIGEST_BYTES);
  return starts;
}
