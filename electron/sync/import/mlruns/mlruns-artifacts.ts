import { createReadStream } from 'node:fs';
import type { SourceFile, SourceMissing } from '../import-source';
import { walkFiles } from './mlruns-files';
import { findArtifactDir, type MlrunsRoots } from './mlruns-paths';

/**
 * The files of an artifact location (a run's or a logged model's), relative to it. A location
 * that is nowhere to be found, or on another scheme (s3:, gs:, ...), is one missing entry saying
 * where it was looked for; a run that never logged a file (no folder where MLflow would have made
 * one) has none.
 */
export async function* listArtifacts(roots: MlrunsRoots, uri: string, experimentId: string, tail: string): AsyncGenerator<SourceFile | SourceMissing> {
  if (!uri) return;
  const found = findArtifactDir(roots, uri, experimentId, tail);
  if (!found.dir) {
    if (/^(file:|\/)/.test(uri) || uri.startsWith('mlflow-artifacts:')) return; // nothing was ever logged there
    yield { missing: uri, reason: `artifacts on '${uri.split(':')[0]}:' cannot be read from a file store copy; looked in ${found.tried.join(', ')}` };
    return;
  }
  for (const f of await walkFiles(found.dir)) {
    if (f.link) yield { missing: f.rel, reason: `${f.file} is a symbolic link; links are not followed (they could lead outside the source): copy what it points at in its place` };
    else yield { path: f.rel, size: f.size, open: async () => openFile(f.file) };
  }
}

function openFile(file: string): Promise<ReturnType<typeof createReadStream>> {
  return new Promise((resolve, reject) => {
    const s = createReadStream(file);
    s.once('open', () => resolve(s));
    s.once('error', reject);
  });
}
