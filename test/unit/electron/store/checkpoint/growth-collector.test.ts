import { describe, expect, it } from 'vitest';
import { GrowthCollector } from '../../../../../electron/store/checkpoint/growth-collector';

function setup(start: number, step?: number) {
  const state = { bytes: start, collections: 0 };
  const collector = new GrowthCollector(() => state.bytes, () => state.collections++, step);
  return { state, collector };
}

describe('GrowthCollector', () => {
  it('collects once the database has grown by a step since the last collection, and not before', () => {
    const { state, collector } = setup(1000, 1 / 10);
    state.bytes = 1099;
    expect(collector.afterWrites()).toBe(false);
    state.bytes = 1100;
    expect(collector.afterWrites()).toBe(true);
    expect(state.collections).toBe(1);
    // growth now counts from 1100
    state.bytes = 1200;
    expect(collector.afterWrites()).toBe(false);
    state.bytes = 1210;
    expect(collector.afterWrites()).toBe(true);
    expect(state.collections).toBe(2);
  });

  it('never collects while the size does not change', () => {
    const { state, collector } = setup(4096);
    for (let i = 0; i < 100; i++) collector.afterWrites();
    expect(state.collections).toBe(0);
  });

  it('counts growth from a collection made elsewhere', () => {
    const { state, collector } = setup(1000, 1 / 10);
    state.bytes = 1090;
    collector.collected();
    state.bytes = 1150;
    expect(collector.afterWrites()).toBe(false);
    state.bytes = 1199;
    expect(collector.afterWrites()).toBe(true);
  });

  it('counts growth from the smaller size after the database shrank', () => {
    const { state, collector } = setup(1000, 1 / 10);
    state.bytes = 500;
    expect(collector.afterWrites()).toBe(false);
    state.bytes = 560;
    expect(collector.afterWrites()).toBe(true);
    expect(state.collections).toBe(1);
  });
});
