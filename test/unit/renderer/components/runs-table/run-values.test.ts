import { describe, expect, it } from 'vitest';
import { formatDuration, formatNumber, indexRun, metricNumber, runDuration } from '../../../../../renderer/components/runs-table/run-values';
import { makeRun } from './runs-fixtures';

describe('metric values', () => {
  it('reads the wire spellings of NaN and the infinities', () => {
    expect(metricNumber('NaN')).toBeNaN();
    expect(metricNumber('Infinity')).toBe(Infinity);
    expect(metricNumber('-Infinity')).toBe(-Infinity);
    expect(metricNumber(0.5)).toBe(0.5);
    expect(metricNumber('1e-3')).toBe(0.001);
    expect(metricNumber('')).toBeNaN();
    expect(metricNumber(null)).toBeNaN();
  });

  it('formats numbers short and stable, NaN and infinities as symbols', () => {
    expect(formatNumber(NaN)).toBe('NaN');
    expect(formatNumber(Infinity)).toBe('∞');
    expect(formatNumber(-Infinity)).toBe('−∞');
    expect(formatNumber(42)).toBe('42');
    expect(formatNumber(0.123456789)).toBe('0.123457');
    expect(formatNumber(1.5e-7)).toBe('1.500e-7');
    expect(formatNumber(-0.25)).toBe('-0.25');
  });
});

describe('indexRun', () => {
  const run = makeRun({
    id: 'r1',
    name: '',
    start: 1000,
    end: 4000,
    params: { lr: '0.1' },
    metrics: { loss: 'NaN', acc: 0.9, up: 'Infinity' },
    tags: { 'mlflow.parentRunId': 'p1', 'mlflow.source.name': 'train.py' },
  });

  it('flattens params, parsed metrics and tags, and reads parent and source from tags', () => {
    const r = indexRun(run);
    expect(r.name).toBe('r1'); // no name: the id stands in
    expect(r.params.lr).toBe('0.1');
    expect(r.metrics.loss).toBeNaN();
    expect(r.metrics.up).toBe(Infinity);
    expect(r.metrics.acc).toBe(0.9);
    expect(r.parentId).toBe('p1');
    expect(r.source).toBe('train.py');
  });

  it('is cached per Run object', () => {
    expect(indexRun(run)).toBe(indexRun(run));
    expect(indexRun({ ...run })).not.toBe(indexRun(run));
  });

  it('does not let a key named like an Object property leak in', () => {
    const r = indexRun(makeRun({ id: 'r2' }));
    expect('toString' in r.params).toBe(false);
    expect(r.params.constructor).toBeUndefined();
  });
});

describe('indexRun: key sets', () => {
  it('gives runs with the same keys one signature and the very same key lists', () => {
    const a = indexRun(makeRun({ id: 'a', params: { lr: '1' }, metrics: { loss: 1 }, tags: { t: 'x' } }));
    const b = indexRun(makeRun({ id: 'b', params: { lr: '2' }, metrics: { loss: 2 }, tags: { t: 'y' } }));
    expect(b.keySig).toBe(a.keySig);
    expect(b.paramKeys).toBe(a.paramKeys);
    expect(b.metricKeys).toBe(a.metricKeys);
    expect(b.tagKeys).toBe(a.tagKeys);
    expect(b.params).toEqual({ lr: '2' });
  });

  it('keeps runs with other keys apart', () => {
    const a = indexRun(makeRun({ id: 'c', params: { lr: '1' } }));
    const b = indexRun(makeRun({ id: 'd', params: { lr: '1', epochs: '3' } }));
    expect(b.keySig).not.toBe(a.keySig);
    expect(a.paramKeys).toEqual(['lr']);
    expect(b.paramKeys).toEqual(['lr', 'epochs']);
  });
});

describe('durations and times', () => {
  it('counts a running run up to now, a finished one to its end', () => {
    expect(runDuration(indexRun(makeRun({ id: 'a', start: 0, end: 5000 })), 99_999)).toBe(5000);
    expect(runDuration(indexRun(makeRun({ id: 'b', start: 1000, status: 'RUNNING' })), 61_000)).toBe(60_000);
    expect(runDuration(indexRun(makeRun({ id: 'c', status: 'FAILED', start: 1 })), 10)).toBeNull();
    expect(runDuration(indexRun(makeRun({ id: 'd' })), 10)).toBeNull();
  });

  it('formats durations by scale', () => {
    expect(formatDuration(250)).toBe('250 ms');
    expect(formatDuration(12_345)).toBe('12.3 s');
    expect(formatDuration(125_000)).toBe('2m 05s');
    expect(formatDuration(3_720_000)).toBe('1h 02m');
    expect(formatDuration(90_000_000)).toBe('1d 1h');
    expect(formatDuration(null)).toBe('');
  });
});
