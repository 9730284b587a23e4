import { describe, expect, it } from 'vitest';
import { EVENT_CHANNEL, RPC_CHANNEL } from '../../../../shared/ipc/channels';
import type { EventMessage, RpcResult } from '../../../../shared/ipc/contract';
import type { Handlers } from '../../../../electron/ipc/dispatch';
import { registerIpc, type InvokeEventLike, type IpcMainLike, type WebContentsLike } from '../../../../electron/ipc/register-ipc';
import { isAppUrl } from '../../../../electron/app/app-origin';

type Listener = (event: InvokeEventLike, ...args: unknown[]) => unknown;

class FakeIpcMain implements IpcMainLike {
  listeners = new Map<string, Listener>();
  handle(channel: string, listener: Listener) {
    this.listeners.set(channel, listener);
  }
  removeHandler(channel: string) {
    this.listeners.delete(channel);
  }
  invoke(event: InvokeEventLike, msg: unknown) {
    return Promise.resolve(this.listeners.get(RPC_CHANNEL)!(event, msg)) as Promise<RpcResult>;
  }
}

class FakeBus {
  listeners = new Set<(msg: EventMessage) => void>();
  subscribe(listener: (msg: EventMessage) => void) {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }
  emit(msg: EventMessage) {
    for (const l of this.listeners) l(msg);
  }
}

class FakeContents implements WebContentsLike {
  sent: unknown[][] = [];
  constructor(private url: string, private destroyed = false) {}
  isDestroyed = () => this.destroyed;
  getURL = () => this.url;
  send(channel: string, ...args: unknown[]) {
    this.sent.push([channel, ...args]);
  }
}

const seen: unknown[] = [];
const handlers = {
  'experiments.get': (input: { id: string }) => {
    seen.push(input);
    return { experiment_id: input.id };
  },
} as unknown as Handlers;

const top = (url: string): InvokeEventLike => ({ senderFrame: { url, parent: null } });
const app = top('app://sextant/index.html#/runs/1');

function setup(targets: WebContentsLike[] = []) {
  const ipc = new FakeIpcMain();
  const bus = new FakeBus();
  const logs: string[] = [];
  const dispose = registerIpc(ipc, { handlers, events: bus, isTrusted: isAppUrl, targets: () => targets, log: (m) => logs.push(m) });
  return { ipc, bus, logs, dispose };
}

describe('registerIpc: the sender check', () => {
  it('answers a call from the top frame of the app:// origin', async () => {
    const { ipc } = setup();
    expect(await ipc.invoke(app, { method: 'experiments.get', input: { id: '7' } })).toEqual({ ok: true, value: { experiment_id: '7' } });
  });

  it.each([
    ['an iframe of our own page', { senderFrame: { url: 'app://sextant/index.html', parent: {} } }],
    ['a foreign https origin', top('https://evil.example/')],
    ['a look-alike host', top('app://sextant.evil.example/index.html')],
    ['our host with a port', top('app://sextant:8080/index.html')],
    ['a file: page', top('file:///work/out/renderer/index.html')],
    ['the browser-mode page over http', top('http://127.0.0.1:5000/')],
    ['a blob: document', top('blob:app://sextant/5b1c')],
    ['a missing (destroyed) frame', { senderFrame: null }],
    ['a frame that throws when read', { get senderFrame(): never { throw new Error('Render frame was disposed') } }],
  ])('refuses %s as forbidden before any handler runs', async (_label, event) => {
    seen.length = 0;
    const { ipc, logs } = setup();
    const res = await ipc.invoke(event as InvokeEventLike, { method: 'experiments.get', input: { id: '7' } });
    expect(res).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(seen).toEqual([]);
    expect(logs.join('\n')).toContain('refused an IPC call');
  });
});

describe('registerIpc: payloads reach dispatch', () => {
  it('turns a bad input into bad_input (the contract schema runs) and never calls the handler', async () => {
    seen.length = 0;
    const { ipc } = setup();
    for (const input of [{ id: 7 }, { id: '' }, { id: 'x'.repeat(300) }, 'not an object', [1, 2]]) {
      expect(await ipc.invoke(app, { method: 'experiments.get', input })).toMatchObject({ ok: false, error: { code: 'bad_input' } });
    }
    expect(seen).toEqual([]);
  });

  it('answers unknown and prototype method names as unknown_method', async () => {
    const { ipc } = setup();
    for (const method of ['nope', '__proto__', 'constructor']) {
      expect(await ipc.invoke(app, { method, input: {} })).toMatchObject({ ok: false, error: { code: 'unknown_method' } });
    }
  });

  it('refuses messages that are not { method: string, input } as bad_input', async () => {
    const { ipc } = setup();
    for (const msg of [null, undefined, 'experiments.get', 42, { input: {} }, { method: 5 }, { method: 'm'.repeat(201) }]) {
      expect(await ipc.invoke(app, msg)).toMatchObject({ ok: false, error: { code: 'bad_input' } });
    }
  });

  it('strips __proto__ and unknown keys on the way in', async () => {
    seen.length = 0;
    const { ipc } = setup();
    const input = JSON.parse('{"id":"7","__proto__":{"polluted":true},"extra":1}') as unknown;
    expect(await ipc.invoke(app, { method: 'experiments.get', input })).toMatchObject({ ok: true });
    expect(seen).toEqual([{ id: '7' }]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('registerIpc: events', () => {
  const msg: EventMessage = { event: 'runs.changed', payload: { experimentIds: ['1'], runIds: ['r'] } };

  it('pushes bus events on the event channel only to live windows showing the app', () => {
    const ours = new FakeContents('app://sextant/index.html');
    const foreign = new FakeContents('https://evil.example/');
    const gone = new FakeContents('app://sextant/index.html', true);
    const { bus } = setup([ours, foreign, gone]);
    bus.emit(msg);
    expect(ours.sent).toEqual([[EVENT_CHANNEL, msg]]);
    expect(foreign.sent).toEqual([]);
    expect(gone.sent).toEqual([]);
  });

  it('undoes both the handler and the subscription', () => {
    const ours = new FakeContents('app://sextant/index.html');
    const { ipc, bus, dispose } = setup([ours]);
    dispose();
    expect(ipc.listeners.has(RPC_CHANNEL)).toBe(false);
    bus.emit(msg);
    expect(ours.sent).toEqual([]);
  });
});
