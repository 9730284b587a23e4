import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventBus } from '../../../../../electron/events/event-bus';
import type { Handlers } from '../../../../../electron/ipc/dispatch';
import { HandoffCodes } from '../../../../../electron/server/routes/handoff-codes';
import { HANDOFF_PATH, isUiPath, uiRoutes } from '../../../../../electron/server/routes/ui-routes';
import { Routes } from '../../../../../electron/server/router';

const TOKEN = 'the-launch-token';

describe('POST /ui/handoff', () => {
  let server: Server;
  let base = '';
  let now = 0;
  const codes = new HandoffCodes(() => now);

  beforeAll(async () => {
    const routes = new Routes(() => undefined);
    // the hand-off route uses neither the handlers nor the bus
    uiRoutes(routes, { handlers: {} as Handlers, bus: {} as EventBus, uiToken: TOKEN, handoff: codes, rendererDir: '/nonexistent', log: () => undefined });
    server = createServer((req, res) => routes.handle(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const redeem = (body: string, contentType = 'application/json') =>
    fetch(`${base}${HANDOFF_PATH}`, { method: 'POST', headers: { 'content-type': contentType }, body });

  it('answers a fresh code with the token once, then 401', async () => {
    const code = codes.mint();
    const first = await redeem(JSON.stringify({ code }));
    expect(first.status).toBe(200);
    expect(first.headers.get('cache-control')).toBe('no-store');
    expect(await first.json()).toEqual({ token: TOKEN });

    const again = await redeem(JSON.stringify({ code }));
    expect(again.status).toBe(401);
    const body = await again.text();
    expect(body).not.toContain(TOKEN);
    expect(JSON.parse(body)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('refuses an expired code, an unknown one and a missing one with 401', async () => {
    const code = codes.mint();
    now += 60_001;
    for (const body of [{ code }, { code: 'nope' }, {}, { code: 42 }, null]) {
      const res = await redeem(JSON.stringify(body));
      expect(res.status, JSON.stringify(body)).toBe(401);
      expect(await res.text()).not.toContain(TOKEN);
    }
  });

  it('refuses a body that is not JSON, or not declared as JSON (a form post)', async () => {
    const code = codes.mint();
    expect((await redeem(`code=${code}`, 'application/x-www-form-urlencoded')).status).toBe(415);
    expect((await redeem(JSON.stringify({ code }), 'text/plain')).status).toBe(415);
    expect((await redeem('{not json')).status).toBe(400);
    expect((await redeem('x'.repeat(5000))).status).toBe(400);
    // none of that used the code up
    expect(await (await redeem(JSON.stringify({ code }))).json()).toEqual({ token: TOKEN });
  });

  it('is a browser-mode path, so the MLflow API token does not guard it (the code does)', () => {
    expect(isUiPath(HANDOFF_PATH)).toBe(true);
    expect(isUiPath(`${HANDOFF_PATH}/x`)).toBe(false);
  });
});
