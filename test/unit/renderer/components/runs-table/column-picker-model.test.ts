import { describe, expect, it } from 'vitest';
import { moveColumn, pickerSections, toggleColumn } from '../../../../../renderer/components/runs-table/column-picker-model';

const keys = { metrics: ['loss', 'val_loss', 'acc'], params: ['lr', 'layers'], tags: ['mlflow.user', 'team'] };

describe('column picker', () => {
  it('lists every kind, user tags before system tags', () => {
    const sections = pickerSections(keys, '');
    expect(sections.map((s) => s.title)).toEqual(['Attributes', 'Metrics', 'Parameters', 'Tags']);
    expect(sections[3]!.items.map((i) => [i.label, i.system])).toEqual([['team', false], ['mlflow.user', true]]);
  });

  it('searches case-insensitively anywhere in the key, hiding empty sections', () => {
    const sections = pickerSections(keys, 'LOSS');
    expect(sections.map((s) => [s.title, s.items.map((i) => i.id)])).toEqual([['Metrics', ['metrics.loss', 'metrics.val_loss']]]);
    expect(pickerSections(keys, 'params.l')[0]!.items.map((i) => i.id)).toEqual(['params.lr', 'params.layers']);
    expect(pickerSections(keys, 'zzz')).toEqual([]);
  });

  it('caps each list and says how many more match', () => {
    const many = { metrics: Array.from({ length: 250 }, (_, i) => `m${i}`), params: [], tags: [] };
    const metrics = pickerSections(many, 'm').find((s) => s.kind === 'metric')!;
    expect(metrics.items).toHaveLength(200);
    expect(metrics.more).toBe(50);
  });

  it('toggles and moves columns, keeping the others in order', () => {
    expect(toggleColumn(['a', 'b'], 'c')).toEqual(['a', 'b', 'c']);
    expect(toggleColumn(['a', 'b', 'c'], 'b')).toEqual(['a', 'c']);
    expect(moveColumn(['a', 'b', 'c'], 'c', -1)).toEqual(['a', 'c', 'b']);
    expect(moveColumn(['a', 'b', 'c'], 'a', -1)).toEqual(['a', 'b', 'c']);
  });
});
