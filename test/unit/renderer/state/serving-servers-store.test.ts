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
    expect(store.getState().logs.s1).toMatchObject({ lines: ['Listening at: http://127.0.0.1:6000'], partial: '[INFO] Booting' });
    await store.getState().stop('s1');
    expect(fake.stops).toEqual(['s1']);
    fake.changed(server({ state: 'stopped', endedAt: 9 }));
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
});
