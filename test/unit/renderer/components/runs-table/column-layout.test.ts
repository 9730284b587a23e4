import { describe, expect, it } from 'vitest';
import { autoFitWidth, clampWidth, MAX_COLUMN_WIDTH, MIN_COLUMN_WIDTH, placeColumns, reorderColumnIds, splitPinned } from '../../../../../renderer/components/runs-table/column-layout';
import { columnFor } from '../../../../../renderer/components/runs-table/columns';

const cols = ['attributes.status', 'metrics.loss', 'metrics.acc', 'params.lr'].map((id) => columnFor(id)!);

describe('column layout', () => {
  it('keeps a dragged width between the narrowest and the widest, in whole pixels', () => {
    expect(clampWidth(10)).toBe(MIN_COLUMN_WIDTH);
    expect(clampWidth(5000)).toBe(MAX_COLUMN_WIDTH);
    expect(clampWidth(133.6)).toBe(134);
    expect(clampWidth(NaN)).toBe(MIN_COLUMN_WIDTH);
  });

  it('moves a dropped column to the place of the one it was dropped on', () => {
    const ids = ['a', 'b', 'c', 'd'];
    expect(reorderColumnIds(ids, 'a', 'c')).toEqual(['b', 'c', 'a', 'd']);
    expect(reorderColumnIds(ids, 'd', 'b')).toEqual(['a', 'd', 'b', 'c']);
    expect(reorderColumnIds(ids, 'b', 'b')).toEqual(ids);
    expect(reorderColumnIds(ids, 'x', 'b')).toEqual(ids);
    expect(reorderColumnIds(ids, 'b', 'x')).toEqual(ids);
  });

  it('fits a column to its widest content plus padding, within the limits', () => {
    expect(autoFitWidth([40.2, 88.1, 12], 18)).toBe(107);
    expect(autoFitWidth([], 18)).toBe(MIN_COLUMN_WIDTH);
    expect(autoFitWidth([3000], 18)).toBe(MAX_COLUMN_WIDTH);
  });

  it('splits pinned columns from scrolling ones, both in column order', () => {
    const { pinned, scrolling } = splitPinned(cols, new Set(['params.lr', 'metrics.loss', 'gone']));
    expect(pinned.map((c) => c.id)).toEqual(['metrics.loss', 'params.lr']);
    expect(scrolling.map((c) => c.id)).toEqual(['attributes.status', 'metrics.acc']);
  });

  it('places columns side by side from a start', () => {
    const placed = placeColumns(cols.slice(0, 3), (c) => (c.kind === 'metric' ? 100 : 50), 234);
    expect(placed.map((p) => [p.column.id, p.left, p.width])).toEqual([
      ['attributes.status', 234, 50],
      ['metrics.loss', 284, 100],
      ['metrics.acc', 384, 100],
    ]);
  });
});
