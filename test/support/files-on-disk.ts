import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** Every file and folder name under `dir`, and all the files' bytes (to look for plaintext on disk). */
export function filesOnDisk(dir: string): { names: string[]; bytes: Buffer } {
  const names: string[] = [];
  const bytes: Buffer[] = [];
  const walk = (d: string) => {
    for (const n of readdirSync(d)) {
      names.push(n);
      const p = join(d, n);
      if (statSync(p).isDirectory()) walk(p);
      else bytes.push(readFileSync(p));
    }
  };
  walk(dir);
  return { names, bytes: Buffer.concat(bytes) };
}
