import { beforeEach, describe, expect, it } from 'vitest';
import { HEAP_GROWING_PERCENT, resetHeapGrowthForTests, widenHeapGrowth } from '../../../electron/heap-growth';

describe('widenHeapGrowth', () => {
  beforeEach(() => resetHeapGrowthForTests());

  it("sets V8's heap growing factor once per process", () => {
    const set: string[] = [];
    const deps = { setFlags: (f: string) => void set.push(f), execArgv: [], nodeOptions: undefined };
    expect(widenHeapGrowth(deps)).toBe(true);
    expect(widenHeapGrowth(deps)).toBe(false);
    expect(set).toEqual([`--heap-growing-percent=${HEAP_GROWING_PERCENT}`]);
  });

  it('leaves a factor the process was started with alone (flags or NODE_OPTIONS)', () => {
    for (const given of [{ execArgv: ['--heap-growing-percent=30'], nodeOptions: undefined }, { execArgv: [], nodeOptions: '--max-old-space-size=512 --heap_growing_percent=20' }]) {
      resetHeapGrowthForTests();
      const set: string[] = [];
      expect(widenHeapGrowth({ setFlags: (f) => void set.push(f), ...given })).toBe(false);
      expect(set).toEqual([]);
    }
  });
});
