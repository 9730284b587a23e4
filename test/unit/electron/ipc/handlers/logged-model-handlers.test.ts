import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loggedModelHandlers } from '../../../../../electron/ipc/handlers/logged-model-handlers';
import { registryHandlers } from '../../../../../electron/ipc/handlers/registry-handlers';
import { logInputs } from '../../../../../electron/services/inputs-service';
import { loggedModelArtifactRoot } from '../../../../../electron/services/logged-model-artifacts';
import { createLoggedModel } from '../../../../../electron/services/logged-models-service';
import { createRun, setRunLifecycle } from '../../../../../electron/services/runs-service';
import { openTestStore, type TestStore } from '../../../../support/open-test-store';
import { useTempDirs } from '../../../../support/temp-dir';
import { artifactFile } from '../../../../support/artifact-file';

const tempDir = useTempDirs();
const ipc = { transport: 'ipc' as const };
const b64 = (s: string) => Buffer.from(s).toString('base64');
const MLMODEL = 'flavors:\n  python_function: {}\n';

/** A run that logs a model (with an MLmodel file and a folder), and two runs that use it. */
async function seed(t: TestStore) {
  const source = (await createRun(t.svc, { experimentId: '0', runName: 'train', tags: [] })).info.run_id;
  const model = (await createLoggedModel(t.svc, { experimentId: '0', name: 'clf', sourceRunId: source, params: [], tags: [] })).info.model_id;
  const root = loggedModelArtifactRoot(t.svc, model);
  const put = (rel: string, text: string) => {
    const file = artifactFile(t.svc, `${root}/${rel}`);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, text);
  };
  put('MLmodel', MLMODEL);
  put('extra/notes.txt', 'hello');
  const evalRun = (await createRun(t.svc, { experimentId: '0', runName: 'evaluate', tags: [] })).info.run_id;
  const goneRun = (await createRun(t.svc, { experimentId: '0', runName: 'trashed', tags: [] })).info.run_id;
  await logInputs(t.svc, evalRun, [], [model]);
  await logInputs(t.svc, goneRun, [], [model]);
  await setRunLifecycle(t.svc, goneRun, 'delete');
  return { source, model, evalRun, goneRun };
}

describe('logged model handlers', () => {
  it('answers a model with its MLmodel, source run by name, the runs that used it and the versions made from it', async () => {
    const t = await openTestStore(tempDir());
    const { source, model, evalRun, goneRun } = await seed(t);
    const h = loggedModelHandlers(t.svc);
    const reg = registryHandlers(t.svc);
    await reg['versions.register']({ name: 'clf-reg', source: `models:/${model}`, runId: source, modelId: model }, ipc);
    await reg['versions.register']({ name: 'clf-reg', source: `models:/${model}`, runId: source, modelId: model }, ipc);
    await reg['versions.register']({ name: 'other', source: `runs:/${source}/x`, runId: source }, ipc); // not from the model

    const d = await h['loggedModels.get']({ modelId: model }, ipc);
    expect(d.model.info).toMatchObject({ model_id: model, name: 'clf', source_run_id: source });
    expect(d.mlmodel).toBe(MLMODEL);
    expect(d.sourceRun).toEqual({ runId: source, name: 'train', experimentId: '0', deleted: false });
    expect(d.usedBy.map((r) => [r.name, r.deleted])).toEqual([['evaluate', false], ['trashed', true]]);
    expect(d.usedBy.map((r) => r.runId)).toEqual([evalRun, goneRun]);
    expect(d.versions.map((v) => `${v.name}/${v.version}`)).toEqual(['clf-reg/2', 'clf-reg/1']);

    // versions per model: every asked id answers, with [] when none
    expect(Object.fromEntries(Object.entries(await h['loggedModels.versions']({ modelIds: [model, 'm-none'] }, ipc)).map(([k, v]) => [k, v.length]))).toEqual({ [model]: 2, 'm-none': 0 });
    await reg['versions.delete']({ name: 'clf-reg', version: '1' }, ipc);
    expect((await h['loggedModels.get']({ modelId: model }, ipc)).versions.map((v) => v.version)).toEqual(['2']);
    await t.store.close();
  });

  it('lists and reads a logged model\'s files from its own root, not its run\'s', async () => {
    const t = await openTestStore(tempDir());
    const { model } = await seed(t);
    const h = loggedModelHandlers(t.svc);
    expect(await h['loggedModels.artifacts.list']({ modelId: model }, ipc)).toEqual([
      { path: 'MLmodel', is_dir: false, file_size: MLMODEL.length },
      { path: 'extra', is_dir: true },
    ]);
    expect(await h['loggedModels.artifacts.list']({ modelId: model, path: 'extra' }, ipc)).toEqual([{ path: 'extra/notes.txt', is_dir: false, file_size: 5 }]);
    expect(await h['loggedModels.artifacts.read']({ modelId: model, path: 'extra/notes.txt', maxBytes: 3, offset: 1 }, ipc)).toEqual({ path: 'extra/notes.txt', size: 5, offset: 1, truncated: true, base64: b64('ell') });
    await expect(h['loggedModels.artifacts.read']({ modelId: model, path: 'missing.txt', maxBytes: 3 }, ipc)).rejects.toMatchObject({ code: 'RESOURCE_DOES_NOT_EXIST' });
    await expect(h['loggedModels.artifacts.read']({ modelId: model, path: '../../x', maxBytes: 3 }, ipc)).rejects.toMatchObject({ code: 'INVALID_PARAMETER_VALUE' });
    await expect(h['loggedModels.get']({ modelId: 'm-0123456789abcdef0123456789abcdef' }, ipc)).rejects.toMatchObject({ code: 'RESOURCE_DOES_NOT_EXIST' });
    await t.store.close();
  });

  it('names runs by id, marking deleted ones and leaving out unknown ids', async () => {
    const t = await openTestStore(tempDir());
    const { source, goneRun } = await seed(t);
    const refs = await loggedModelHandlers(t.svc)['runs.refs']({ runIds: [source, goneRun, 'nope'] }, ipc);
    expect(refs).toEqual({
      [source]: { runId: source, name: 'train', experimentId: '0', deleted: false },
      [goneRun]: { runId: goneRun, name: 'trashed', experimentId: '0', deleted: true },
    });
    await t.store.close();
  });
});
