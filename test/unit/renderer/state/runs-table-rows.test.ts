import { describe, expect, it } from 'vitest';
import { encodeTablePage } from '../../../../shared/ipc/runs-table-codec';
import { flatRun, flatRunReader } from '../../../../shared/ipc/runs-table-run-reader';
import type { RunsTablePage } from '../../../../shared/ipc/runs-table-types';
import { indexRun, type RunRecord } from '../../../../renderer/components/runs-table/run-values';
import { recordsFromPage } from '../../../../renderer/state/runs-table-rows';
import { prng } from '../../../support/prng';
import { makeRun, type RunSpec } from '../components/runs-table/runs-fixtures';

const pick = <T,>(rnd: () => number, list: readonly T[]): T => list[Math.floor(rnd() * list.length)]!;
const METRIC_VALUES: (number | string)[] = [0, 1.5, -2, 1e300, 'NaN', 'Infinity', '-Infinity', Number.NaN, Infinity, 3];
const TEXTS = ['', 'a', 'A', 'é', '😀', '\uE000', 'x y', '10', 'v3'];
const KEYS = ['m0', 'loss', '10', 'a b', 'é'];

function randomRuns(seed: number, n: number) {
  const rnd = prng(seed);
  const runs = [];
  for (let i = 0; i < n; i++) {
    const subset = (prefix: string) => KEYS.filter(() => rnd() < 0.6).map((k) => `${prefix}${k}`);
    const spec: RunSpec = {
      id: `r${i}`,
      name: rnd() < 0.2 ? '' : `run ${pick(rnd, TEXTS)}`,
      status: pick(rnd, ['RUNNING', 'FINISHED', 'FAILED', 'KILLED', 'SCHEDULED'] as const),
      ...(rnd() < 0.8 ? { start: Math.floor(rnd() * 1e6) } : {}),
      ...(rnd() < 0.5 ? { end: Math.floor(rnd() * 1e6) } : {}),
      user: rnd() < 0.3 ? '' : pick(rnd, TEXTS),
      deleted: rnd() < 0.2,
      metrics: Object.fromEntries(subset('').map((k) => [k, pick(rnd, METRIC_VALUES)])),
      params: Object.fromEntries(subset('p').map((k) => [k, pick(rnd, TEXTS)])),
      tags: {
        ...Object.fromEntries(subset('t').map((k) => [k, pick(rnd, TEXTS)])),
        ...(i > 0 && rnd() < 0.3 ? { 'mlflow.parentRunId': `r${Math.floor(rnd() * i)}` } : {}),
        ...(rnd() < 0.5 ? { 'mlflow.source.name': pick(rnd, TEXTS) } : {}),
      },
    };
    runs.push(makeRun(spec));
  }
  return runs;
}

/** Key lists compared as sets: indexRun lists integer-like keys first (Object.keys order). */
const comparable = (r: RunRecord) => ({ ...r, metricKeys: [...r.metricKeys].sort(), paramKeys: [...r.paramKeys].sort(), tagKeys: [...r.tagKeys].sort(), keySig: undefined });
/** What indexRun makes of a run, its lookups cut to the columns asked. */
function cut(r: RunRecord, columns: readonly string[]): RunRecord {
  const only = <T,>(o: Record<string, T>, prefix: string) => Object.fromEntries(Object.entries(o).filter(([k]) => columns.includes(`${prefix}${k}`)));
  return { ...r, metrics: only(r.metrics, 'metrics.'), params: only(r.params, 'params.'), tags: only(r.tags, 'tags.') };
}
const overJson = (page: RunsTablePage) => JSON.parse(JSON.stringify(page)) as RunsTablePage;

describe('rows from the table columns', () => {
  it('equal what indexRun makes of runs.search runs, for random runs and every column', () => {
    for (const seed of [1, 2, 3]) {
      const runs = randomRuns(seed, 120);
      const page = overJson(encodeTablePage(runs.map(flatRun), flatRunReader, 'all'));
      expect(recordsFromPage(page).map(comparable)).toEqual(runs.map(indexRun).map(comparable));
    }
  });

  it('equal them for the columns asked, with every key known (the column picker)', () => {
    const runs = randomRuns(4, 200);
    const columns = ['metrics.loss', 'metrics.10', 'params.pé', 'tags.ta b', 'tags.mlflow.source.name', 'metrics.missing'];
    const rows = recordsFromPage(overJson(encodeTablePage(runs.map(flatRun), flatRunReader, columns)));
    expect(rows.map(comparable)).toEqual(runs.map(indexRun).map((r) => comparable(cut(r, columns))));
  });

  it('sends each key once, each distinct key set once, and each distinct text once per column', () => {
    const runs = Array.from({ length: 50 }, (_, i) => makeRun({ id: `r${i}`, metrics: { loss: i, acc: 1 }, params: { opt: i % 2 ? 'adam' : 'sgd' }, tags: i < 10 ? { team: 'a' } : {} }));
    const page = encodeTablePage(runs.map(flatRun), flatRunReader, ['params.opt', 'metrics.loss']);
    expect([...page.keys].sort()).toEqual(['acc', 'loss', 'opt', 'team']);
    expect(page.keySets).toHaveLength(2);
    expect(page.columns['params.opt']).toEqual({ kind: 'text', dict: ['sgd', 'adam'], codes: runs.map((_, i) => i % 2) });
    expect(page.columns['metrics.loss']).toEqual({ kind: 'number', values: runs.map((_, i) => i) });
  });

  it('spells NaN and the infinities as MLflow does, since JSON cannot carry them', () => {
    const runs = [makeRun({ id: 'a', metrics: { x: Number.NaN } }), makeRun({ id: 'b', metrics: { x: Infinity } }), makeRun({ id: 'c', metrics: { x: -Infinity } }), makeRun({ id: 'd' })];
    const page = overJson(encodeTablePage(runs.map(flatRun), flatRunReader, ['metrics.x']));
    expect(page.columns['metrics.x']).toEqual({ kind: 'number', values: ['NaN', 'Infinity', '-Infinity', null] });
    expect(recordsFromPage(page).map((r) => r.metrics.x)).toEqual([Number.NaN, Infinity, -Infinity, undefined]);
  });
});
