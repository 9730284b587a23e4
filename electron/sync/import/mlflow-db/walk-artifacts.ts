import { lstat, open, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { SourceFile, SourceMissing } from '../import-source';

/**
 * The files under an artifact folder, depth first in name order, paths relative to it and
 * '/'-separated. Symbolic links to files are read through; links to folders are reported, not
 * followed (no loops, nothing outside the folder). A folder that cannot be listed is reported.
 */
export async function* walkArtifacts(root: string, prefix = ''): AsyncGenerator<SourceFile | SourceMissing> {
  let names: string[];
  try {
    names = (await readdir(join(root, prefix))).sort();
  } catch (err) {
    yield { missing: prefix || '.', reason: `cannot list ${join(root, prefix)} (${(err as NodeJS.ErrnoException).code ?? String(err)})` };
    return;
  }
  for (const name of names) {
    const rel = prefix ? `${prefix}/${name}` : name;
    const full = join(root, rel);
    const link = await lstat(full).catch(() => null);
    const info = link?.isSymbolicLink() ? await stat(full).catch(() => null) : link;
    if (!info) {
      yield { missing: rel, reason: `${full} cannot be read (a broken link?)` };
    } else if (info.isDirectory()) {
      if (link?.isSymbolicLink()) yield { missing: rel, reason: `${full} is a link to a folder (not followed)` };
      else yield* walkArtifacts(root, rel);
    } else if (info.isFile()) {
      yield { path: rel, size: info.size, open: async () => (await open(full, 'r')).createReadStream() };
    }
  }
}
