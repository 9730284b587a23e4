import { describe, expect, it } from 'vitest';
import { createServersStore } from '../../../../renderer/state/serving-servers-store';
import { fakeServingPort, server } from './serving-fake-port';

describe('model servers store', () => {
  it('lists, starts, follows serving.changed and streams serving.output into each server’s log', async () => {
    const fake = fakeServingPort({ list: async () => [server({ id: 'old', state: 'stopped', lines: ['bye'] })] });
    const store = createServersStore(fake.port);
    await store.getState().refresh();
    const started = await store.getState().start({ modelUri: 'models:/iris@champion', port: 6000, envManager: 'local' });
    expect(fake.starts).toEqual([{ modelUri: 'models:/iris@champion', port: 6000, envManager: 'local' }]);
    expect(store.getState().servers.map((s) => [s.id, s.state])).toEqual([['old', 'stopped'], ['s1', 'starting']]);
    expect(store.getState().logs.old!.lines).toEqual(['bye']);
    fake.output(started.id, 'Listening at: http://127.0.0.1:6000\n[INFO] Booting');
    fake.changed(server({ state: 'ready', port: 6000 }));
    expect(store.getState().servers[1]).toMatchObject({ state: 'ready', port: 6000 });
    expect(store.getState().logs.s1).toMatchObject({ lines: ['Listening at: http://127.0.0.1:6000', '[INFO] Booting'], partial: '' });
    await store.getState().stop('s1');
    expect(fake.stops).toEqual(['s1']);
    expect(store.getState().servers[1]!.state).toBe('stopped'); // from stop's answer, before any event
    fake.changed(server({ state: 'ready' })); // a late event of the live server does not revive it
    expect(store.getState().servers[1]!.state).toBe('stopped');
  });

  it('keeps the reason the list could not be read, and a refused start goes to the caller', async () => {
    const fake = fakeServingPort({ list: async () => Promise.reject(new Error('offline')), start: async () => Promise.reject(new Error('port 5001 is in use')) });
    const store = createServersStore(fake.port);
    await store.getState().refresh();
    expect(store.getState().error).toBe('offline');
    await expect(store.getState().start({ modelUri: 'models:/iris/1' })).rejects.toThrow('port 5001 is in use');
    expect(store.getState().servers).toEqual([]);
  });

  it('keeps the newer state when an answer and an event cross (a ready event before the start’s answer)', async () => {
    const fake = fakeServingPort({
      start: async () => {
        fake.changed(server({ state: 'ready', lines: ['Listening at: http://127.0.0.1:5001'] }));
        return server({ state: 'starting', lines: ['resolving models:/iris/1'] });
      },
    });
    const store = createServersStore(fake.port);
    await store.getState().start({ modelUri: 'models:/iris/1' });
    expect(store.getState().servers.map((s) => s.state)).toEqual(['ready']);
    expect(store.getState().logs.s1!.lines).toEqual(['Listening at: http://127.0.0.1:5001']);
    fake.changed(server({ state: 'failed', error: 'exit code 1' }));
    expect(store.getState().servers[0]).toMatchObject({ state: 'failed', error: 'exit code 1' });
  });

  it('reads the list once on refresh and seeds each log from its view’s lines until output streams', async () => {
    let view = server({ state: 'ready', lines: ['resolving models:/iris/1'] });
    let reads = 0;
    const fake = fakeServingPort({ list: async () => (reads++, [view]) });
    const store = createServersStore(fake.port);
    await store.getState().refresh();
    expect(reads).toBe(1);
    expect(store.getState().logs.s1!.lines).toEqual(['resolving models:/iris/1']);
    fake.output('s1', 'request 1\n');
    view = server({ state: 'stopped', lines: ['old'] });
    await store.getState().refresh();
    expect(store.getState().servers[0]!.state).toBe('stopped');
    expect(store.getState().logs.s1!.lines.at(-1)).toBe('request 1');
  });

  it('takes each output event as whole lines, and drops only what the first one repeats of the seeded lines', async () => {
    const fake = fakeServingPort({ start: async () => server({ lines: ['resolving models:/iris/1'] }) });
    const store = createServersStore(fake.port);
    await store.getState().start({ modelUri: 'models:/iris/1' });
    fake.output('s1', 'resolving models:/iris/1');
    fake.output('s1', 'GET /ping 200');
    fake.output('s1', 'GET /ping 200');
    fake.output('s1', 'a\nb\n');
    expect(store.getState().logs.s1).toMatchObject({ lines: ['resolving models:/iris/1', 'GET /ping 200', 'GET /ping 200', 'a', 'b'], partial: '' });
  });
});
