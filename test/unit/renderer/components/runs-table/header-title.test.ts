import { describe, expect, it } from 'vitest';
import { columnFor, NAME_COLUMN } from '../../../../../renderer/components/runs-table/columns';
import { headerTitle, sortArrow } from '../../../../../renderer/components/runs-table/header-title';

describe('header title', () => {
  it('names the kind and the full key, and how to sort', () => {
    const long = columnFor('metrics.validation/top5_accuracy_on_the_held_out_set')!;
    const title = headerTitle(long, null);
    expect(title.split('\n')[0]).toBe('metric · validation/top5_accuracy_on_the_held_out_set');
    expect(title).toMatch(/Click to sort \(ascending, descending, then off\)/);
    expect(headerTitle(columnFor('params.lr')!, null)).toMatch(/^param · lr\n/);
    expect(headerTitle(columnFor('attributes.status')!, null)).toMatch(/^attribute · Status\n/);
  });

  it('says how the column is sorted now', () => {
    const loss = columnFor('metrics.loss')!;
    expect(headerTitle(loss, { columnId: 'metrics.loss', desc: true })).toContain('Sorted descending');
    expect(headerTitle(loss, { columnId: 'metrics.acc', desc: true })).not.toContain('Sorted');
    expect(sortArrow({ columnId: NAME_COLUMN.id, desc: false }, NAME_COLUMN.id)).toBe(' ↑');
    expect(sortArrow({ columnId: 'metrics.loss', desc: true }, 'metrics.loss')).toBe(' ↓');
    expect(sortArrow(null, 'metrics.loss')).toBe('');
  });
});
