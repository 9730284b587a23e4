import { CONTEXTS, DATASETS, METRIC_KEYS, PARAM_KEYS, pick, STRING_VALUES, TAG_KEYS } from './random-runs';

const quote = (s: string) => `'${s}'`;
const key = (k: string) => (/^[A-Za-z_][A-Za-z0-9_]*$/.test(k) ? k : `\`${k}\``);
const LIKE_PATTERNS = ['%', '_', 'a%', '%b', 'A%', '%é%', '_b%', 'a_b', 'a%b', '%😀', '_x', '%\uE000%', '%%', 'abc', 'v_', '%1%'];
const NUMBERS = ['0', '-0', '0.5', '1', '-1', '2.5', '1e300', '-1e300', '3', '1e-300'];
const TIMES = ['1700000000000', '1700000000150', '1700000000300', '0'];

function stringTest(rnd: () => number, ops: string[]): string {
  const op = pick(rnd, ops);
  if (op === 'LIKE' || op === 'ILIKE') return `${op} ${quote(pick(rnd, LIKE_PATTERNS))}`;
  if (op === 'IS NULL' || op === 'IS NOT NULL') return op;
  return `${op} ${quote(pick(rnd, STRING_VALUES))}`;
}

/** One random clause of every kind the grammar has for runs. */
export function randomClause(rnd: () => number, runIds: string[]): string {
  switch (Math.floor(rnd() * 7)) {
    case 0:
      return `metrics.${key(pick(rnd, METRIC_KEYS))} ${pick(rnd, ['=', '!=', '>', '>=', '<', '<='])} ${pick(rnd, NUMBERS)}`;
    case 1:
      return `params.${key(pick(rnd, PARAM_KEYS))} ${stringTest(rnd, ['=', '!=', 'LIKE', 'ILIKE', 'IS NULL', 'IS NOT NULL'])}`;
    case 2:
      return `tags.${key(pick(rnd, TAG_KEYS))} ${stringTest(rnd, ['=', '!=', 'LIKE', 'ILIKE', 'IS NULL', 'IS NOT NULL'])}`;
    case 3: {
      const attr = pick(rnd, ['run_name', 'status', 'user_id', 'artifact_uri', 'run_id']);
      if (attr === 'run_id' && rnd() < 0.6) {
        const list = runIds.filter(() => rnd() < 0.05).slice(0, 5).map(quote);
        return `attributes.run_id ${pick(rnd, ['IN', 'NOT IN'])} (${(list.length ? list : [quote('nope')]).join(', ')})`;
      }
      const value = attr === 'status' ? quote(pick(rnd, ['FINISHED', 'RUNNING', 'FAILED', 'finished'])) : attr === 'user_id' ? quote(pick(rnd, ['alice', 'bob', 'Bob', 'é'])) : null;
      if (value && rnd() < 0.5) return `attributes.${attr} ${pick(rnd, ['=', '!='])} ${value}`;
      return `attributes.${attr} ${stringTest(rnd, ['=', '!=', 'LIKE', 'ILIKE'])}`;
    }
    case 4:
      return `attributes.${pick(rnd, ['start_time', 'end_time', 'created'])} ${pick(rnd, ['=', '!=', '>', '>=', '<', '<='])} ${pick(rnd, TIMES)}`;
    case 5: {
      const k = pick(rnd, ['name', 'digest', 'context']);
      const values = k === 'name' ? DATASETS.map((d) => d.name) : k === 'digest' ? DATASETS.map((d) => d.digest) : CONTEXTS;
      const op = pick(rnd, ['=', '!=', 'LIKE', 'ILIKE', 'IN', 'NOT IN']);
      if (op === 'IN' || op === 'NOT IN') return `datasets.${k} ${op} (${values.filter(() => rnd() < 0.5).concat(pick(rnd, values)).map(quote).join(', ')})`;
      if (op === 'LIKE' || op === 'ILIKE') return `datasets.${k} ${op} ${quote(pick(rnd, ['ds%', 'DS%', '%_2', 'd_', 'train%', '%']))}`;
      return `datasets.${k} ${op} ${quote(pick(rnd, values))}`;
    }
    default:
      return `metrics.${key(pick(rnd, METRIC_KEYS))} ${pick(rnd, ['>', '<', '='])} ${pick(rnd, NUMBERS)}`;
  }
}

/** A random filter in Sextant's grammar: clauses joined by AND/OR, some under NOT, some in parentheses. */
export function randomFilter(rnd: () => number, runIds: string[], depth = 0): string {
  const n = 1 + Math.floor(rnd() * (depth ? 2 : 3));
  const terms = Array.from({ length: n }, () => {
    let t = depth < 2 && rnd() < 0.25 ? `(${randomFilter(rnd, runIds, depth + 1)})` : randomClause(rnd, runIds);
    if (rnd() < 0.2) t = `NOT ${t}`;
    return t;
  });
  return terms.reduce((acc, t) => `${acc} ${rnd() < 0.6 ? 'AND' : 'OR'} ${t}`);
}

/** MLflow's grammar only (AND of clauses): the filters real clients send. */
export function randomMlflowFilter(rnd: () => number, runIds: string[]): string {
  return Array.from({ length: 1 + Math.floor(rnd() * 3) }, () => randomClause(rnd, runIds)).join(' AND ');
}

export function randomOrderBy(rnd: () => number): string[] {
  const items = Array.from({ length: Math.floor(rnd() * 4) }, () => {
    const dir = pick(rnd, ['', ' ASC', ' DESC']);
    switch (Math.floor(rnd() * 4)) {
      case 0:
        return `metrics.${key(pick(rnd, METRIC_KEYS))}${dir}`;
      case 1:
        return `params.${key(pick(rnd, PARAM_KEYS))}${dir}`;
      case 2:
        return `tags.${key(pick(rnd, TAG_KEYS))}${dir}`;
      default:
        return `attributes.${pick(rnd, ['start_time', 'end_time', 'run_name', 'status', 'user_id', 'run_id', 'artifact_uri'])}${dir}`;
    }
  });
  const seen = new Set<string>();
  return items.filter((item) => {
    const field = item.replace(/ (ASC|DESC)$/, '');
    return !seen.has(field) && Boolean(seen.add(field));
  });
}
