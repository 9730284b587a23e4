import { notFound } from '../../shared/domain/mlflow-error';
import type { ArtifactContent } from '../../shared/ipc/contract-types';
import { openStoredFile } from '../store/stored-file';

/**
 * Up to `maxBytes` of a stored file from `offset` (clamped to its end), as the contract's
 * artifacts.read answers it. `path` is the name to answer with (relative to its owner's root).
 */
export async function readArtifactSlice(file: string, path: string, maxBytes: number, offset = 0): Promise<ArtifactContent> {
  const fh = await openStoredFile(file);
  if (!fh) throw notFound(`Artifact '${path}' not found.`);
  try {
    const { size } = await fh.stat();
    const from = Math.min(offset, size);
    const buf = Buffer.alloc(Math.min(size - from, maxBytes));
    await fh.read(buf, 0, buf.length, from);
    return { path, size, offset: from, truncated: size > from + buf.length, base64: buf.toString('base64') };
  } finally {
    await fh.close();
  }
}
