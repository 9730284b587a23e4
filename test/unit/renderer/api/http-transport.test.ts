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
});
