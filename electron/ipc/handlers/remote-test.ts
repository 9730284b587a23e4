import type { RemoteTestResult } from '../../../shared/ipc/sync-types';
import { errorMessage } from '../../jobs/job-runner';
import { normaliseRemoteUrl } from '../../services/remotes-service';
import type { RemoteAuth } from '../../sync/remote-auth';
import { RemoteClient } from '../../sync/remote-client';

const TEST_TIMEOUT_MS = 10_000;

/**
 * "Test connection": the server's version, then one authenticated read (an experiments search
 * of one), so wrong credentials show here rather than in the first push. No retries: a person
 * is waiting for the answer.
 */
export async function testRemote(url: string, auth: RemoteAuth): Promise<RemoteTestResult> {
  try {
    const client = new RemoteClient({ url: normaliseRemoteUrl(url), auth, timeoutMs: TEST_TIMEOUT_MS });
    const opts = { retry: false, timeoutMs: TEST_TIMEOUT_MS };
    const version = (await client.serverVersion(opts)).trim();
    await client.get('experiments/search', { max_results: 1 }, opts);
    return { ok: true, version: version || 'unknown' };
  } catch (err) {
    return { ok: false, error: errorMessage(err) };
  }
}
