import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { readFile, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';

/** The file naming the process that owns a temp folder (the same name model serving uses). */
export const OWNER_FILE = 'owner.pid';

/**
 * A fresh folder `<root>/<prefix>XXXXXX` (owner only) holding OWNER_FILE with this process's id, so
 * that when this process is killed before it removes the folder, removeOrphanedFolders can.
 * Put what the folder is for in a subfolder or beside the owner file.
 */
export function makeOwnedTempFolder(root: string, prefix: string, pid: number = process.pid): string {
  const folder = mkdtempSync(join(root, prefix));
  chmodSync(folder, 0o700);
  writeFileSync(join(folder, OWNER_FILE), String(pid), { mode: 0o600 });
  return folder;
}

/**
 * Removes the folders `<root>/<prefix>*` whose owner process is gone (killed before it could clean
 * up). A folder with no owner file, or an owner still alive, is left alone.
 */
export async function removeOrphanedFolders(root: string, prefix: string): Promise<string[]> {
  const names = await readdir(root).catch(() => [] as string[]);
  const removed: string[] = [];
  for (const name of names.filter((n) => n.startsWith(prefix))) {
    const folder = join(root, name);
    const pid = Number((await readFile(join(folder, OWNER_FILE), 'utf8').catch(() => '')).trim() || NaN);
    if (!Number.isInteger(pid) || pid <= 0 || processAlive(pid)) continue;
    await rm(folder, { recursive: true, force: true }).catch(() => {});
    removed.push(folder);
  }
  return removed;
}

export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
