import { describe, expect, it } from 'vitest';
import { diffRows, differing } from '../../../../../renderer/components/charts/diff';
import { makeRun } from './fixtures';

const runs = [
  makeRun('a', { params: { lr: '0.1', seed: '1' }, metrics: { loss: 0.1234561, acc: 0.9 }, tags: { team: 'x', 'mlflow.user': 'ann' } }),
  makeRun('b', { params: { lr: '0.2', seed: '1' }, metrics: { loss: 0.1234562, acc: 0.9 }, tags: { team: 'x', 'mlflow.user': 'bob' } }),
  makeRun('c', { params: { seed: '1' }, metrics: { acc: 0.9 }, tags: { team: 'x' } }),
];

describe('diff of runs', () => {
  it('lines up params, metrics and tags with a value per run', () => {
    const rows = diffRows(runs);
    expect(rows.map((r) => `${r.section}:${r.key}`)).toEqual(['params:lr', 'params:seed', 'metrics:acc', 'metrics:loss', 'tags:team']);
    expect(rows[0]!.values).toEqual(['0.1', '0.2', null]);
  });

  it('says what differs: changed values and missing ones, exact metric values even when the display is equal', () => {
    const rows = diffRows(runs);
    expect(differing(rows).map((r) => r.key)).toEqual(['lr', 'loss']);
    const loss = rows.find((r) => r.key === 'loss')!;
    expect(loss.values[0]).toBe(loss.values[1]);
    expect(loss.differs).toBe(true);
  });

  it('shows mlflow.* tags only when asked', () => {
    expect(diffRows(runs, { systemTags: true }).some((r) => r.key === 'mlflow.user' && r.differs)).toBe(true);
  });

  it('treats NaN strings as values', () => {
    const rows = diffRows([makeRun('a', { metrics: { m: 'NaN' } }), makeRun('b', { metrics: { m: 'NaN' } })]);
    expect(rows[0]).toMatchObject({ values: ['NaN', 'NaN'], differs: false });
  });
});
