import { describe, expect, it } from 'vitest';
import { pickRunColor, resetRunColor, runColor, pickedRunColors } from '../../../../../renderer/components/run-colors/run-colors';
import { RUN_COLORS } from '../../../../../renderer/components/run-colors/palette';

describe('runColor', () => {
  it('answers distinct palette colours for the runs asked for first, the same on every ask', () => {
    const ids = Array.from({ length: 10 }, (_, i) => `run-${i}`);
    const first = ids.map(runColor);
    expect(new Set(first).size).toBe(10);
    expect(first.every((c) => RUN_COLORS.includes(c))).toBe(true);
    expect(ids.map(runColor)).toEqual(first);
  });

  it('answers a picked colour over the assigned one, and the assigned one again after Reset', () => {
    const assigned = runColor('run-3');
    let changes = 0;
    const stop = pickedRunColors.subscribe(() => changes++);
    pickRunColor('run-3', '#123456');
    expect(runColor('run-3')).toBe('#123456');
    resetRunColor('run-3');
    expect(runColor('run-3')).toBe(assigned);
    expect(changes).toBe(2);
    stop();
  });
});
