import { connectToHolder, handOffJob, HandOffError } from '../jobs/job-client';
import { REKEY_JOB, type RekeyJobArgs } from '../store/convert/rekey-job';
import { heldSentence, StoreHeldError } from '../store/convert/store-holder';
import { lockEndpoint, readHolder } from '../store/store-lock';

/**
 * Hands `sextant store rekey` to the process holding the store (the app, `sextant serve`), which
 * rotates the key of its open store. Resolves with the holder's summary; null when nobody holds
 * the store any more (rekey it here). A holder that does not run rekeys (an older Sextant) is
 * refused with the one sentence naming it.
 */
export async function rekeyInHolder(dir: string, args: RekeyJobArgs, answerTimeoutMs?: number): Promise<string | null> {
  const socket = await connectToHolder(lockEndpoint(dir));
  if (!socket) return null;
  const named = readHolder(dir);
  const peer = named ? `process ${named.pid}` : 'the process holding the store';
  let result;
  try {
    result = await handOffJob(socket, { kind: REKEY_JOB, args }, { peer, answerTimeoutMs });
  } catch (err) {
    if (err instanceof HandOffError && /unknown job kind/.test(err.message)) throw new StoreHeldError(heldSentence(dir));
    throw err;
  }
  if (result.state !== 'succeeded') throw new Error(result.outcome.problems[0]?.message ?? result.outcome.summary);
  return result.outcome.summary;
}
