import type { Database } from 'sql.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { compileRunsQuery } from '../../../../../electron/store/search/runs-query';
import { parseRunsFilter } from '../../../../../shared/search/parse-runs-filter';
import { unwrapSearch } from '../../../../../shared/search/search-error';
import { prng } from '../../../../support/prng';
import { ids, insertRuns, trackingDb, type RunSpec } from './fixtures';

// Run filters with OR, NOT and parentheses (Sextant only), against a real tracking schema.

const RUNS: RunSpec[] = [
  { id: 'r1', start: 100, end: 500, metrics: { acc: 0.9, loss: 0.1 }, params: { lr: '0.01', opt: 'Adam' }, tags: { team: 'red' } },
  { id: 'r2', start: 200, status: 'FAILED', user: 'bob', metrics: { acc: 0.5, loss: NaN }, params: { lr: '0.1' }, tags: { team: 'blue' } },
  { id: 'r3', start: 300, status: 'RUNNING', metrics: { loss: 3 }, params: { opt: 'sgd' } },
  { id: 'r4', start: 400, end: 400, status: 'KILLED', metrics: { acc: 0.95 }, tags: { team: 'red', note: 'x' } },
  { id: 'r5', start: 500, status: 'RUNNING' },
];

let db: Database;
beforeAll(async () => {
  db = await trackingDb();
  insertRuns(db, RUNS);
  // Out of scope: NOT must not bring these in.
  insertRuns(db, [{ id: 'other', experiment: '2' }, { id: 'gone', stage: 'deleted' }]);
});

const search = (filter: string) =>
  ids(db, compileRunsQuery({ experimentIds: ['1'], clauses: unwrapSearch(parseRunsFilter(filter)) })).sort();

describe('run filters with OR', () => {
  it.each([
    ["metrics.acc > 0.9 OR params.opt = 'sgd'", ['r3', 'r4']],
    ["tags.team = 'blue' OR attributes.status = 'KILLED'", ['r2', 'r4']],
    ["params.lr = '0.01' OR metrics.loss > 1 OR user_id = 'bob'", ['r1', 'r2', 'r3']],
    ["run_id IN ('r5') OR tags.note IS NOT NULL", ['r4', 'r5']],
    ["end_time > 450 or params.opt ILIKE 'S%'", ['r1', 'r3']],
    ["metrics.acc >= 0.9 AND tags.team = 'red' OR status = 'FAILED'", ['r1', 'r2', 'r4']],
    ["metrics.acc >= 0.9 AND (tags.team = 'blue' OR status = 'KILLED')", ['r4']],
  ])('%s', (filter, expected) => {
    expect(search(filter)).toEqual(expected);
  });
});

describe('NOT: runs that do not match, including those without the key', () => {
  it.each([
    // A run without metric acc does not match `acc > 0.9`, so NOT keeps it ...
    ['NOT metrics.acc > 0.9', ['r1', 'r2', 'r3', 'r5']],
    // ... unlike the comparison MLflow offers, which needs the key.
    ['metrics.acc <= 0.9', ['r1', 'r2']],
    ["NOT params.lr = '0.01'", ['r2', 'r3', 'r4', 'r5']],
    ["NOT tags.team = 'red'", ['r2', 'r3', 'r5']],
    ["NOT tags.team LIKE 'r%'", ['r2', 'r3', 'r5']],
    ['NOT tags.team IS NULL', ['r1', 'r2', 'r4']],
    // A NULL column (no end time yet) is like a missing key.
    ['NOT end_time > 450', ['r2', 'r3', 'r4', 'r5']],
    // A NaN metric compares as 0, as in MLflow.
    ['NOT metrics.loss > 1', ['r1', 'r2', 'r4', 'r5']],
    ['NOT metrics.loss = 0', ['r1', 'r3', 'r4', 'r5']],
    ["NOT run_id IN ('r1', 'r2')", ['r3', 'r4', 'r5']],
    ['NOT NOT metrics.acc > 0.9', ['r4']],
    ["NOT (metrics.acc > 0.9 OR tags.team = 'red')", ['r2', 'r3', 'r5']],
    ["NOT metrics.acc > 0.9 AND NOT tags.team = 'red'", ['r2', 'r3', 'r5']],
    ["NOT (metrics.acc > 0.8 AND end_time > 450)", ['r2', 'r3', 'r4', 'r5']],
    ["(metrics.acc > 0.8 OR tags.team = 'blue') AND NOT (status = 'KILLED' OR params.lr = '0.01')", ['r2']],
  ])('%s', (filter, expected) => {
    expect(search(filter)).toEqual(expected);
  });
});

describe('random nested filters agree with set algebra over single clauses', () => {
  const CLAUSES = [
    'metrics.acc > 0.9',
    'metrics.acc != 0.5',
    'metrics.loss < 1',
    "params.lr = '0.01'",
    "params.opt ILIKE 'a%'",
    "tags.team = 'red'",
    'tags.note IS NULL',
    "attributes.status = 'RUNNING'",
    'end_time >= 400',
    "run_id IN ('r2', 'r5')",
  ];
  type Tree = { leaf: number } | { op: 'AND' | 'OR'; kids: Tree[] } | { not: Tree };
  const ALL = new Set(RUNS.map((r) => r.id));

  function grow(rand: () => number, depth: number): Tree {
    const pick = rand();
    if (depth === 0 || pick < 0.3) return { leaf: Math.floor(rand() * CLAUSES.length) };
    if (pick < 0.45) return { not: grow(rand, depth - 1) };
    const kids = Array.from({ length: 2 + Math.floor(rand() * 2) }, () => grow(rand, depth - 1));
    return { op: rand() < 0.5 ? 'AND' : 'OR', kids };
  }

  /** With as few parentheses as precedence allows, so precedence is under test too. */
  function print(t: Tree, parent: 'AND' | 'OR' | 'NOT' | null = null): string {
    if ('leaf' in t) return CLAUSES[t.leaf] as string;
    if ('not' in t) return `NOT ${print(t.not, 'NOT')}`;
    const text = t.kids.map((k) => print(k, t.op)).join(` ${t.op} `);
    const needs = parent === 'NOT' || (parent === 'AND' && t.op === 'OR');
    return needs ? `(${text})` : text;
  }

  function expected(t: Tree, single: Set<string>[]): Set<string> {
    if ('leaf' in t) return single[t.leaf] as Set<string>;
    if ('not' in t) {
      const inner = expected(t.not, single);
      return new Set([...ALL].filter((id) => !inner.has(id)));
    }
    const sets = t.kids.map((k) => expected(k, single));
    return t.op === 'AND'
      ? new Set([...ALL].filter((id) => sets.every((s) => s.has(id))))
      : new Set([...ALL].filter((id) => sets.some((s) => s.has(id))));
  }

  it('for 300 filters', () => {
    const single = CLAUSES.map((c) => new Set(search(c)));
    const rand = prng(7);
    for (let i = 0; i < 300; i++) {
      const tree = grow(rand, 4);
      const text = print(tree);
      expect(search(text), text).toEqual([...expected(tree, single)].sort());
    }
  });
});

describe('compiled SQL', () => {
  it('binds every value of an extended filter', () => {
    const q = compileRunsQuery({
      experimentIds: ['1'],
      clauses: unwrapSearch(parseRunsFilter("NOT tags.`x') OR 1=1 --` = 'a'' OR ''1''=''1' OR params.p = 'b\\' OR 1=1'")),
    });
    expect(q.sql).not.toContain('1=1');
    expect(q.sql).not.toContain("'");
    expect(q.params).toEqual(expect.arrayContaining(["x') OR 1=1 --", "a'' OR ''1''=''1"]));
    expect(ids(db, q)).toEqual(['r5', 'r4', 'r3', 'r2', 'r1']);
  });

  it('keeps plain MLflow filters as they were compiled before', () => {
    const q = compileRunsQuery({ experimentIds: ['1'], clauses: unwrapSearch(parseRunsFilter("metrics.acc > 0.5 AND tags.team = 'red'")) });
    expect(q.sql).not.toMatch(/ OR |NOT coalesce/);
  });
});
