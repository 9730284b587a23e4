import { beforeAll, describe, expect, it } from 'vitest';
import { BAD, type FieldKind } from './support/bad-values';
import { expectMlflowError, expectServing, journalBytes, type Json } from './support/mlflow';
import { itStillServes, useSextant } from './support/server-fixture';

/**
 * Malformed and mistyped requests: each must get a 4xx MLflow error JSON (never a 500, never
 * HTML), change nothing in the store (its journal does not grow), and leave the server serving.
 */
const fx = useSextant('bad-input');

const A = '/api/2.0/mlflow';

/** `base` as JSON text with `field` replaced by the raw JSON text `raw`. */
function withRaw(base: Json, field: string, raw: string): string {
  const rest: Json = { ...base };
  delete rest[field];
  const tail = JSON.stringify(rest).slice(1);
  return `{${JSON.stringify(field)}:${raw}${tail === '}' ? '}' : `,${tail}`}`;
}

function without(base: Json, field: string): Json {
  const rest: Json = { ...base };
  delete rest[field];
  return rest;
}

interface Endpoint {
  method: 'POST' | 'PATCH' | 'DELETE';
  path: string;
  base: Json;
  fields: [string, FieldKind][];
  required: string[];
  /** Extra wrong values for one field, beyond its kind's list. */
  extra?: Record<string, string[]>;
}

let modelId = '';

/** Placeholders in the case tables (built before the server exists), filled in when a case runs. */
const exp = '__EXP__';
const run = '__RUN__';
const model = '__MODEL__';
const fill = (s: string) => s.replaceAll(exp, fx().experimentId).replaceAll(run, fx().runId).replaceAll(model, modelId);

function endpoints(): Endpoint[] {
  const kv = [{ key: 'k', value: 'v' }];
  return [
    { method: 'POST', path: `${A}/experiments/create`, base: { name: 'typed-never-created', tags: kv }, fields: [['name', 'string'], ['artifact_location', 'string'], ['tags', 'keyValues']], required: ['name'] },
    { method: 'POST', path: `${A}/experiments/update`, base: { experiment_id: exp, new_name: 'typed-never-renamed' }, fields: [['experiment_id', 'id'], ['new_name', 'string']], required: ['experiment_id', 'new_name'] },
    { method: 'POST', path: `${A}/experiments/delete`, base: { experiment_id: exp }, fields: [['experiment_id', 'id']], required: ['experiment_id'] },
    { method: 'POST', path: `${A}/experiments/restore`, base: { experiment_id: exp }, fields: [['experiment_id', 'id']], required: ['experiment_id'] },
    { method: 'POST', path: `${A}/experiments/set-experiment-tag`, base: { experiment_id: exp, key: 'k', value: 'v' }, fields: [['experiment_id', 'id'], ['key', 'string'], ['value', 'string']], required: ['experiment_id', 'key'] },
    { method: 'POST', path: `${A}/experiments/delete-experiment-tag`, base: { experiment_id: exp, key: 'k' }, fields: [['experiment_id', 'id'], ['key', 'string']], required: ['experiment_id', 'key'] },
    {
      method: 'POST', path: `${A}/runs/create`, base: { experiment_id: exp, run_name: 'typed', user_id: 'u', start_time: 1, tags: kv },
      fields: [['experiment_id', 'id'], ['run_name', 'string'], ['user_id', 'string'], ['start_time', 'int'], ['tags', 'keyValues']], required: [],
    },
    { method: 'POST', path: `${A}/runs/update`, base: { run_id: run, status: 'FINISHED', end_time: 2, run_name: 'renamed' }, fields: [['run_id', 'id'], ['status', 'enum'], ['end_time', 'int'], ['run_name', 'string']], required: ['run_id'] },
    { method: 'POST', path: `${A}/runs/delete`, base: { run_id: run }, fields: [['run_id', 'id']], required: ['run_id'] },
    { method: 'POST', path: `${A}/runs/restore`, base: { run_id: run }, fields: [['run_id', 'id']], required: ['run_id'] },
    { method: 'POST', path: `${A}/runs/delete-tag`, base: { run_id: run, key: 'mlflow.runName' }, fields: [['run_id', 'id'], ['key', 'string']], required: ['run_id', 'key'] },
    {
      method: 'POST', path: `${A}/runs/log-metric`, base: { run_id: run, key: 'm', value: 1, timestamp: 1, step: 0 },
      fields: [['run_id', 'id'], ['key', 'string'], ['value', 'double'], ['timestamp', 'int'], ['step', 'int']], required: ['run_id', 'key', 'value', 'timestamp'],
    },
    { method: 'POST', path: `${A}/runs/log-parameter`, base: { run_id: run, key: 'p', value: 'v' }, fields: [['run_id', 'id'], ['key', 'string'], ['value', 'string']], required: ['run_id', 'key'] },
    { method: 'POST', path: `${A}/runs/set-tag`, base: { run_id: run, key: 't', value: 'v' }, fields: [['run_id', 'id'], ['key', 'string'], ['value', 'string']], required: ['run_id', 'key'] },
    {
      method: 'POST', path: `${A}/runs/log-batch`,
      base: { run_id: run, metrics: [{ key: 'm', value: 1, timestamp: 1, step: 0 }], params: [{ key: 'p', value: 'v' }], tags: [{ key: 't', value: 'v' }] },
      fields: [['run_id', 'id'], ['metrics', 'metrics'], ['params', 'keyValues'], ['tags', 'keyValues']], required: ['run_id'],
    },
    {
      method: 'POST', path: `${A}/runs/log-model`, base: { run_id: run, model_json: '{"artifact_path":"model"}' },
      fields: [['run_id', 'id'], ['model_json', 'string']], required: ['run_id', 'model_json'], extra: { model_json: ['"not json"', '"{"'] },
    },
    {
      method: 'POST', path: `${A}/runs/log-inputs`,
      base: { run_id: run, datasets: [{ dataset: { name: 'd', digest: 'abc', source_type: 'local', source: 's' } }], models: [{ model_id: model }] },
      fields: [['run_id', 'id'], ['datasets', 'datasets'], ['models', 'models']], required: ['run_id'],
    },
    {
      method: 'POST', path: `${A}/runs/outputs`, base: { run_id: run, models: [{ model_id: model, step: 0 }] },
      fields: [['run_id', 'id'], ['models', 'models']], required: ['run_id', 'models'], extra: { models: [`[{"model_id":"${model}","step":"x"}]`, `[{"model_id":"${model}","step":{}}]`] },
    },
    {
      method: 'POST', path: `${A}/logged-models`, base: { experiment_id: exp, name: 'lm', model_type: 't', source_run_id: run, params: kv, tags: kv },
      fields: [['experiment_id', 'id'], ['name', 'string'], ['model_type', 'string'], ['source_run_id', 'id'], ['params', 'keyValues'], ['tags', 'keyValues']], required: ['experiment_id'],
    },
    { method: 'PATCH', path: `${A}/logged-models/${model}`, base: { model_id: model, status: 'LOGGED_MODEL_READY' }, fields: [['model_id', 'id'], ['status', 'enum']], required: ['status'] },
    { method: 'PATCH', path: `${A}/logged-models/${model}/tags`, base: { model_id: model, tags: kv }, fields: [['model_id', 'id'], ['tags', 'keyValues']], required: [] },
    { method: 'POST', path: `${A}/logged-models/${model}/params`, base: { model_id: model, params: kv }, fields: [['model_id', 'id'], ['params', 'keyValues']], required: [] },
  ];
}

/** Every case: [label, method, path, body text]. */
function wrongTypeCases(): [string, string, string, string][] {
  const out: [string, string, string, string][] = [];
  for (const ep of endpoints()) {
    for (const [field, kind] of ep.fields) {
      for (const raw of [...BAD[kind], ...(ep.extra?.[field] ?? [])]) out.push([`${ep.method} ${ep.path} ${field}=${raw}`, ep.method, ep.path, withRaw(ep.base, field, raw)]);
    }
  }
  return out;
}

function missingFieldCases(): [string, string, string, string][] {
  const out: [string, string, string, string][] = [];
  for (const ep of endpoints()) {
    for (const field of ep.required) {
      out.push([`${ep.method} ${ep.path} without ${field}`, ep.method, ep.path, JSON.stringify(without(ep.base, field))]);
      out.push([`${ep.method} ${ep.path} ${field}=null`, ep.method, ep.path, withRaw(ep.base, field, 'null')]);
      out.push([`${ep.method} ${ep.path} ${field}=""`, ep.method, ep.path, withRaw(ep.base, field, '""')]);
    }
  }
  return out;
}

let runBefore: Json;

beforeAll(async () => {
  const { api, experimentId } = fx();
  const out = await api.ok(api.post(`${A}/logged-models`, { experiment_id: experimentId, name: 'typed-model' }));
  modelId = (out.model as { info: { model_id: string } }).info.model_id;
  runBefore = await api.getRun(fx().runId);
});

/** Sends one bad request and checks: 4xx MLflow error, and nothing was written to the store. */
async function expectRejected(method: string, path: string, body: string | undefined, opts: { status?: number | number[]; code?: string | string[]; headers?: Record<string, string> } = {}) {
  const { api, server } = fx();
  path = fill(path);
  body = body === undefined ? undefined : fill(body);
  const before = journalBytes(server.dataDir);
  const res = await api.send({ method, path, body, headers: { 'content-type': 'application/json', ...opts.headers } });
  expectMlflowError(res, { ...opts, context: `${method} ${path} ${String(body).slice(0, 300)}` });
  expect(journalBytes(server.dataDir), `the store changed after a rejected ${method} ${path}`).toBe(before);
  return res;
}

describe('malformed JSON bodies', () => {
  const bodies = [
    '{', '{"name":', '{"name":"x"', 'name=x', '{name:"x"}', "{'name':'x'}", '{"name":"x",}', '[1,2', 'nul', 'undefined',
    '\u0000', '{"name":"x"}garbage', '{"a":1}{"b":2}', '\uFEFF{"name":"bom"}', '{"name":"\\x41"}', '{"name": 01}', '{"name": .5}',
    '{"name": +1}', '{"name": 0x10}', '{"name":"x"}\u0000', '{"name":"tab\tinside"}', '{"name":"a' + '\n' + 'b"}', '{"name":"x"', '}',
    '{"name":NaNx}', '{"name":-NaN}', '{"name":Infinityy}', '{"name":"\\ud800"', '\u00ff\u00fe{',
  ];
  it.each(bodies)('experiments/create with %j → 400', async (body) => {
    await expectRejected('POST', `${A}/experiments/create`, body, { status: 400 });
  });
  it.each(bodies)('runs/log-batch with %j → 400', async (body) => {
    await expectRejected('POST', `${A}/runs/log-batch`, body, { status: 400 });
  });

  it.each(['null', '[]', '[{"name":"x"}]', '123', 'true', '"just text"', '"[1]"', '"null"', '"\\"nested string\\""'])('a body that is not a JSON object (%s) → 400', async (body) => {
    await expectRejected('POST', `${A}/experiments/create`, body, { status: 400 });
  });

  it('invalid UTF-8 bytes in the body → 400, nothing created', async () => {
    const { api, server } = fx();
    const before = journalBytes(server.dataDir);
    const body = Buffer.concat([Buffer.from('{"name":'), Buffer.from([0xc3, 0x28, 0xff, 0xfe]), Buffer.from('}')]);
    const res = await api.send({ method: 'POST', path: `${A}/experiments/create`, body, headers: { 'content-type': 'application/json' } });
    expectMlflowError(res, { status: 400 });
    expect(journalBytes(server.dataDir)).toBe(before);
  });

  itStillServes(fx);
});

describe('wrong types for every kind of field', () => {
  it('has a case for every field kind', () => {
    const kinds = new Set(endpoints().flatMap((e) => e.fields.map(([, k]) => k)));
    expect([...kinds].sort()).toEqual(Object.keys(BAD).sort());
  });

  it.each(wrongTypeCases())('%s → 400', async (_label, method, path, body) => {
    await expectRejected(method, path, body, { status: 400, code: ['INVALID_PARAMETER_VALUE', 'BAD_REQUEST'] });
  });

  const getCases: [string, string][] = [
    ['runs/get', 'run_id=a&run_id=b'],
    ['experiments/get', 'experiment_id=0&experiment_id=1'],
    ['experiments/get-by-name', 'experiment_name=a&experiment_name=b'],
    ['metrics/get-history', 'run_id=RUN&metric_key=m&max_results=abc'],
    ['metrics/get-history', 'run_id=RUN&metric_key=m&max_results=1.5'],
    ['metrics/get-history', 'run_id=RUN&metric_key=m&max_results=-1'],
    ['metrics/get-history', 'run_id=RUN&metric_key=m&max_results=1e400'],
    ['metrics/get-history', 'run_id=RUN&metric_key=m&page_token=%%%garbage'],
    ['metrics/get-history', 'run_id=RUN&metric_key=m&page_token=eyJvZmZzZXQiOiAtMX0%3D'], // {"offset": -1}
    ['metrics/get-history', 'run_id=RUN&metric_key=m&page_token=eyJvZmZzZXQiOiAiMSJ9'], // {"offset": "1"}
    ['metrics/get-history', 'run_id=RUN&metric_key=m&metric_key=n'],
    ['metrics/get-history-bulk-interval', 'run_ids=RUN&metric_key=m&max_results=0'],
    ['metrics/get-history-bulk-interval', 'run_ids=RUN&metric_key=m&max_results=2501'],
    ['metrics/get-history-bulk-interval', 'run_ids=RUN&metric_key=m&max_results=abc'],
    ['metrics/get-history-bulk-interval', 'run_ids=RUN&metric_key=m&start_step=abc&end_step=1'],
    ['metrics/get-history-bulk-interval', 'run_ids=RUN&metric_key=m&start_step=1'],
    ['metrics/get-history-bulk-interval', 'run_ids=RUN&metric_key=m&start_step=5&end_step=1'],
    ['metrics/get-history-bulk-interval', `${Array.from({ length: 101 }, (_, i) => `run_ids=r${i}`).join('&')}&metric_key=m`],
    ['logged-models/MODEL', 'allow_deleted=maybe'],
    ['artifacts/list', 'run_id=RUN&run_id=RUN'],
    ['artifacts/list', 'run_id=RUN&path=a&path=b'],
  ];
  it.each(getCases)('GET %s?%s → 400', async (path, query) => {
    const { runId } = fx();
    const p = `${A}/${path.replace('MODEL', modelId)}?${query.replaceAll('RUN', runId)}`;
    await expectRejected('GET', p, undefined, { status: 400 });
  });

  it('the target run is unchanged after all of the above', async () => {
    const { api, runId } = fx();
    expect(await api.getRun(runId)).toEqual(runBefore);
    expect(await api.experimentExists('typed-never-created')).toBe(false);
    expect(await api.experimentExists('typed-never-renamed')).toBe(false);
  });

  itStillServes(fx);
});

describe('missing required fields', () => {
  it.each(missingFieldCases())('%s → 400 INVALID_PARAMETER_VALUE', async (_label, method, path, body) => {
    await expectRejected(method, path, body, { status: 400, code: 'INVALID_PARAMETER_VALUE' });
  });

  it.each([
    ['runs/get', ''], ['runs/get', 'run_id='], ['experiments/get', ''], ['experiments/get-by-name', ''], ['metrics/get-history', 'run_id=RUN'],
    ['metrics/get-history', 'metric_key=m'], ['metrics/get-history-bulk-interval', 'metric_key=m'], ['metrics/get-history-bulk-interval', 'run_ids=RUN'], ['artifacts/list', 'path=x'],
  ])('GET %s?%s → 400 INVALID_PARAMETER_VALUE', async (path, query) => {
    const p = `${A}/${path}${query ? `?${query.replaceAll('RUN', fx().runId)}` : ''}`;
    await expectRejected('GET', p, undefined, { status: 400, code: 'INVALID_PARAMETER_VALUE' });
  });

  it.each(['', '{}', '   '])('POST runs/log-metric with body %j → 400', async (body) => {
    await expectRejected('POST', `${A}/runs/log-metric`, body, { status: 400, code: 'INVALID_PARAMETER_VALUE' });
  });

  itStillServes(fx);
});

describe('log-batch limits and atomicity', () => {
  const metric = (i: number) => ({ key: `m${i % 7}`, value: i, timestamp: 1000 + i, step: i });
  const param = (i: number) => ({ key: `p${i}`, value: `v${i}` });
  const tag = (i: number) => ({ key: `t${i}`, value: `v${i}` });
  const range = (n: number) => Array.from({ length: n }, (_, i) => i);

  let batchRun = '';
  let before: Json;
  beforeAll(async () => {
    const { api, experimentId } = fx();
    batchRun = (await api.createRun(experimentId)).runId;
    await api.ok(api.post(`${A}/runs/log-parameter`, { run_id: batchRun, key: 'fixed', value: 'one' }));
    before = await api.getRun(batchRun);
  });

  const cases: [string, () => Json][] = [
    ['1,001 metrics', () => ({ metrics: range(1001).map(metric) })],
    ['101 params', () => ({ params: range(101).map(param) })],
    ['101 tags', () => ({ tags: range(101).map(tag) })],
    ['1,001 items in total (900 metrics, 100 params, 1 tag)', () => ({ metrics: range(900).map(metric), params: range(100).map(param), tags: range(1).map(tag) })],
    ['1,001 items in total (901 metrics, 100 tags)', () => ({ metrics: range(901).map(metric), tags: range(100).map(tag) })],
    ['999 good metrics then a boolean value', () => ({ metrics: [...range(999).map(metric), { key: 'm', value: true, timestamp: 1 }] })],
    ['good metrics and params then an invalid metric key', () => ({ metrics: [...range(10).map(metric), { key: '../escape', value: 1, timestamp: 1 }], params: range(5).map(param) })],
    ['good items then a negative timestamp', () => ({ metrics: [...range(10).map(metric), { key: 'm', value: 1, timestamp: -5 }], tags: range(5).map(tag) })],
    ['new params then a param that changes a logged value', () => ({ metrics: range(10).map(metric), params: [...range(5).map(param), { key: 'fixed', value: 'two' }], tags: range(3).map(tag) })],
    ['one param key twice with different values', () => ({ params: [{ key: 'dup', value: 'a' }, { key: 'dup', value: 'b' }], metrics: range(3).map(metric) })],
    ['a tag with an invalid key after good tags', () => ({ tags: [...range(5).map(tag), { key: '/abs', value: 'x' }], metrics: range(3).map(metric) })],
  ];

  it.each(cases)('%s → 400 and nothing from the batch is written', async (_label, make) => {
    const { api } = fx();
    await expectRejected('POST', `${A}/runs/log-batch`, JSON.stringify({ run_id: batchRun, ...make() }), { status: 400, code: 'INVALID_PARAMETER_VALUE' });
    expect(await api.getRun(batchRun)).toEqual(before);
    const hist = await api.get(`${A}/metrics/get-history`, { run_id: batchRun, metric_key: 'm0' });
    expect(hist.status).toBe(200);
    expect((hist.json as Json).metrics ?? []).toEqual([]);
  });

  it('exactly at the limits (1,000 metrics; 100 params + 100 tags + 800 metrics) is accepted', async () => {
    const { api, experimentId } = fx();
    const { runId } = await api.createRun(experimentId);
    await api.ok(api.post(`${A}/runs/log-batch`, { run_id: runId, metrics: range(1000).map(metric) }));
    await api.ok(api.post(`${A}/runs/log-batch`, { run_id: runId, metrics: range(800).map((i) => ({ ...metric(i), timestamp: 5000 + i })), params: range(100).map(param), tags: range(100).map(tag) }));
    const run = await api.getRun(runId);
    expect(((run.data as Json).params as unknown[]).length).toBe(100);
  });

  itStillServes(fx);
});

describe('deeply nested JSON', () => {
  const deepArray = (n: number) => '['.repeat(n) + ']'.repeat(n);
  const deepObject = (n: number) => '{"a":'.repeat(n) + '1' + '}'.repeat(n);
  const where: [string, (d: string) => string, string][] = [
    ['as the whole body', (d) => d, 'experiments/create'],
    ['as a string field (name)', (d) => `{"name":${d}}`, 'experiments/create'],
    ['as the tags list', (d) => `{"name":"deep-tags","tags":${d}}`, 'experiments/create'],
    ['as a tag value', (d) => `{"run_id":"RUN","key":"k","value":${d}}`, 'runs/set-tag'],
    ['as a metric value in log-batch', (d) => `{"run_id":"RUN","metrics":[{"key":"m","value":${d},"timestamp":1}]}`, 'runs/log-batch'],
    ['as a metric timestamp', (d) => `{"run_id":"RUN","key":"m","value":1,"timestamp":${d}}`, 'runs/log-metric'],
    ['as the run_id', (d) => `{"run_id":${d},"key":"m","value":1,"timestamp":1}`, 'runs/log-metric'],
    ['inside a JSON string (double-encoded body)', (d) => JSON.stringify(d), 'experiments/create'],
  ];
  for (const depth of [1_000, 100_000]) {
    for (const [shape, make] of [['array', deepArray], ['object', deepObject]] as const) {
      it.each(where)(`${depth.toLocaleString('en')}-deep ${shape} %s → 4xx`, async (_label, wrap, endpoint) => {
        const body = wrap(make(depth)).replace('RUN', fx().runId);
        await expectRejected('POST', `${A}/${endpoint}`, body);
      });
    }
    it(`${depth.toLocaleString('en')}-deep value in a field the endpoint ignores → 200 or 4xx, never 5xx`, async () => {
      const { api } = fx();
      const res = await api.postText(`${A}/experiments/create`, `{"name":"deep-ignored-${depth}","extra":${deepArray(depth)}}`);
      if (res.status !== 200) expectMlflowError(res);
    });
  }

  itStillServes(fx);
});

describe('duplicate keys, NaN/Infinity tokens, JSON inside a JSON string', () => {
  it('duplicate keys: the last one wins (as in Python), nothing else is created', async () => {
    const { api } = fx();
    await api.ok(api.postText(`${A}/experiments/create`, '{"name":"dup-first","name":"dup-last"}'));
    expect(await api.experimentExists('dup-last')).toBe(true);
    expect(await api.experimentExists('dup-first')).toBe(false);
  });

  it('duplicate keys cannot smuggle a bad run_id past validation', async () => {
    const { runId } = fx();
    await expectRejected('POST', `${A}/runs/set-tag`, `{"run_id":"${runId}","key":"k","value":"v","run_id":"../x"}`, { status: 400 });
    await expectRejected('POST', `${A}/runs/set-tag`, `{"run_id":"${runId}","key":"k","value":"v","key":"../x"}`, { status: 400 });
  });

  it('bare NaN, Infinity and -Infinity metric values are accepted and read back', async () => {
    const { api, experimentId } = fx();
    const { runId } = await api.createRun(experimentId);
    for (const [key, token] of [['nan', 'NaN'], ['inf', 'Infinity'], ['ninf', '-Infinity']]) {
      await api.ok(api.postText(`${A}/runs/log-metric`, `{"run_id":"${runId}","key":"${key}","value":${token},"timestamp":1,"step":0}`));
    }
    const text = (await api.get(`${A}/runs/get`, { run_id: runId })).text;
    expect(text).toContain('"value":"NaN"');
    expect(text).toContain('"value":"Infinity"');
    expect(text).toContain('"value":"-Infinity"');
  });

  it('NaN/Infinity text inside strings is left alone (escaped quotes included)', async () => {
    const { api, experimentId } = fx();
    const { runId } = await api.createRun(experimentId);
    const value = 'NaN " Infinity \\" -Infinity \\ NaN';
    await api.ok(api.postText(`${A}/runs/set-tag`, `{"run_id":"${runId}","key":"k","value":${JSON.stringify(value)}}`));
    const tags = ((await api.getRun(runId)).data as { tags: { key: string; value: string }[] }).tags;
    expect(tags.find((t) => t.key === 'k')?.value).toBe(value);
  });

  it.each([
    ['NaN as a metric timestamp', '{"run_id":"RUN","key":"m","value":1,"timestamp":NaN}', 'runs/log-metric'],
    ['Infinity as a metric step', '{"run_id":"RUN","key":"m","value":1,"timestamp":1,"step":Infinity}', 'runs/log-metric'],
    ['-Infinity as a run start_time', '{"experiment_id":"EXP","start_time":-Infinity}', 'runs/create'],
    ['NaN as an experiment name (a number where a string is expected)', '{"name":NaN}', 'experiments/create'],
    ['Infinity as a tag value (a number where a string is expected)', '{"name":"inf-tag","tags":[{"key":"k","value":{"x":Infinity}}]}', 'experiments/create'],
  ])('%s → 400', async (_label, body, endpoint) => {
    await expectRejected('POST', `${A}/${endpoint}`, body.replace('RUN', fx().runId).replace('EXP', fx().experimentId), { status: 400 });
  });

  it('a JSON string holding a JSON object is decoded once more (legacy R clients)', async () => {
    const { api } = fx();
    await api.ok(api.postText(`${A}/experiments/create`, JSON.stringify(JSON.stringify({ name: 'double-encoded' }))));
    expect(await api.experimentExists('double-encoded')).toBe(true);
  });

  it.each(['"not json at all"', '"{\\"name\\":"', '"[1,2,3]"', '"42"'])('a JSON string holding %s (not an object) → 400', async (body) => {
    await expectRejected('POST', `${A}/experiments/create`, body, { status: 400 });
  });

  itStillServes(fx);
});

describe('server-side state that a client wrote earlier', () => {
  it.each([
    ['not JSON', 'oops'],
    ['JSON but not a list', '{"a":1}'],
    ['JSON null', 'null'],
  ])('runs/log-model after mlflow.log-model.history was set to %s → 4xx, not 500', async (_label, value) => {
    const { api, experimentId } = fx();
    const { runId } = await api.createRun(experimentId);
    await api.ok(api.post(`${A}/runs/set-tag`, { run_id: runId, key: 'mlflow.log-model.history', value }));
    const res = await api.post(`${A}/runs/log-model`, { run_id: runId, model_json: '{"artifact_path":"model"}' });
    if (res.status !== 200) expectMlflowError(res, { context: 'log-model over a client-written history tag' });
  });

  itStillServes(fx);
});

describe('unknown endpoints and wrong methods', () => {
  // (`/` and `/index.html` serve the browser-mode UI: see test/e2e/security.test.ts)
  const unknown: [string, string][] = [
    ['GET', '/assets/../../package.json'],
    ['GET', '/api/2.0/mlflow/no-such-endpoint'],
    ['POST', '/api/2.0/mlflow/no-such-endpoint'],
    ['GET', '/api/2.0/mlflow/runs/get/extra'],
    ['GET', '/api/9.0/mlflow/runs/get?run_id=x'],
    ['GET', '/ajax-api/2.0/mlflow/no-such-endpoint'],
    ['GET', '/get-artifact?path=../../../../etc/passwd&run_uuid=x'],
    ['GET', '/model-versions/get-artifact?path=passwd&name=m&version=1'],
    ['GET', '/ajax-api/2.0/mlflow/model-versions/get-artifact?path=../../../../etc/passwd'],
    ['POST', '/ajax-api/2.0/mlflow/upload-artifact?run_uuid=x&path=a%3F/a'],
    ['GET', '/api/2.0/mlflow-artifacts/no-such'],
    ['GET', '/static-files/../../../../etc/passwd'],
    ['GET', `/api/2.0/mlflow/${'x'.repeat(8000)}`],
    ['GET', '/api/2.0/mlflow/%zz'],
    ['GET', '/api/2.0/mlflow/%c0%ae%c0%ae/%c0%ae%c0%ae/etc/passwd'],
    ['DELETE', '/api/2.0/mlflow/no-such-endpoint'],
    ['PROPFIND', '/api/2.0/mlflow/no-such-endpoint'],
  ];
  it.each(unknown)('%s %s → 404 ENDPOINT_NOT_FOUND JSON', async (method, path) => {
    const res = await fx().api.send({ method, path, body: method === 'POST' ? '{}' : undefined, headers: { 'content-type': 'application/json' } });
    expectMlflowError(res, { status: 404, code: 'ENDPOINT_NOT_FOUND' });
    expect(res.text).not.toMatch(/root:[^:]*:0:0:/);
  });

  const wrongMethod: [string, string][] = [
    ['GET', `${A}/runs/create`],
    ['GET', `${A}/runs/log-batch`],
    ['PUT', `${A}/experiments/create`],
    ['DELETE', `${A}/runs/get`],
    ['POST', `${A}/runs/get`],
    ['PATCH', `${A}/runs/update`],
    ['POST', `${A}/artifacts/list`],
    ['POST', '/api/2.0/mlflow-artifacts/artifacts/1/x/artifacts/a.txt'],
    ['PATCH', '/api/2.0/mlflow-artifacts/artifacts/1/x/artifacts/a.txt'],
    ['POST', '/health'],
    ['DELETE', '/version'],
    ['PROPFIND', `${A}/runs/get`],
  ];
  it.each(wrongMethod)('%s %s → 405 MLflow error JSON, no state change', async (method, path) => {
    await expectRejected(method, path, method === 'GET' || method === 'DELETE' ? undefined : '{"name":"wrong-method"}', { status: 405 });
  });

  itStillServes(fx);
});

describe('CSRF "simple requests" (no preflight): non-JSON content types on POST', () => {
  const runCreate = `${A}/runs/create`;
  const cases: [string, string | undefined, string][] = [
    ['text/plain', 'text/plain', '{"name":"csrf-text-plain"}'],
    ['text/plain;charset=UTF-8', 'text/plain;charset=UTF-8', '{"name":"csrf-text-plain-charset"}'],
    ['form-urlencoded', 'application/x-www-form-urlencoded', '{"name":"csrf-form"}'],
    ['form-urlencoded (real form)', 'application/x-www-form-urlencoded', 'name=csrf-form-real'],
    ['multipart/form-data', 'multipart/form-data; boundary=xyz', '--xyz\r\nContent-Disposition: form-data; name="name"\r\n\r\ncsrf-multipart\r\n--xyz--\r\n'],
    ['no Content-Type (fetch with a Blob body)', undefined, '{"name":"csrf-no-type"}'],
    ['application/json-like prefix', 'application/jsonp', '{"name":"csrf-jsonp"}'],
    ['text/plain that names application/json as a parameter', 'text/plain; x=application/json', '{"name":"csrf-param"}'],
  ];
  it.each(cases)('experiments/create with %s → refused, nothing created', async (_label, type, body) => {
    const { api, server } = fx();
    const before = journalBytes(server.dataDir);
    const headers: Record<string, string> = type ? { 'content-type': type } : {};
    const res = await api.send({ method: 'POST', path: `${A}/experiments/create`, body, headers });
    expectMlflowError(res, { status: [400, 403, 415] });
    expect(journalBytes(server.dataDir)).toBe(before);
    for (const name of ['csrf-text-plain', 'csrf-text-plain-charset', 'csrf-form', 'csrf-form-real', 'csrf-multipart', 'csrf-no-type', 'csrf-jsonp', 'csrf-param']) {
      expect(await api.experimentExists(name)).toBe(false);
    }
  });

  it.each(['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=xyz'])(
    'runs/create with Content-Type %s and an empty body (a bare <form> post) → refused, no run created',
    async (type) => {
      const { api, server } = fx();
      const before = journalBytes(server.dataDir);
      const res = await api.send({ method: 'POST', path: runCreate, body: '', headers: { 'content-type': type } });
      expectMlflowError(res, { status: [400, 403, 415] });
      expect(journalBytes(server.dataDir), 'a run was created by a non-JSON POST').toBe(before);
    },
  );

  itStillServes(fx);
});

describe('Content-Type reflection (CVE-2023-6568)', () => {
  it.each(['<script>alert(1)</script>', 'text/html; <script>alert(1)</script>', 'application/x-<img src=x onerror=alert(1)>'])(
    'Content-Type %j on a JSON endpoint → JSON error without the header echoed',
    async (type) => {
      const { api } = fx();
      const res = await api.send({ method: 'POST', path: `${A}/experiments/create`, body: '{"name":"xss-ct"}', headers: { 'content-type': type } });
      expectMlflowError(res, { status: [400, 415] });
      expect(res.text).not.toMatch(/<script|<img|onerror/i);
      expect(await api.experimentExists('xss-ct')).toBe(false);
    },
  );

  it('markup in a bad field value comes back only inside application/json with nosniff', async () => {
    const res = await fx().api.post(`${A}/experiments/create`, { name: ['<script>alert(1)</script>'] });
    expectMlflowError(res, { status: 400 });
    expect(res.headers['content-type']).toMatch(/^application\/json/);
  });

  itStillServes(fx);
});

describe('after all of the above', () => {
  it('the server still serves reads and writes', async () => {
    const { api, aliveRunId, server } = fx();
    await expectServing(api, aliveRunId);
    expect(server.output()).not.toMatch(/store failed/);
  });

  it('no request was answered with a 5xx (server log has no internal errors)', () => {
    const out = fx().server.output();
    const internal = out.split('\n').filter((l) => /internal error|store failed|store unavailable/.test(l));
    expect(internal, 'the server logged internal errors (answered 5xx)').toEqual([]);
  });
});
