import { describe, expect, it } from 'vitest';
import { bootClient, STALE_LINK_MESSAGE, type BootWindow } from '../../../../renderer/api/boot';

const ORIGIN = 'http://127.0.0.1:5000';
const KEY = 'sextant.uiToken';
const GOOD = 'good-token';

/** A server that knows one token and one unused hand-off code, and records what it was asked. */
function fakeServer(opts: { valid?: Set<string>; codes?: Map<string, string> } = {}) {
  const valid = opts.valid ?? new Set([GOOD]);
  const codes = opts.codes ?? new Map<string, string>();
  const asked: { path: string; auth: string | null; body: string }[] = [];
  const fetchImpl = (async (url: string, init: RequestInit = {}) => {
    const path = url.replace(ORIGIN, '');
    const auth = new Headers(init.headers).get('authorization');
    const body = typeof init.body === 'string' ? init.body : '';
    asked.push({ path, auth, body });
    if (path === '/ui/handoff') {
      const { code } = JSON.parse(body) as { code: string };
      const token = codes.get(code);
      codes.delete(code);
      return token ? Response.json({ token }) : Response.json({ ok: false }, { status: 401 });
    }
    if (!valid.has(auth?.replace('Bearer ', '') ?? '')) return Response.json({ ok: false, error: { code: 'forbidden', message: 'no' } }, { status: 401 });
    return Response.json({ ok: true, value: {} });
  }) as unknown as typeof fetch;
  return { fetchImpl, asked };
}

function fakeWindow(hash: string, stored?: string) {
  const items = new Map<string, string>(stored === undefined ? [] : [[KEY, stored]]);
  const replaced: string[] = [];
  const win: BootWindow = {
    location: { hash, origin: ORIGIN, pathname: '/', search: '' },
    localStorage: {
      getItem: (k) => items.get(k) ?? null,
      setItem: (k, v) => void items.set(k, v),
      removeItem: (k) => void items.delete(k),
    },
    history: { replaceState: (_d, _t, url) => void replaced.push(String(url)) },
  };
  return { win, items, replaced };
}

describe('bootClient (browser mode)', () => {
  it('stores a fragment token once the server accepts it, and clears the fragment', async () => {
    const { win, items, replaced } = fakeWindow(`#token=${GOOD}`);
    const { fetchImpl, asked } = fakeServer();
    const api = await bootClient(win, fetchImpl);
    expect(items.get(KEY)).toBe(GOOD);
    expect(replaced).toEqual(['/']);
    expect(asked[0]).toMatchObject({ path: '/rpc/app.info', auth: `Bearer ${GOOD}` });
    await expect(api.call('app.info', {})).resolves.toEqual({});
  });

  it('keeps the stored working token when a page opens the app with a token the server refuses', async () => {
    const { win, items, replaced } = fakeWindow('#token=attacker', GOOD);
    const { fetchImpl, asked } = fakeServer();
    const api = await bootClient(win, fetchImpl);
    expect(items.get(KEY)).toBe(GOOD);
    expect(replaced).toEqual(['/']);
    await expect(api.call('app.info', {})).resolves.toEqual({});
    expect(asked.at(-1)?.auth).toBe(`Bearer ${GOOD}`);
  });

  it('keeps the stored token when the check cannot reach the server', async () => {
    const { win, items } = fakeWindow('#token=other', GOOD);
    const failing = (async () => {
      throw new TypeError('Failed to fetch');
    }) as unknown as typeof fetch;
    await bootClient(win, failing);
    expect(items.get(KEY)).toBe(GOOD);
  });

  it('forgets the stored token on a 401, only while it is still the one in use', async () => {
    const stale = fakeWindow('', 'stale');
    const { fetchImpl } = fakeServer();
    const api = await bootClient(stale.win, fetchImpl);
    await expect(api.call('app.info', {})).rejects.toMatchObject({ code: 'forbidden' });
    expect(stale.items.has(KEY)).toBe(false);

    const other = fakeWindow('', 'stale');
    const api2 = await bootClient(other.win, fetchImpl);
    other.items.set(KEY, GOOD); // another tab signed in meanwhile
    await expect(api2.call('app.info', {})).rejects.toMatchObject({ code: 'forbidden' });
    expect(other.items.get(KEY)).toBe(GOOD);
  });

  it('exchanges a one-time hand-off code for the token, and the code works once', async () => {
    const codes = new Map([['c0de', GOOD]]);
    const first = fakeWindow('#handoff=c0de');
    const { fetchImpl, asked } = fakeServer({ codes });
    const api = await bootClient(first.win, fetchImpl);
    expect(first.items.get(KEY)).toBe(GOOD);
    expect(first.replaced).toEqual(['/']);
    expect(asked[0]).toMatchObject({ path: '/ui/handoff', auth: null, body: JSON.stringify({ code: 'c0de' }) });
    await expect(api.call('app.info', {})).resolves.toEqual({});

    // the same link again, in a browser without a token: refused, and the page says why
    const again = fakeWindow('#handoff=c0de');
    const api2 = await bootClient(again.win, fetchImpl);
    expect(again.items.has(KEY)).toBe(false);
    await expect(api2.call('app.info', {})).rejects.toThrow(STALE_LINK_MESSAGE);
  });

  it('keeps a working stored token when a hand-off code is refused', async () => {
    const { win, items } = fakeWindow('#handoff=used', GOOD);
    const { fetchImpl } = fakeServer();
    const api = await bootClient(win, fetchImpl);
    expect(items.get(KEY)).toBe(GOOD);
    await expect(api.call('app.info', {})).resolves.toEqual({});
  });

  it('uses the stored token without asking anything when the URL has no fragment', async () => {
    const { win, replaced } = fakeWindow('#/runs/abc', GOOD);
    const { fetchImpl, asked } = fakeServer();
    await bootClient(win, fetchImpl);
    expect(asked).toEqual([]);
    expect(replaced).toEqual([]); // the route stays
  });
});
