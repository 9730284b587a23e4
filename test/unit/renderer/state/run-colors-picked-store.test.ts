import { describe, expect, it } from 'vitest';
import { createPickedColorsStore, PICKED_COLORS_KEY, readPicked, type ColorStorage } from '../../../../renderer/state/run-colors-picked-store';

function memoryStorage(initial: Record<string, string> = {}): ColorStorage & { data: Record<string, string> } {
  const data = { ...initial };
  return { data, getItem: (k) => data[k] ?? null, setItem: (k, v) => void (data[k] = v) };
}

describe('picked run colours', () => {
  it('keeps a pick in storage, where a new store (a reload) finds it', () => {
    const storage = memoryStorage();
    let changes = 0;
    const store = createPickedColorsStore(storage, () => changes++);
    store.getState().pick('run-1', '#AABBCC');
    expect(store.getState().picked).toEqual({ 'run-1': '#aabbcc' });
    expect(changes).toBe(1);
    expect(createPickedColorsStore(storage).getState().picked).toEqual({ 'run-1': '#aabbcc' });
  });

  it('forgets a pick on reset, and a reset of nothing changes nothing', () => {
    const storage = memoryStorage({ [PICKED_COLORS_KEY]: JSON.stringify({ a: '#112233', b: '#445566' }) });
    let changes = 0;
    const store = createPickedColorsStore(storage, () => changes++);
    store.getState().reset('a');
    expect(store.getState().picked).toEqual({ b: '#445566' });
    expect(JSON.parse(storage.data[PICKED_COLORS_KEY]!)).toEqual({ b: '#445566' });
    store.getState().reset('nope');
    expect(changes).toBe(1);
  });

  it('refuses a colour that is not #rrggbb', () => {
    const store = createPickedColorsStore(memoryStorage());
    expect(() => store.getState().pick('a', 'red')).toThrow();
    expect(store.getState().picked).toEqual({});
  });

  it('reads past malformed storage: bad JSON, arrays, non-colours', () => {
    expect(readPicked(memoryStorage({ [PICKED_COLORS_KEY]: '{oops' }))).toEqual({});
    expect(readPicked(memoryStorage({ [PICKED_COLORS_KEY]: '["#112233"]' }))).toEqual({});
    expect(readPicked(memoryStorage({ [PICKED_COLORS_KEY]: JSON.stringify({ a: '#112233', b: 7, c: 'blue' }) }))).toEqual({ a: '#112233' });
    expect(readPicked(null)).toEqual({});
  });

  it('still holds a pick for the session when storage refuses to write', () => {
    const storage: ColorStorage = { getItem: () => null, setItem: () => { throw new Error('quota'); } };
    const store = createPickedColorsStore(storage);
    store.getState().pick('a', '#123456');
    expect(store.getState().picked).toEqual({ a: '#123456' });
  });
});
