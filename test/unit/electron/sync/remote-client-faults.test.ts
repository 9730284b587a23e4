// The client through the fault proxy: every kind of cut or refusal is retried until the call
// goes through, and a seeded storm of faults still ends with every call answered once.
import { afterEach, describe, expect, it } from 'vitest';
import { RemoteClient } from '../../../../electron/sync/remote-client';
import { type Fault, type FaultProxy, startFaultProxy } from '../../../support/fault-proxy';
import { fakeSleep, type LocalHttp, sendJson, startLocalHttp } from './local-http';

let server: LocalHttp | undefined;
let proxy: FaultProxy | undefined;
afterEach(async () => {
  await proxy?.stop();
  await server?.close();
  proxy = undefined;
  server = undefined;
});

/** An echo server: answers each POST with its body and a padding long enough to be cut in the middle. */
async function setUp(seed = 1, maxCutBytes = 4096, maxAttempts = 8) {
  server = await startLocalHttp(async (_req, res, read) => {
    const body = await read();
    sendJson(res, 200, JSON.stringify({ echo: JSON.parse(body || '{}'), padding: 'x'.repeat(20_000) }));
  });
  proxy = await startFaultProxy({ target: server.url, seed, maxCutBytes });
  const { delays, sleep } = fakeSleep();
  return { proxy, server, delays, client: new RemoteClient({ url: proxy.url, auth: { kind: 'none' }, sleep, retry: { maxAttempts } }) };
}

describe('RemoteClient through the fault proxy', () => {
  it.each<[string, Fault, keyof ReturnType<FaultProxy['stats']>]>([
    ['cut mid-request (reset)', { kind: 'cut-request', afterBytes: 60, how: 'reset' }, 'cutRequest'],
    ['cut mid-request (close)', { kind: 'cut-request', afterBytes: 60, how: 'close' }, 'cutRequest'],
    ['cut mid-response (close)', { kind: 'cut-response', afterBytes: 5000, how: 'close' }, 'cutResponse'],
    ['cut mid-response (reset)', { kind: 'cut-response', afterBytes: 5000, how: 'reset' }, 'cutResponse'],
    ['cut before the status line', { kind: 'cut-response', afterBytes: 0 }, 'cutResponse'],
    ['canned 503', { kind: 'status-503' }, 'status503'],
    ['canned 429', { kind: 'status-429' }, 'status429'],
  ])('retries after a %s and gets the answer', async (_name, fault, counter) => {
    const { proxy, client, delays } = await setUp();
    proxy.enqueue(fault);
    const answer = await client.post<{ echo: unknown }>('runs/log-batch', { run_id: 'r1', metrics: [{ key: 'a', value: NaN }] });
    expect(answer.echo).toEqual({ run_id: 'r1', metrics: [{ key: 'a', value: 'NaN' }] });
    expect(proxy.stats()[counter]).toBe(1);
    expect(delays).toHaveLength(1);
    if (fault.kind === 'status-429') expect(delays).toEqual([1000]);
  });

  it('reports that a call cut mid-response may have reached the server, when retries are off', async () => {
    const { proxy, server, client } = await setUp();
    proxy.enqueue({ kind: 'cut-response', afterBytes: 100 });
    const err = await client.post('runs/create', { experiment_id: '1' }, { retry: false }).catch((e: unknown) => e);
    expect(err).toMatchObject({ retryable: true, mayHaveReachedServer: true, attempts: 1 });
    expect(server.requests).toHaveLength(1);
  });

  it('answers every call under a seeded storm of faults', async () => {
    // A fault on every connection; cut points reach across the several requests a kept-alive
    // connection carries, so cuts land anywhere in requests and answers.
    const { proxy, server, client } = await setUp(42, 2_000, 40);
    proxy.setRate(1);
    for (let i = 0; i < 40; i++) {
      const answer = await client.post<{ echo: { i: number } }>('runs/log-batch', { i });
      expect(answer.echo.i).toBe(i);
    }
    const stats = proxy.stats();
    expect(stats.cutRequest + stats.cutResponse + stats.status503 + stats.status429).toBeGreaterThan(20);
    // every call reached the echo server at least once; cut requests may reach it partly or not at all
    const seen = new Set(server.requests.filter((r) => r.body).map((r) => (JSON.parse(r.body) as { i: number }).i));
    expect(seen.size).toBe(40);
  });
});
