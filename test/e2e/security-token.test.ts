import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { e2eTitle, hasChromium, openApp, screenshot, startBrowserMode, uiToken, type BrowserMode } from './support/browser';

// Security in browser mode: the RPC endpoint and the event stream refuse callers without the
// launch token or from a foreign Origin or Host, and the token stays out of addresses and requests.

describe.skipIf(!hasChromium)(e2eTitle('browser-mode RPC and events need the launch token and our Origin'), () => {
  let mode: BrowserMode;
  let base = '';
  let token = '';

  beforeAll(async () => {
    mode = await startBrowserMode();
    base = mode.server.url;
    token = uiToken(mode);
  }, 120_000);

  afterAll(async () => {
    await mode?.stop();
  });

  const rpc = (headers: Record<string, string>, method = 'app.info') =>
    fetch(`${base}/rpc/${method}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: '{}' });

  async function expectForbidden(res: Response, status: number, what: string) {
    expect(res.status, what).toBe(status);
    expect(res.headers.get('content-type'), what).toMatch(/^application\/json/);
    expect(res.headers.get('access-control-allow-origin'), what).toBeNull();
    const body = await res.text();
    expect(body, what).not.toMatch(/trackingUri|storePath/);
    return JSON.parse(body) as Record<string, unknown>;
  }

  it('answers with the token (control)', async () => {
    const res = await rpc({ authorization: `Bearer ${token}` });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ ok: true, value: { trackingUri: base } });
  });

  it('refuses /rpc without the token: 401 with a forbidden error as JSON', async () => {
    const body = await expectForbidden(await rpc({}), 401, 'no token');
    expect(body).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    // every method, not only app.info
    for (const m of ['experiments.list', 'runs.search', 'artifacts.read', 'models.delete', 'no.such.method']) {
      expect(await expectForbidden(await rpc({}, m), 401, m)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
  });

  it('refuses /rpc with a wrong token (also one of the same length, or the token in another scheme)', async () => {
    const wrong = [`Bearer ${token.slice(0, -1)}${token.endsWith('a') ? 'b' : 'a'}`, 'Bearer nope', `Basic ${token}`, `Bearer ${token}x`, `Bearer ${token.toUpperCase()}`, 'Bearer '];
    for (const authorization of wrong) {
      const body = await expectForbidden(await rpc({ authorization }), 401, authorization);
      expect(body).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
  });

  it('refuses /rpc from a foreign Origin even with the right token: 403', async () => {
    for (const origin of ['https://evil.example', 'null', `http://127.0.0.1.evil.example`, base.replace(/:(\d+)$/, (_, p: string) => `:${Number(p) + 1}`)]) {
      const res = await rpc({ authorization: `Bearer ${token}`, origin });
      const body = await expectForbidden(res, 403, origin);
      expect(body, origin).toMatchObject({ error_code: 'PERMISSION_DENIED' });
    }
    // our own origin is fine
    expect((await rpc({ authorization: `Bearer ${token}`, origin: base })).status).toBe(200);
  });

  it('refuses /rpc and /events under a foreign Host header (DNS rebinding) even with the token: 403', async () => {
    const port = Number(new URL(base).port);
    for (const [method, path] of [['POST', '/rpc/app.info'], ['GET', '/events'], ['GET', '/']] as const) {
      for (const host of ['evil.example', `evil.example:${port}`, `127.0.0.1.nip.io:${port}`]) {
        const res = await rawRequest(port, method, path, { host, authorization: `Bearer ${token}`, 'content-type': 'application/json' }, method === 'POST' ? '{}' : undefined);
        expect(res.status, `${method} ${path} Host: ${host}`).toBe(403);
        expect(res.body, `${method} ${path} Host: ${host}`).not.toMatch(/trackingUri|<html/i);
      }
    }
  });

  it('refuses /events without the token or with a wrong one: 401', async () => {
    for (const headers of [{}, { authorization: 'Bearer wrong' }] as Record<string, string>[]) {
      const res = await fetch(`${base}/events`, { headers });
      const body = await expectForbidden(res, 401, JSON.stringify(headers));
      expect(body).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
    // with the token it streams
    const ctrl = new AbortController();
    const res = await fetch(`${base}/events`, { headers: { authorization: `Bearer ${token}` }, signal: ctrl.signal });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
    ctrl.abort();
  });

  it('keeps the token out of the address bar and out of requests to the server', async () => {
    const { page, errors } = await openApp(mode);
    expect(page.url()).not.toContain(token);
    const sent: string[] = [];
    page.on('request', (r) => sent.push(r.url()));
    await page.reload();
    await page.locator('[data-app-ready="true"]').waitFor();
    expect(sent.filter((u) => u.includes(token))).toEqual([]);
    // a link opened in a new tab of the same browser (ctrl-click: no sessionStorage, same origin) is signed in too
    await page.evaluate(() => sessionStorage.clear());
    await page.goto(`${base}/#/experiments/0`);
    await page.getByTestId('tracking-uri').waitFor();
    // a page opened without the token gets no data
    const stranger = await mode.browser.newPage();
    const denied = stranger.waitForResponse((r) => r.url().includes('/rpc/') && r.status() === 401);
    await stranger.goto(base);
    await denied;
    expect(await stranger.getByTestId('run-row').count()).toBe(0);
    expect(await stranger.getByTestId('tracking-uri').count()).toBe(0);
    await stranger.close();
    expect(errors).toEqual([]);
    await page.close();
  }, 60_000);

  it('keeps the working token when another page opens the app with a token of its own', async () => {
    const { page, errors } = await openApp(mode);
    expect(await page.evaluate(() => localStorage.getItem('sextant.uiToken'))).toBe(token);
    for (const planted of ['0'.repeat(token.length), 'attacker']) {
      // what any web page can do: open our origin with a fragment it chose (a fresh load, not
      // a fragment change within the loaded page)
      await page.goto('about:blank');
      await page.goto(`${base}/#token=${planted}`);
      await page.getByTestId('tracking-uri').waitFor();
      expect(await page.evaluate(() => localStorage.getItem('sextant.uiToken')), planted).toBe(token);
      expect(page.url()).not.toContain(planted);
    }
    // a malformed route shows the app rather than an uncaught URIError
    await page.goto('about:blank');
    await page.goto(`${base}/#/runs/%E0%A4%A`);
    await page.locator('[data-app-ready="true"]').waitFor();
    await page.getByTestId('tracking-uri').waitFor();
    expect(errors).toEqual([]);
    await page.close();
  }, 60_000);

  it('tells a page without a valid token (none, or a stale one after a restart) how to get in', async () => {
    for (const [label, url] of [['no-token', base], ['stale-token', `${base}/#token=${'0'.repeat(token.length)}`]] as const) {
      const stranger = await mode.browser.newPage();
      const errors: string[] = [];
      stranger.on('pageerror', (e) => errors.push(e.message));
      const denied = stranger.waitForResponse((r) => r.url().includes('/rpc/') && r.status() === 401);
      await stranger.goto(url);
      await denied;
      // the transport turns the 401 into "This page has no valid token; open the URL that
      // `sextant serve` printed." — the page should say that (or anything about the token)
      const hint = stranger.getByText(/token|sextant serve/i).first();
      await expect.poll(() => hint.isVisible(), { message: `${label}: nothing on the page says the UI token is missing or wrong`, timeout: 10_000 }).toBe(true);
      await screenshot(stranger, `security-${label}`);
      expect(errors).toEqual([]);
      await stranger.close();
    }
  }, 60_000);
});

/** One HTTP request with exactly these headers (fetch will not send a foreign Host). */
function rawRequest(port: number, method: string, path: string, headers: Record<string, string>, body?: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method, path, headers, setHost: false }, (res) => {
      let text = '';
      res.on('data', (d: Buffer) => (text += d.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
      // an event stream would never end: the status is enough
      if (res.statusCode === 200 && path === '/events') {
        resolve({ status: 200, body: '' });
        req.destroy();
      }
    });
    req.on('error', reject);
    req.end(body);
  });
}
