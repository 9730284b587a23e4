import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PassThrough, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { invalidParam, notFound } from '../../shared/domain/mlflow-error';
import { writeArtifact } from './artifact-files';

const UPLOAD_ID = /^[0-9a-f]{32}$/;

/**
 * MLflow's multipart artifact upload, for clients that set MLFLOW_ENABLE_PROXY_MULTIPART_UPLOAD:
 * parts land as files under uploads/<id>/, and completing streams them, in part order, into
 * the artifact (through the same durable write as a single PUT). Nothing is held in memory.
 */
export class MultipartUploads {
  constructor(private dir: string) {}

  async create(uploadId: string, target: string, numParts: number): Promise<void> {
    if (!Number.isInteger(numParts) || numParts < 1 || numParts > 10_000) throw invalidParam(`num_parts must be between 1 and 10000, got ${numParts}.`);
    await mkdir(this.uploadDir(uploadId), { recursive: true });
    await writeFile(join(this.uploadDir(uploadId), 'upload.json'), JSON.stringify({ target, numParts }));
  }

  /** Stores one part; returns its ETag. */
  async putPart(uploadId: string, partNumber: number, body: Readable): Promise<string> {
    const { numParts } = await this.describe(uploadId);
    if (!Number.isInteger(partNumber) || partNumber < 1 || partNumber > numParts) throw invalidParam(`part_number must be between 1 and ${numParts}.`);
    const path = join(this.uploadDir(uploadId), `${partNumber}.part`);
    await pipeline(body, createWriteStream(path));
    return `"${partNumber}-${(await stat(path)).size}"`;
  }

  /** Joins the named parts into the target artifact and forgets the upload. Returns the target. */
  async complete(uploadId: string, parts: { partNumber: number; etag: string }[]): Promise<string> {
    const { target, numParts } = await this.describe(uploadId);
    const sorted = [...parts].sort((a, b) => a.partNumber - b.partNumber);
    if (sorted.length !== numParts || sorted.some((p, i) => p.partNumber !== i + 1)) {
      throw invalidParam(`Completing upload ${uploadId} needs each of its ${numParts} parts exactly once, numbered 1 to ${numParts}.`);
    }
    const files: string[] = [];
    for (const p of sorted) {
      const path = join(this.uploadDir(uploadId), `${p.partNumber}.part`);
      const st = await stat(path).catch(() => null);
      if (!st) throw invalidParam(`Part ${p.partNumber} of upload ${uploadId} was never uploaded.`);
      if (p.etag && p.etag !== `"${p.partNumber}-${st.size}"`) throw invalidParam(`ETag mismatch for part ${p.partNumber}.`);
      files.push(path);
    }
    await writeArtifact(target, concatFiles(files), this.dir);
    await this.abort(uploadId);
    return target;
  }

  async abort(uploadId: string): Promise<void> {
    await rm(this.uploadDir(uploadId), { recursive: true, force: true });
  }

  private async describe(uploadId: string): Promise<{ target: string; numParts: number }> {
    const raw = await readFile(join(this.uploadDir(uploadId), 'upload.json'), 'utf8').catch(() => null);
    if (raw === null) throw notFound(`No multipart upload with id '${uploadId.slice(0, 64)}'.`);
    return JSON.parse(raw) as { target: string; numParts: number };
  }

  private uploadDir(uploadId: string): string {
    if (!UPLOAD_ID.test(uploadId)) throw invalidParam(`Invalid upload_id '${uploadId.slice(0, 64)}'.`);
    return join(this.dir, uploadId);
  }
}

function concatFiles(files: string[]): Readable {
  const out = new PassThrough();
  (async () => {
    for (const f of files) await pipeline(createReadStream(f), out, { end: false });
    out.end();
  })().catch((err: Error) => out.destroy(err));
  return out;
}
