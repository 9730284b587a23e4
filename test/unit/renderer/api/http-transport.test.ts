import { describe, expect, it } from 'vitest';
import { httpTransport } from '../../../../renderer/api/http-transport';

describe('httpTransport', () => {
  it('answers a call without a valid token with a forbidden error, and stops asking for events after a 401', async () => {
    const asked: string[] = [];
    const fakeFetch = (async (url: string) => {
      asked.push(url.replace('http://x', ''));
      return new Response('{}', { status: 401 });
    }) as unknown as typeof fetch;
    const t = httpTransport('http://x', 'stale', fakeFetch);
    const result = await t.call('app.info', {});
    expect(result).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    t.subscribe(() => undefined);
    await new Promise((r) => setTimeout(r, 1300)); // past one retry interval
    expect(asked.filter((u) => u === '/events')).toHaveLength(1);
  });

  it('reports every 401 (calls and the event stream) to onDenied, with the message it was given', async () => {
    let denied = 0;
    const fakeFetch = (async () => new Response('{}', { status: 401 })) as unknown as typeof fetch;
    const t = httpTransport('http://x', 'stale', fakeFetch, { onDenied: () => denied++, deniedMessage: 'Use a fresh link.' });
    expect(await t.call('app.info', {})).toEqual({ ok: false, error: { code: 'forbidden', message: 'Use a fresh link.' } });
    expect(denied).toBe(1);
    const stop = t.subscribe(() => undefined);
    await expect.poll(() => denied).toBe(2);
    stop();
  });

  it('does not report answers that are not 401', async () => {
    let denied = 0;
    const fakeFetch = (async () => Response.json({ ok: false, error: { code: 'not_found', message: 'x' } })) as unknown as typeof fetch;
    const t = httpTransport('http://x', 'good', fakeFetch, { onDenied: () => denied++ });
    expect(await t.call('app.info', {})).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(denied).toBe(0);
  });
});
