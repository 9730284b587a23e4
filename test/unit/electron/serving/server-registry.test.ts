import { describe, expect, it } from 'vitest';
import type { ServerView } from '../../../../shared/ipc/serving-types';
import { ServerRegistry, serverRegistryOf, type ServingEvent } from '../../../../electron/serving/server-registry';

const view = (id: string): ServerView => ({ id, modelUri: 'models:/m/1', resolved: {}, host: '127.0.0.1', port: 5001, url: 'http://127.0.0.1:5001', state: 'starting', startedAt: 1, lines: [] });

describe('ServerRegistry', () => {
  it('keeps each server\'s state and output, tells listeners, and wakes those waiting for its end', async () => {
    const r = new ServerRegistry();
    const events: ServingEvent[] = [];
    r.subscribe((e) => events.push(e));
    r.add(view('a'));
    r.output('a', 'line 1');
    r.update('a', { state: 'ready' });
    let ended = false;
    const waiting = r.ended('a').then(() => (ended = true));
    await Promise.resolve();
    expect(ended).toBe(false);
    r.update('a', { state: 'stopped', endedAt: 2 });
    await waiting;
    expect(ended).toBe(true);
    expect(r.get('a')).toMatchObject({ state: 'stopped', endedAt: 2, lines: ['line 1'] });
    expect(events.map((e) => (e.type === 'changed' ? `changed:${e.server.state}` : `output:${e.text}`))).toEqual(['changed:starting', 'output:line 1', 'changed:ready', 'changed:stopped']);
    // views are copies: a listener or caller changing one changes nothing here
    r.get('a')!.lines.push('x');
    expect(r.get('a')!.lines).toEqual(['line 1']);
    await r.ended('unknown'); // resolves at once
  });

  it('keeps the last 200 lines of a server and the last 20 ended servers besides the running ones', () => {
    const r = new ServerRegistry();
    r.add(view('running'));
    for (let i = 0; i < 250; i++) r.output('running', `l${i}`);
    expect(r.get('running')!.lines).toHaveLength(200);
    expect(r.get('running')!.lines[0]).toBe('l50');
    for (let i = 0; i < 25; i++) {
      r.add(view(`e${i}`));
      r.update(`e${i}`, { state: i % 2 ? 'failed' : 'stopped' });
    }
    r.add(view('last'));
    expect(r.list().map((v) => v.id)).toEqual(['running', ...Array.from({ length: 20 }, (_, i) => `e${i + 5}`), 'last']);
  });

  it('is one registry per store object', () => {
    const a = {};
    expect(serverRegistryOf(a)).toBe(serverRegistryOf(a));
    expect(serverRegistryOf(a)).not.toBe(serverRegistryOf({}));
  });
});
