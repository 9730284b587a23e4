import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PassThrough, type Readable, type Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { invalidParam, MlflowError, notFound } from '../../shared/domain/mlflow-error';
import { artifactStoreOf, type ArtifactRef, type ArtifactStore, type ArtifactStoreHost } from './artifacts/artifact-store';
import { createOpenStream, createSealStream, DamageError, openRecord, plainSizeOf, sealRecord } from './crypto/sealed';
import type { StoreKeys } from './crypto/store-keys';

const UPLOAD_ID = /^[0-9a-f]{32}$/;
const DESCRIPTION_AAD = Buffer.from('sextant/multipart-upload/v1\0upload.json', 'latin1');

interface UploadDescription {
  target: ArtifactRef;
  numParts: number;
}

/**
 * MLflow's multipart artifact upload, for clients that set MLFLOW_ENABLE_PROXY_MULTIPART_UPLOAD:
 * parts land as files under uploads/<id>/, and completing streams them, in part order, into
 * the artifact (through the artifact store's durable write, as a single PUT). Nothing is held in
 * memory. In an encrypted store the upload's description (its target path) and every part are
 * sealed with the upload's own key, and completing re-streams the parts through open and seal.
 */
export class MultipartUploads {
  /** `artifacts` and `keys` are the store's (multipartUploadsOf). */
  constructor(
    private dir: string,
    private artifacts: ArtifactStore,
    private keys: StoreKeys | null,
  ) {}

  async create(uploadId: string, target: ArtifactRef, numParts: number): Promise<void> {
    if (!Number.isInteger(numParts) || numParts < 1 || numParts > 10_000) throw invalidParam(`num_parts must be between 1 and 10000, got ${numParts}.`);
    await mkdir(this.uploadDir(uploadId), { recursive: true });
    const json = Buffer.from(JSON.stringify({ target, numParts } satisfies UploadDescription));
    await writeFile(join(this.uploadDir(uploadId), 'upload.json'), this.keys ? sealRecord(this.keys.upload(uploadId), DESCRIPTION_AAD, json) : json);
  }

  /** Stores one part; returns its ETag (part number and plaintext size). */
  async putPart(uploadId: string, partNumber: number, body: Readable): Promise<string> {
    const { numParts } = await this.describe(uploadId);
    if (!Number.isInteger(partNumber) || partNumber < 1 || partNumber > numParts) throw invalidParam(`part_number must be between 1 and ${numParts}.`);
    const path = join(this.uploadDir(uploadId), `${partNumber}.part`);
    const seal = this.partStream(uploadId, partNumber, createSealStream);
    if (seal) await pipeline(body, seal, createWriteStream(path));
    else await pipeline(body, createWriteStream(path));
    return `"${partNumber}-${await this.partSize(uploadId, path)}"`;
  }

  /** Joins the named parts into the target artifact and forgets the upload. Returns the target. */
  async complete(uploadId: string, parts: { partNumber: number; etag: string }[]): Promise<ArtifactRef> {
    const { target, numParts } = await this.describe(uploadId);
    const sorted = [...parts].sort((a, b) => a.partNumber - b.partNumber);
    if (sorted.length !== numParts || sorted.some((p, i) => p.partNumber !== i + 1)) {
      throw invalidParam(`Completing upload ${uploadId} needs each of its ${numParts} parts exactly once, numbered 1 to ${numParts}.`);
    }
    const files: { path: string; open: Transform | undefined }[] = [];
    for (const p of sorted) {
      const path = join(this.uploadDir(uploadId), `${p.partNumber}.part`);
      const st = await stat(path).catch(() => null);
      if (!st) throw invalidParam(`Part ${p.partNumber} of upload ${uploadId} was never uploaded.`);
      if (p.etag && p.etag !== `"${p.partNumber}-${await this.partSize(uploadId, path)}"`) throw invalidParam(`ETag mismatch for part ${p.partNumber}.`);
      files.push({ path, open: this.partStream(uploadId, p.partNumber, createOpenStream) });
    }
    try {
      await this.artifacts.write(target, concatFiles(files));
    } catch (err) {
      throw err instanceof DamageError ? damagedUpload(uploadId, err) : err;
    }
    await this.abort(uploadId);
    return target;
  }

  async abort(uploadId: string): Promise<void> {
    await rm(this.uploadDir(uploadId), { recursive: true, force: true });
  }

  private partStream(uploadId: string, partNumber: number, make: typeof createSealStream | typeof createOpenStream): Transform | undefined {
    return this.keys ? make(this.keys.upload(uploadId), { place: `upload/${uploadId}/part/${partNumber}` }) : undefined;
  }

  private async partSize(uploadId: string, path: string): Promise<number> {
    const { size } = await stat(path);
    if (!this.keys) return size;
    try {
      return plainSizeOf(size);
    } catch (err) {
      throw err instanceof DamageError ? damagedUpload(uploadId, err) : err;
    }
  }

  private async describe(uploadId: string): Promise<UploadDescription> {
    const raw = await readFile(join(this.uploadDir(uploadId), 'upload.json')).catch(() => null);
    if (raw === null) throw notFound(`No multipart upload with id '${uploadId.slice(0, 64)}'.`);
    try {
      return JSON.parse((this.keys ? openRecord(this.keys.upload(uploadId), DESCRIPTION_AAD, raw) : raw).toString('utf8')) as UploadDescription;
    } catch (err) {
      throw err instanceof DamageError ? damagedUpload(uploadId, err) : err;
    }
  }

  private uploadDir(uploadId: string): string {
    if (!UPLOAD_ID.test(uploadId)) throw invalidParam(`Invalid upload_id '${uploadId.slice(0, 64)}'.`);
    return join(this.dir, uploadId);
  }
}

const damagedUpload = (uploadId: string, err: DamageError) =>
  new MlflowError('INTERNAL_ERROR', `Multipart upload ${uploadId} is damaged in the encrypted store (${err.message}); abort it and upload again.`);

function concatFiles(files: { path: string; open: Transform | undefined }[]): Readable {
  const out = new PassThrough();
  (async () => {
    for (const f of files) {
      if (f.open) await pipeline(createReadStream(f.path), f.open, out, { end: false });
      else await pipeline(createReadStream(f.path), out, { end: false });
    }
    out.end();
  })().catch((err: Error) => out.destroy(err));
  return out;
}

const byStore = new WeakMap<ArtifactStoreHost, MultipartUploads>();

/** The multipart uploads of an open store (one per store). */
export function multipartUploadsOf(store: ArtifactStoreHost): MultipartUploads {
  let uploads = byStore.get(store);
  if (!uploads) {
    uploads = new MultipartUploads(store.uploadsDir, artifactStoreOf(store), store.keys ?? null);
    byStore.set(store, uploads);
  }
  return uploads;
}
