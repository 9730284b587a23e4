import type { ArtifactContent } from '../../shared/ipc/contract-types';
import type { ArtifactRef, ArtifactStore } from '../store/artifacts/artifact-store';

/**
 * Up to `maxBytes` of an artifact from `offset` (clamped to its end), as the contract's
 * artifacts.read answers it; only that window is read (and, in an encrypted store, only the
 * chunks covering it opened). `path` is the name to answer with (relative to its owner's root).
 */
export async function readArtifactSlice(artifacts: ArtifactStore, ref: ArtifactRef, path: string, maxBytes: number, offset = 0): Promise<ArtifactContent> {
  const { size, stream } = await artifacts.open(ref, { start: offset, end: offset + maxBytes });
  const parts: Buffer[] = [];
  for await (const part of stream) parts.push(part as Buffer);
  const buf = Buffer.concat(parts);
  const from = Math.min(offset, size);
  return { path, size, offset: from, truncated: size > from + buf.length, base64: buf.toString('base64') };
}

/** A whole artifact as text, or null when there is none (or it is not a regular file). */
export async function readArtifactText(artifacts: ArtifactStore, ref: ArtifactRef): Promise<string | null> {
  if (!(await artifacts.stat(ref))?.isFile) return null;
  const { stream } = await artifacts.open(ref);
  const parts: Buffer[] = [];
  for await (const part of stream) parts.push(part as Buffer);
  return Buffer.concat(parts).toString('utf8');
}
