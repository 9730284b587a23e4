import { createHash } from 'node:crypto';
import { basename } from 'node:path';
import { Readable } from 'node:stream';
import { SourceError, type ImportSource, type SourceChainLink, type SourceFile, type SourceLoggedModel, type SourcePoint, type SourceRun } from '../import/import-source';
import type { BodyReader } from './body-reader';
import type { BundleManifest, Part } from './bundle-catalog';
import { encodeFrameHead, DIGEST_BYTES, FRAME } from './bundle-frames';
import { readBundleHead } from './read-bundle';
import { partLength, verifyBundle } from './verify-bundle';

const BLOCK = 1024 * 1024;
const POINTS_PER_BATCH = 8192;

export interface OpenBundleOptions {
  passphrase?: string;
  signal?: AbortSignal;
  /** Bytes checked by the verifying pass, as it goes (of `total`). */
  onVerify?(done: number, total: number): void;
}

export interface BundleSource extends ImportSource {
  kind: 'bundle';
  manifest: BundleManifest;
  chain: SourceChainLink;
  /** Bytes of the artifact files it holds (what an import copies). */
  artifactBytes: number;
  /** Every byte was checked before the source was handed out. */
  checked: true;
}

interface Located {
  part: Part;
  index: number;
  start: number;
}

/**
 * Opens a bundle as an import source, after checking all of it (every checksum, the structure,
 * and for an encrypted bundle every chunk's authenticity) in one streaming pass: a bundle with a
 * damaged byte is refused here, before the importer writes anything. Parts are read again when
 * imported, and checked again as they are read (a file changed since is named, not imported).
 */
export async function openBundle(path: string, opts: OpenBundleOptions = {}): Promise<BundleSource> {
  const head = await readBundleHead(path, opts.passphrase);
  const { body, manifest, catalog } = head;
  let starts: number[];
  try {
    let done = 0;
    starts = await verifyBundle(head, { ...(opts.signal ? { signal: opts.signal } : {}), onBytes: (n) => opts.onVerify?.((done += n), body.length) });
  } catch (err) {
    await body.close();
    throw err;
  }
  const located = catalog.parts.map((part, index): Located => ({ part, index, start: starts[index]! }));
  const series = new Map<string, Located>();
  const runFiles = new Map<string, Located[]>();
  const modelFiles = new Map<string, Located[]>();
  for (const l of located) {
    const p = l.part;
    if (p.kind === 'series') series.set(`${p.runId}\0${p.key}`, l);
    else if (p.kind === 'artifact') (runFiles.get(p.runId) ?? runFiles.set(p.runId, []).get(p.runId)!).push(l);
    else (modelFiles.get(p.modelId) ?? modelFiles.set(p.modelId, []).get(p.modelId)!).push(l);
  }
  const file = basename(path);
  const day = new Date(manifest.createdAt).toISOString().slice(0, 10);
  const fileOf = (l: Located, item: string): SourceFile => ({ path: (l.part as { path: string }).path, size: partLength(l.part), open: () => Promise.resolve(Readable.from(readPart(body, l, item))) });
  return {
    kind: 'bundle',
    identity: `sextant-store:${manifest.storeId}`,
    label: `bundle ${file} (${day}, ${manifest.since ? `incremental since ${manifest.since.file}` : 'full'})`,
    manifest,
    checked: true,
    artifactBytes: catalog.parts.reduce((n, p) => n + (p.kind === 'series' ? 0 : p.size), 0),
    chain: { bundleId: manifest.bundleId, storeId: manifest.storeId, createdAt: manifest.createdAt, file, since: manifest.since },
    async *experiments() {
      yield* catalog.experiments;
    },
    async *runs(experimentId: string) {
      for (const r of catalog.runs) if (r.experimentId === experimentId) yield r;
    },
    async *history(run: SourceRun, key: string) {
      const l = series.get(`${run.runId}\0${key}`);
      if (!l) return;
      const item = `history '${key}' of run ${run.runId}`;
      let batch: SourcePoint[] = [];
      let carry = Buffer.alloc(0);
      for await (const chunk of readPart(body, l, item)) {
        const buf = carry.length ? Buffer.concat([carry, chunk]) : chunk;
        const whole = buf.length - (buf.length % 24);
        for (let at = 0; at < whole; at += 24) {
          batch.push({ timestamp: buf.readDoubleLE(at), step: buf.readDoubleLE(at + 8), value: buf.readDoubleLE(at + 16) });
          if (batch.length === POINTS_PER_BATCH) {
            yield batch;
            batch = [];
          }
        }
        carry = Buffer.from(buf.subarray(whole));
      }
      if (batch.length) yield batch;
    },
    async *artifacts(run: SourceRun) {
      for (const l of runFiles.get(run.runId) ?? []) yield fileOf(l, `artifact '${(l.part as { path: string }).path}' of run ${run.runId}`);
    },
    async *loggedModels(experimentId: string) {
      for (const m of catalog.loggedModels) if (m.experimentId === experimentId) yield m;
    },
    async *modelArtifacts(model: SourceLoggedModel) {
      for (const l of modelFiles.get(model.modelId) ?? []) yield fileOf(l, `artifact '${(l.part as { path: string }).path}' of logged model ${model.modelId}`);
    },
    async *registeredModels() {
      yield* catalog.registeredModels;
    },
    close: () => body.close(),
  };
}

/** A part's bytes in blocks, its checksum checked again at the end (the file may have changed since it was verified). */
async function* readPart(body: BodyReader, l: Located, item: string): AsyncGenerator<Buffer> {
  const length = partLength(l.part);
  const hash = createHash('sha256').update(encodeFrameHead(FRAME.part, l.index, length));
  try {
    for (let at = 0; at < length; ) {
      const buf = await body.read(l.start + at, Math.min(BLOCK, length - at));
      if (!buf.length) throw new Error('the bundle got shorter');
      hash.update(buf);
      at += buf.length;
      yield buf;
    }
    const digest = await body.read(l.start + length, DIGEST_BYTES);
    if (!hash.digest().equals(digest)) throw new Error('checksum mismatch');
  } catch (err) {
    throw new SourceError(item, `the bundle changed or was damaged after it was checked (${(err as Error).message}); check the file and import again`);
  }
}
