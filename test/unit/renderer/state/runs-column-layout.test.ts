import { describe, expect, it } from 'vitest';
import { MAX_COLUMN_WIDTH } from '../../../../renderer/components/runs-table/column-layout';
import { columnLayoutKey, createColumnLayoutStore, readColumnLayout } from '../../../../renderer/state/runs-column-layout';

function memoryStorage() {
  const items = new Map<string, string>();
  return { items, getItem: (k: string) => items.get(k) ?? null, setItem: (k: string, v: string) => void items.set(k, v) };
}

describe('runs column layout', () => {
  it('remembers widths and pinned columns per experiment', () => {
    const storage = memoryStorage();
    const a = createColumnLayoutStore(storage, '1');
    a.getState().setWidth('metrics.loss', 180);
    a.getState().setWidth('attributes.run_name', 99999);
    a.getState().setPinned('metrics.loss', true);
    a.getState().setPinned('metrics.loss', true);
    a.getState().setPinned('params.lr', true);
    a.getState().setPinned('params.lr', false);

    const again = createColumnLayoutStore(storage, '1').getState();
    expect(again.widths).toEqual({ 'metrics.loss': 180, 'attributes.run_name': MAX_COLUMN_WIDTH });
    expect(again.pinned).toEqual(['metrics.loss']);
    expect(createColumnLayoutStore(storage, '2').getState()).toMatchObject({ widths: {}, pinned: [] });

    a.getState().resetWidth('metrics.loss');
    expect(readColumnLayout(storage, '1').widths).toEqual({ 'attributes.run_name': MAX_COLUMN_WIDTH });
  });

  it('ignores malformed saved layouts, field by field', () => {
    const storage = memoryStorage();
    storage.setItem(columnLayoutKey('1'), '{not json');
    expect(readColumnLayout(storage, '1')).toEqual({ widths: {}, pinned: [] });
    storage.setItem(columnLayoutKey('1'), JSON.stringify({ widths: { a: 'wide', b: 150 }, pinned: ['x', 3, 'x'] }));
    expect(readColumnLayout(storage, '1')).toEqual({ widths: { b: 150 }, pinned: ['x'] });
    expect(readColumnLayout(null, '1')).toEqual({ widths: {}, pinned: [] });
  });
});
