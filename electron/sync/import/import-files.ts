import { MlflowError } from '../../../shared/domain/mlflow-error';
import { artifactsOf, resolveArtifactPath } from '../../services/artifacts-service';
import type { ArtifactRef } from '../../store/artifacts/artifact-store';
import type { ImportContext, Mode } from './import-context';
import { isSourceFile, type SourceFile, type SourceMissing } from './import-source';

export interface FilesDelta {
  files: number;
  bytes: number;
}

/**
 * Copies the files of a run or logged model the store lacks (not there, or of another size) into
 * its artifact root (`root`: the mlflow-artifacts path, e.g. `3/<run>/artifacts`), streamed to a
 * temp file that is fsynced and renamed into place as an upload is. `fresh`: the root is new, so
 * nothing is looked up here. Files the source lists but cannot give are reported as missing (in
 * `write` and `dry` mode), never fatal.
 */
export async function importFiles(ctx: ImportContext, listing: AsyncIterable<SourceFile | SourceMissing>, root: string, item: string, mode: Mode, fresh: boolean): Promise<FilesDelta> {
  const out: FilesDelta = { files: 0, bytes: 0 };
  for await (const f of listing) {
    if (ctx.signal?.aborted) break;
    if (!isSourceFile(f)) {
      if (mode !== 'check') ctx.missing({ item, path: f.missing, reason: f.reason });
      continue;
    }
    let dest: ArtifactRef | null = null;
    if (!fresh || mode === 'write') {
      try {
        dest = resolveArtifactPath(ctx.svc, `${root}/${f.path}`, { file: true });
      } catch (err) {
        if (!(err instanceof MlflowError)) throw err;
        if (mode !== 'check') ctx.problem(item, `artifact '${f.path}' cannot be stored: ${err.message}`);
        continue;
      }
      const st = fresh ? null : await artifactsOf(ctx.svc).stat(dest).catch(() => null);
      if (st?.isFile && st.size === f.size) continue;
    }
    if (mode === 'write') {
      const copied = await copyOne(ctx, f, dest!, item);
      if (!copied) continue;
    }
    out.files++;
    out.bytes += f.size;
  }
  return out;
}

async function copyOne(ctx: ImportContext, f: SourceFile, dest: ArtifactRef, item: string): Promise<boolean> {
  let body;
  try {
    body = await f.open();
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code !== 'ENOENT' && code !== 'EACCES' && code !== 'EISDIR') throw err;
    ctx.missing({ item, path: f.path, reason: `it could not be read (${code})` });
    return false;
  }
  try {
    await artifactsOf(ctx.svc).write(dest, body);
  } catch (err) {
    if (!(err instanceof MlflowError)) throw err;
    ctx.problem(item, `artifact '${f.path}': ${err.message}`);
    return false;
  }
  ctx.copied(f.size);
  return true;
}
