import { describe, expect, it } from 'vitest';
import { assignRowSlots } from '../../../../../renderer/components/runs-table/row-slots';

const keys = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => `r${from + i}`);
const slotsOf = (m: Map<string, number>, ks: string[]) => ks.map((k) => m.get(k));

describe('assignRowSlots', () => {
  it('gives the first rows drawn slots 0..n-1 in order', () => {
    expect(slotsOf(assignRowSlots(new Map(), keys(0, 4)), keys(0, 4))).toEqual([0, 1, 2, 3]);
  });

  it('scrolling down: rows that stay keep their slots, rows coming in take the slots of rows that left', () => {
    const first = assignRowSlots(new Map(), keys(0, 5));
    const next = assignRowSlots(first, keys(2, 7));
    expect(slotsOf(next, keys(2, 5))).toEqual([2, 3, 4]);
    expect(slotsOf(next, ['r5', 'r6'])).toEqual([0, 1]);
  });

  it('a jump where no row stays reuses every slot in the order the old rows were drawn (no element moves)', () => {
    const first = assignRowSlots(new Map(), keys(0, 5));
    const next = assignRowSlots(first, keys(100, 105));
    expect(slotsOf(next, keys(100, 105))).toEqual([0, 1, 2, 3, 4]);
    // and again from there
    const again = assignRowSlots(assignRowSlots(next, keys(101, 106)), keys(300, 305));
    expect(new Set(again.values())).toEqual(new Set([0, 1, 2, 3, 4]));
  });

  it('scrolling up: rows coming in above rows that stay get new slots, none taken by another row', () => {
    const first = assignRowSlots(new Map(), keys(10, 15));
    const next = assignRowSlots(first, keys(8, 13));
    expect(slotsOf(next, keys(10, 13))).toEqual([0, 1, 2]);
    const arrived = slotsOf(next, ['r8', 'r9']);
    expect(arrived.every((s) => s !== undefined && s >= 5)).toBe(true);
    expect(new Set(next.values()).size).toBe(5);
  });

  it('drawing more rows than before adds slots; fewer rows drop the slots of rows that left', () => {
    const first = assignRowSlots(new Map(), keys(0, 3));
    const more = assignRowSlots(first, keys(0, 6));
    expect(slotsOf(more, keys(0, 6))).toEqual([0, 1, 2, 3, 4, 5]);
    const fewer = assignRowSlots(more, keys(4, 6));
    expect(slotsOf(fewer, keys(4, 6))).toEqual([4, 5]);
    expect(fewer.size).toBe(2);
  });

  it('slots stay unique over a long scroll down and up', () => {
    let slots = new Map<string, number>();
    const starts = [0, 3, 9, 40, 41, 38, 30, 31, 0, 200, 198];
    for (const s of starts) {
      slots = assignRowSlots(slots, keys(s, s + 8));
      expect(new Set(slots.values()).size).toBe(8);
      expect([...slots.keys()]).toEqual(keys(s, s + 8));
    }
  });
});
