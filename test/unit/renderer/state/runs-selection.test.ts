import { describe, expect, it } from 'vitest';
import { keepKnown, selectRange, toggleOne } from '../../../../renderer/state/runs-selection';

describe('selection', () => {
  const shown = ['a', 'b', 'c', 'd', 'e'];

  it('toggles one run', () => {
    expect([...toggleOne(new Set(['a']), 'b')]).toEqual(['a', 'b']);
    expect([...toggleOne(new Set(['a', 'b']), 'a')]).toEqual(['b']);
  });

  it('adds the whole shown range between anchor and target, either direction', () => {
    expect([...selectRange(new Set(['a']), shown, 'b', 'd')].sort()).toEqual(['a', 'b', 'c', 'd']);
    expect([...selectRange(new Set(), shown, 'e', 'c')].sort()).toEqual(['c', 'd', 'e']);
  });

  it('falls back to a toggle without a usable anchor', () => {
    expect([...selectRange(new Set(), shown, null, 'c')]).toEqual(['c']);
    expect([...selectRange(new Set(), shown, 'gone', 'c')]).toEqual(['c']);
  });

  it('keeps only known ids, returning the same set when nothing changed', () => {
    const sel = new Set(['a', 'b']);
    expect(keepKnown(sel, new Set(['a', 'b', 'c']))).toBe(sel);
    expect([...keepKnown(sel, new Set(['b']))]).toEqual(['b']);
  });
});
