import { z } from 'zod';
import type { KekSource } from '../crypto/keys/kek-source';

/** The job kind `sextant store rekey` hands to the process holding the store. */
export const REKEY_JOB = 'store.rekey';

/** Only the key files' paths travel (over the store's 0600 lock socket); the holder reads the keys. */
export const RekeyJobArgs = z.object({ from: z.string().min(1), to: z.string().min(1) });
export type RekeyJobArgs = z.infer<typeof RekeyJobArgs>;

/** The part of an open Store a rekey needs (Store#rekey). */
export interface KeyRotatingStore {
  readonly dir: string;
  rekey(from: KekSource, to: KekSource): Promise<void>;
}

/** What a rekey says when done, wherever it ran. */
export const rekeyedSentence = (dir: string, args: RekeyJobArgs) => `rekeyed store ${dir}: it opens with ${args.to} from now on, no longer with ${args.from}`;

/**
 * The holder's handler for a handed-over rekey: the open store rotates its own key (in turn with
 * its checkpoints' store.json writes). Shaped as a JobHandlers entry (jobs/job-types.ts).
 */
export function rekeyJobHandlers(deps: { store: KeyRotatingStore }): Record<string, (args: unknown) => Promise<{ summary: string; problems: { item: string; message: string }[] }>> {
  return {
    [REKEY_JOB]: async (raw) => {
      const args = RekeyJobArgs.parse(raw);
      await deps.store.rekey({ kind: 'key-file', path: args.from }, { kind: 'key-file', path: args.to });
      return { summary: rekeyedSentence(deps.store.dir, args), problems: [] };
    },
  };
}
