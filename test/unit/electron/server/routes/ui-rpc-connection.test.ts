import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventBus } from '../../../../../electron/events/event-bus';
import type { CallContext, Handlers } from '../../../../../electron/ipc/dispatch';
import { HandoffCodes } from '../../../../../electron/server/routes/handoff-codes';
import { uiRoutes } from '../../../../../electron/server/routes/ui-routes';
import { Routes } from '../../../../../electron/server/router';

const TOKEN = 'the-launch-token';

// POST /rpc/<method> hands the handler the connection's two ends, as the socket has them: what
// the store session decides "from this machine" with. The machine running the tests has no
// second host, so a client elsewhere is played by rewriting the socket's remote address before
// the route sees the request (everything else is a real HTTP request).
describe('POST /rpc/<method>: the call context carries the connection', () => {
  let server: Server;
  let base = '';
  let pretendFrom: string | null = null;
  const seen: CallContext[] = [];

  beforeAll(async () => {
    const routes = new Routes(() => undefined);
    const handlers = { 'app.info': (_input: unknown, ctx: CallContext) => (seen.push(ctx), { trackingUri: '', storePath: '', storeBytes: 0, version: 't' }) } as unknown as Handlers;
    uiRoutes(routes, { handlers, bus: {} as EventBus, uiToken: TOKEN, handoff: new HandoffCodes(), rendererDir: '/nonexistent', log: () => undefined });
    server = createServer((req, res) => {
      if (pretendFrom !== null) Object.defineProperty(req.socket, 'remoteAddress', { value: pretendFrom, configurable: true });
      routes.handle(req, res);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const call = async () => {
    const res = await fetch(`${base}/rpc/app.info`, { method: 'POST', headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json', connection: 'close' }, body: '{}' });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ ok: true });
    return seen.at(-1);
  };

  it('a browser here: loopback on both ends', async () => {
    pretendFrom = null;
    expect(await call()).toEqual({ transport: 'http', connection: { remoteAddress: '127.0.0.1', localAddress: '127.0.0.1' } });
  });

  it('a client elsewhere: its own address', async () => {
    pretendFrom = '192.0.2.77';
    expect(await call()).toEqual({ transport: 'http', connection: { remoteAddress: '192.0.2.77', localAddress: '127.0.0.1' } });
  });
});
