import { existsSync } from 'node:fs';
import { connect } from 'node:net';
import { StoreOpenError } from '../store-errors';
import { acquireStoreLock, lockEndpoint, readHolder, type StoreLock } from '../store-lock';

/** The store is open in another process (the app, `sextant serve`, another command). */
export class StoreHeldError extends StoreOpenError {
  override name = 'StoreHeldError';
}

/** "DIR is open in process 123 (sextant serve): stop it, then run this again". */
export function heldSentence(dir: string): string {
  const h = readHolder(dir);
  const command = h?.command.replace(/^\S*[/\\]sextant(\.js)?(?=\s|$)/, 'sextant');
  const who = h ? `process ${h.pid}${command ? ` (${command})` : ''}` : 'another process';
  return `${dir} is open in ${who}: stop it, then run this again`;
}

/** Whether a process listens on the store's lock (holds it). */
export function storeIsHeld(dir: string): Promise<boolean> {
  if (!existsSync(dir)) return Promise.resolve(false);
  const endpoint = lockEndpoint(dir);
  return new Promise((resolve) => {
    const socket = connect(endpoint);
    const done = (held: boolean) => {
      socket.destroy();
      resolve(held);
    };
    socket.once('connect', () => done(true));
    socket.once('error', (err: NodeJS.ErrnoException) => done(err.code !== 'ENOENT' && err.code !== 'ECONNREFUSED'));
  });
}

/** Refuses with StoreHeldError (one sentence naming the holder) when another process holds the store. */
export async function refuseIfHeld(dir: string): Promise<void> {
  if (await storeIsHeld(dir)) throw new StoreHeldError(heldSentence(dir));
}

/**
 * Takes the store's one-writer lock for a command that works on the closed store's files
 * (rekey, the swap of a conversion); refuses with StoreHeldError when another process has it.
 */
export async function lockClosedStore(dir: string): Promise<StoreLock> {
  await refuseIfHeld(dir);
  try {
    return await acquireStoreLock(dir);
  } catch (err) {
    if (err instanceof StoreOpenError && (await storeIsHeld(dir))) throw new StoreHeldError(heldSentence(dir));
    throw err;
  }
}
