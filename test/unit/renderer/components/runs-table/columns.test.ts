import { describe, expect, it } from 'vitest';
import { cellText, cellValue, columnFor, defaultColumnIds, discoverKeys, emptyAttributeKeys, parseColumnId, resolveColumns } from '../../../../../renderer/components/runs-table/columns';
import { formatDate } from '../../../../../renderer/components/format-date';
import { indexRun } from '../../../../../renderer/components/runs-table/run-values';
import { makeRun } from './runs-fixtures';

const records = [
  makeRun({ id: 'a', params: { lr: '0.1', opt: 'adam' }, metrics: { loss: 0.5 }, tags: { team: 'x', 'mlflow.user': 'ada' } }),
  makeRun({ id: 'b', params: { lr: '0.01', depth: '3' }, metrics: { loss: 'NaN', acc: 0.9 } }),
].map(indexRun);

describe('columns', () => {
  it('discovers every key, sorted', () => {
    expect(discoverKeys(records)).toMatchObject({ metrics: ['acc', 'loss'], params: ['depth', 'lr', 'opt'], tags: ['mlflow.user', 'team'] });
  });

  it('defaults to the usual attributes, then metrics, params and user tags, never system tags', () => {
    const ids = defaultColumnIds({ ...discoverKeys(records), emptyAttributes: [] });
    expect(ids).toEqual([
      'attributes.status', 'attributes.start_time', 'attributes.duration', 'attributes.user_id', 'attributes.source',
      'metrics.acc', 'metrics.loss', 'params.depth', 'params.lr', 'params.opt', 'tags.team',
    ]);
  });

  it('leaves attributes no run has out of the defaults, but keeps them when picked', () => {
    // the fixtures have a user but no start time and no source
    const keys = discoverKeys(records);
    expect(keys.emptyAttributes?.sort()).toEqual(['duration', 'end_time', 'source', 'start_time']);
    expect(defaultColumnIds(keys).filter((id) => id.startsWith('attributes.'))).toEqual(['attributes.status', 'attributes.user_id']);
    expect(resolveColumns(['attributes.source', 'metrics.loss'], keys).map((c) => c.id)).toEqual(['attributes.source', 'metrics.loss']);
    const withSource = indexRun(makeRun({ id: 'c', start: 1000, tags: { 'mlflow.source.name': 'train.py' } }));
    expect(emptyAttributeKeys([...records, withSource]).sort()).toEqual(['end_time']);
    expect(emptyAttributeKeys([])).toEqual([]);
  });

  it('caps the default data columns, metrics first', () => {
    const many = { metrics: Array.from({ length: 25 }, (_, i) => `m${i}`), params: Array.from({ length: 25 }, (_, i) => `p${i}`), tags: ['t'] };
    const data = defaultColumnIds(many).filter((id) => !id.startsWith('attributes.'));
    expect(data).toHaveLength(30);
    expect(data.filter((id) => id.startsWith('metrics.'))).toHaveLength(25);
    expect(data).not.toContain('tags.t');
  });

  it('resolves picked ids in order, dropping unknown, duplicate and the always-shown name column', () => {
    const cols = resolveColumns(['params.lr', 'bogus', 'metrics.loss', 'params.lr', 'attributes.run_name', 'attributes.nope'], discoverKeys(records));
    expect(cols.map((c) => c.id)).toEqual(['params.lr', 'metrics.loss']);
  });

  it('keeps dots inside keys', () => {
    expect(parseColumnId('metrics.val.loss')).toEqual({ kind: 'metric', key: 'val.loss' });
    expect(parseColumnId('nonsense')).toBeNull();
    expect(columnFor('tags.mlflow.source.name')?.key).toBe('mlflow.source.name');
  });

  it('shows cells as text: NaN spelled out, missing values empty, durations formatted', () => {
    const loss = columnFor('metrics.loss')!;
    expect(cellText(records[0]!, loss, 0)).toBe('0.5');
    expect(cellText(records[1]!, loss, 0)).toBe('NaN');
    expect(cellText(records[0]!, columnFor('metrics.acc')!, 0)).toBe('');
    expect(cellValue(records[0]!, columnFor('params.depth')!, 0)).toBeNull();
    const timed = indexRun(makeRun({ id: 'c', start: 0, end: 65_000 }));
    expect(cellText(timed, columnFor('attributes.duration')!, 0)).toBe('1m 05s');
  });

  it('shows start and end times in the one date format of the app', () => {
    const at = Date.UTC(2024, 0, 5, 7, 8, 9);
    const run = indexRun(makeRun({ id: 'd', start: at, end: at + 60_000 }));
    expect(cellText(run, columnFor('attributes.start_time')!, 0)).toBe(formatDate(at));
    expect(cellText(run, columnFor('attributes.end_time')!, 0)).toBe(formatDate(at + 60_000));
    expect(cellText(indexRun(makeRun({ id: 'e' })), columnFor('attributes.end_time')!, 0)).toBe('');
  });
});
