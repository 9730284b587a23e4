import { cpSync, lstatSync } from 'node:fs';

/**
 * Copies a store folder as a backup tool would, leaving out sockets (the lock's socket, live or
 * left by a killed holder), which cannot be copied and mean nothing in a copy.
 */
export function copyStore(from: string, to: string): void {
  cpSync(from, to, { recursive: true, filter: (src) => !lstatSync(src).isSocket() });
}
