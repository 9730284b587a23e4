import { beforeAll, describe, expect, it } from 'vitest';
import { describeResponse, expectMlflowError, expectServing, journalBytes, type Json } from './support/mlflow';
import { itStillServes, useSextant } from './support/server-fixture';
import { storeShape } from './support/store-tree';

/**
 * S2 (client-supplied locations) and S3 (ids used as paths, CVE-2026-53995 shape): malformed
 * ids get a 4xx before any lookup, locations the client chose are refused or ignored, and the
 * store's directory tree and journal do not change.
 */
const fx = useSextant('ids-and-locations');
const A = '/api/2.0/mlflow';

const BAD_IDS: [string, string][] = [
  ['../x', '../x'],
  ['..', '..'],
  ['a/b', 'a/b'],
  ['a\\b', 'a\\b'],
  ['%2e%2e', '%2e%2e'],
  ['%2e%2e%2fx', '%2e%2e%2fx'],
  ['/etc/passwd', '/etc/passwd'],
  ['./x', './x'],
  ['10 kB', 'a'.repeat(10_240)],
  ['NUL', 'ab\u0000cd'],
  ['trailing NUL', 'abc\u0000'],
  ['newline', 'abc\ndef'],
  ['unicode look-alike ａｂｃ', 'ａｂｃ'],
  ['dot-dot look-alike ．．／x', '．．／x'],
  ['space', 'a b'],
  ['leading dash', '-abc'],
  ['empty-ish "."', '.'],
  ['C:\\x', 'C:\\x'],
];

let modelId = '';
let shapeBefore: string[] = [];
let journalBefore = 0;

beforeAll(async () => {
  const { api, experimentId } = fx();
  const out = await api.ok(api.post(`${A}/logged-models`, { experiment_id: experimentId, name: 'ids-model' }));
  modelId = (out.model as { info: { model_id: string } }).info.model_id;
  shapeBefore = storeShape(fx().server.dataDir);
  journalBefore = journalBytes(fx().server.dataDir);
});

/** A request carrying a bad id: 4xx MLflow error, and nothing written. */
async function refused(method: string, path: string, body?: Json, opts: { status?: number[]; code?: string } = {}) {
  const { api, server } = fx();
  const before = journalBytes(server.dataDir);
  const res = await api.send({ method, path, body: body === undefined ? undefined : JSON.stringify(body), headers: body === undefined ? {} : { 'content-type': 'application/json' } });
  expectMlflowError(res, { context: `${method} ${path.slice(0, 200)} ${JSON.stringify(body ?? '').slice(0, 200)}`, status: opts.status ?? [400, 404], code: opts.code });
  expect(journalBytes(server.dataDir), `${method} ${path} changed the store`).toBe(before);
  return res;
}

const q = (params: Record<string, string>) => new URLSearchParams(params).toString();

describe('S3: run ids that look like paths', () => {
  it.each(BAD_IDS)('run_id %s is refused by every run endpoint', async (_label, id) => {
    await refused('GET', `${A}/runs/get?${q({ run_id: id })}`);
    await refused('GET', `${A}/runs/get?${q({ run_uuid: id })}`);
    await refused('POST', `${A}/runs/update`, { run_id: id, status: 'FINISHED' });
    await refused('POST', `${A}/runs/delete`, { run_id: id });
    await refused('POST', `${A}/runs/restore`, { run_id: id });
    await refused('POST', `${A}/runs/log-metric`, { run_id: id, key: 'm', value: 1, timestamp: 1 });
    await refused('POST', `${A}/runs/log-parameter`, { run_id: id, key: 'p', value: 'v' });
    await refused('POST', `${A}/runs/set-tag`, { run_id: id, key: 't', value: 'v' });
    await refused('POST', `${A}/runs/delete-tag`, { run_id: id, key: 't' });
    await refused('POST', `${A}/runs/log-batch`, { run_id: id, metrics: [{ key: 'm', value: 1, timestamp: 1 }] });
    await refused('POST', `${A}/runs/log-batch`, { run_uuid: id, params: [{ key: 'p', value: 'v' }] });
    await refused('POST', `${A}/runs/log-model`, { run_id: id, model_json: '{"artifact_path":"m"}' });
    await refused('POST', `${A}/runs/log-inputs`, { run_id: id, datasets: [{ dataset: { name: 'd', digest: 'x', source_type: 'local', source: 's' } }] });
    await refused('POST', `${A}/runs/outputs`, { run_id: id, models: [{ model_id: modelId, step: 0 }] });
    await refused('GET', `${A}/metrics/get-history?${q({ run_id: id, metric_key: 'm' })}`);
    await refused('GET', `${A}/metrics/get-history-bulk-interval?${q({ run_ids: id, metric_key: 'm' })}`);
    await refused('GET', `${A}/artifacts/list?${q({ run_id: id })}`);
    await refused('GET', `/ajax-api/2.0/mlflow/artifacts/list?${q({ run_id: id, path: 'x' })}`);
    await refused('POST', `${A}/logged-models`, { experiment_id: fx().experimentId, name: 'src-run', source_run_id: id });
  });

  itStillServes(fx);
});

describe('S3: experiment ids that look like paths', () => {
  it.each(BAD_IDS)('experiment_id %s is refused by every experiment endpoint', async (_label, id) => {
    await refused('GET', `${A}/experiments/get?${q({ experiment_id: id })}`);
    await refused('POST', `${A}/experiments/update`, { experiment_id: id, new_name: 'renamed-by-bad-id' });
    await refused('POST', `${A}/experiments/delete`, { experiment_id: id });
    await refused('POST', `${A}/experiments/restore`, { experiment_id: id });
    await refused('POST', `${A}/experiments/set-experiment-tag`, { experiment_id: id, key: 'k', value: 'v' });
    await refused('POST', `${A}/experiments/delete-experiment-tag`, { experiment_id: id, key: 'k' });
    await refused('POST', `${A}/runs/create`, { experiment_id: id });
    await refused('POST', `${A}/logged-models`, { experiment_id: id, name: 'm' });
  });

  itStillServes(fx);
});

describe('S3: logged model ids that look like paths', () => {
  it.each(BAD_IDS)('model_id %s is refused in URLs and bodies', async (_label, id) => {
    const enc = encodeURIComponent(id);
    await refused('GET', `${A}/logged-models/${enc}`);
    await refused('PATCH', `${A}/logged-models/${enc}`, { model_id: id, status: 'LOGGED_MODEL_READY' });
    await refused('DELETE', `${A}/logged-models/${enc}`);
    await refused('PATCH', `${A}/logged-models/${enc}/tags`, { tags: [{ key: 'k', value: 'v' }] });
    await refused('POST', `${A}/logged-models/${enc}/params`, { params: [{ key: 'k', value: 'v' }] });
    await refused('DELETE', `${A}/logged-models/${enc}/tags/k`);
    await refused('POST', `${A}/runs/log-inputs`, { run_id: fx().runId, models: [{ model_id: id }] });
    await refused('POST', `${A}/runs/outputs`, { run_id: fx().runId, models: [{ model_id: id, step: 0 }] });
    // a body model_id that differs from the URL one is refused too
    await refused('PATCH', `${A}/logged-models/${modelId}`, { model_id: id, status: 'LOGGED_MODEL_READY' });
  });

  it.each(BAD_IDS)('log-batch metrics with model_id %s → 4xx, nothing written', async (_label, id) => {
    await refused('POST', `${A}/runs/log-batch`, { run_id: fx().runId, metrics: [{ key: 'm', value: 1, timestamp: 1, model_id: id }] });
  });

  it.each([
    '/logged-models/../../x', '/logged-models/..%2f..%2fx', '/logged-models/%2e%2e', '/logged-models/%2e%2e%2f%2e%2e%2fx', '/logged-models/m-x%00',
    '/logged-models/..\\..\\x', '/logged-models/%252e%252e%252fx',
  ])('raw model path %s → 4xx', async (path) => {
    await refused('GET', `${A}${path}`);
    await refused('DELETE', `${A}${path}`);
  });

  itStillServes(fx);
});

describe('S3: names are data, never paths', () => {
  it.each([
    ['experiment', '../../../../escape-experiment'],
    ['experiment', 'a/b\\c'],
    ['experiment', '/etc/passwd'],
  ])('an %s named %j creates nothing on disk', async (_kind, name) => {
    const { api, server } = fx();
    const res = await api.post(`${A}/experiments/create`, { name });
    if (res.status !== 200) expectMlflowError(res);
    expect(storeShape(server.dataDir)).toEqual(shapeBefore);
  });

  it.each(['../../../../escape-run', 'a/b\\c', 'x\u0000y'])('a run named %j creates nothing on disk', async (name) => {
    const { api, server, experimentId } = fx();
    const res = await api.post(`${A}/runs/create`, { experiment_id: experimentId, run_name: name });
    if (res.status !== 200) expectMlflowError(res);
    expect(storeShape(server.dataDir)).toEqual(shapeBefore);
  });

  it.each(['../../../../escape-model', 'a/b\\c'])('a logged model named %j creates nothing on disk', async (name) => {
    const { api, server, experimentId } = fx();
    const res = await api.post(`${A}/logged-models`, { experiment_id: experimentId, name });
    if (res.status !== 200) expectMlflowError(res);
    expect(storeShape(server.dataDir)).toEqual(shapeBefore);
  });

  it.each(['../../x', 'a/../b', '/abs', 'a//b', './a', 'a/.', 'a\\..\\b'])('metric/param/tag keys like %j → 400 (keys are file names in MLflow stores)', async (key) => {
    const { runId } = fx();
    await refused('POST', `${A}/runs/log-metric`, { run_id: runId, key, value: 1, timestamp: 1 });
    await refused('POST', `${A}/runs/log-parameter`, { run_id: runId, key, value: 'v' });
    await refused('POST', `${A}/runs/set-tag`, { run_id: runId, key, value: 'v' });
    await refused('POST', `${A}/experiments/set-experiment-tag`, { experiment_id: fx().experimentId, key, value: 'v' });
  });

  itStillServes(fx);
});

describe('S2: client-supplied locations', () => {
  const locations = [
    'file:///etc/', 'file:///', 'http:///?/../../etc/', 'http:///#/../../etc/', 'dbfs:/', '//proc/self/root', '\\\\host\\share', 'runs:/x',
    'mlflow-artifacts:/../../', 'mlflow-artifacts:/0', 'mlflow-artifacts:/', '/tmp/elsewhere', '../../outside', 's3://bucket/x', 'http://169.254.169.254/latest/',
    'http://127.0.0.1:1/', 'C:\\Windows', 'file:C:/Windows',
  ];
  it.each(locations)('experiments/create with artifact_location %j → 400 INVALID_PARAMETER_VALUE, nothing created', async (loc) => {
    const { api } = fx();
    const name = `loc-${Buffer.from(loc).toString('hex').slice(0, 40)}`;
    await refused('POST', `${A}/experiments/create`, { name, artifact_location: loc }, { status: [400], code: 'INVALID_PARAMETER_VALUE' });
    expect(await api.experimentExists(name)).toBe(false);
  });

  it('runs/create ignores a client-supplied artifact_uri: the server assigns mlflow-artifacts:/<exp>/<run>/artifacts', async () => {
    const { api, experimentId } = fx();
    const out = await api.ok(api.post(`${A}/runs/create`, { experiment_id: experimentId, artifact_uri: 'file:///etc/', artifact_location: 'file:///etc/' }));
    const info = (out.run as { info: { run_id: string; artifact_uri: string } }).info;
    expect(info.artifact_uri).toBe(`mlflow-artifacts:/${experimentId}/${info.run_id}/artifacts`);
  });

  it('logged-models ignores a client-supplied artifact location', async () => {
    const { api, experimentId } = fx();
    const out = await api.ok(api.post(`${A}/logged-models`, { experiment_id: experimentId, name: 'loc-model', artifact_location: 'file:///etc/', artifact_uri: 'file:///etc/' }));
    const info = (out.model as { info: { model_id: string; artifact_uri: string } }).info;
    expect(info.artifact_uri).toBe(`mlflow-artifacts:/${experimentId}/models/${info.model_id}/artifacts`);
  });

  it('the CVE-2023-1177 chain (register a model version with source=file:///etc/, then download) does not work', async () => {
    const { api } = fx();
    const create = await api.post(`${A}/registered-models/create`, { name: 'lfi' });
    const version = await api.post(`${A}/model-versions/create`, { name: 'lfi', source: 'file:///etc/', run_id: fx().runId });
    const download = await api.get('/model-versions/get-artifact', { name: 'lfi', version: '1', path: 'passwd' });
    const ajax = await api.get('/ajax-api/2.0/mlflow/model-versions/get-artifact', { name: 'lfi', version: '1', path: 'passwd' });
    for (const r of [download, ajax]) {
      expect(r.text).not.toMatch(/root:[^:]*:0:0:/);
      expectMlflowError(r);
    }
    if (version.status === 200) expect(create.status).toBe(200);
    else expectMlflowError(version, { context: describeResponse(version) });
  });

  it('no experiment directory was created for any refused location and nothing new appeared in the store tree', () => {
    expect(storeShape(fx().server.dataDir)).toEqual(shapeBefore);
    expect(journalBytes(fx().server.dataDir)).toBeGreaterThanOrEqual(journalBefore);
  });

  it('the server still serves', async () => {
    await expectServing(fx().api, fx().aliveRunId);
  });
});
