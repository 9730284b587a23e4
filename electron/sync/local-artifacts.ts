import { lstat, readdir } from 'node:fs/promises';
import { join } from 'node:path';

export interface LocalArtifact {
  /** Relative to the run's artifact root, with '/' separators. */
  path: string;
  file: string;
  size: number;
  mtime: number;
}

/** Every regular file under `root` (links and special files are never followed or sent). */
export async function listLocalArtifacts(root: string): Promise<LocalArtifact[]> {
  const out: LocalArtifact[] = [];
  const walk = async (dir: string, prefix: string): Promise<void> => {
    const names = await readdir(dir).catch(() => [] as string[]);
    for (const name of names.sort()) {
      const file = join(dir, name);
      const st = await lstat(file);
      const path = prefix ? `${prefix}/${name}` : name;
      if (st.isDirectory()) await walk(file, path);
      else if (st.isFile()) out.push({ path, file, size: st.size, mtime: Math.trunc(st.mtimeMs) });
    }
  };
  await walk(root, '');
  return out;
}
