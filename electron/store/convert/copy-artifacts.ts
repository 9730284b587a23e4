import { Transform, type TransformCallback } from 'node:stream';
import type { ArtifactStore, WalkedArtifact } from '../artifacts/artifact-store';
import type { ProgressCounter } from './convert-progress';

export interface ArtifactCopy {
  list: WalkedArtifact[];
  from: ArtifactStore;
  to: ArtifactStore;
  progress: ProgressCounter;
  signal: AbortSignal;
}

/** Every artifact file of a store, with its plaintext path below artifacts/ and size. */
export const artifactsOf = (store: ArtifactStore): Promise<WalkedArtifact[]> => store.walk([]);

/**
 * Refuses, before anything is copied, an artifact the copy cannot hold (in an encrypted store a
 * name is at most 163 bytes of UTF-8 once sealed), naming it and what to do.
 */
export function checkArtifactsFit(list: WalkedArtifact[], to: ArtifactStore, storeDir: string): void {
  for (const a of list) {
    try {
      to.check(a.path.split('/'));
    } catch (err) {
      throw new Error(`store ${storeDir} holds an artifact the converted store cannot keep, ${a.path}: ${(err as Error).message} Rename or delete it, then run this again.`, { cause: err });
    }
  }
}

/**
 * Copies every artifact through the artifact stores' own reader and writer: bytes opened (and
 * checked) with the old store's keys, written with the copy's (sealed names and bytes, or plain),
 * each file durable before the next. A cancel stops in the middle of a file.
 */
export async function copyArtifacts({ list, from, to, progress, signal }: ArtifactCopy): Promise<void> {
  progress.phase('copying artifacts');
  for (const a of list) {
    signal.throwIfAborted();
    const ref = a.path.split('/');
    const { stream } = await from.open(ref);
    const counted = countingStream((n) => progress.bytes(n, a.path), signal);
    stream.on('error', (err) => counted.destroy(err));
    await to.write(ref, stream.pipe(counted));
    progress.item(a.path);
  }
}

function countingStream(onBytes: (n: number) => void, signal: AbortSignal): Transform {
  return new Transform({
    transform(chunk: Buffer, _enc, done: TransformCallback) {
      if (signal.aborted) return done(signal.reason as Error);
      onBytes(chunk.length);
      done(null, chunk);
    },
  });
}
