import { describe, expect, it } from 'vitest';
import { createExperiment } from '../../../../electron/services/experiments-service';
import * as reg from '../../../../electron/services/registry-service';
import { searchModelVersions, searchRegisteredModels } from '../../../../electron/services/registry-search-service';
import { createRun } from '../../../../electron/services/runs-service';
import { whileHoldingWrites } from '../../../support/hold-writes';
import { openTestStore } from '../../../support/open-test-store';
import { useTempDirs } from '../../../support/temp-dir';

const tempDir = useTempDirs();

async function setup() {
  const t = await openTestStore(tempDir());
  const exp = await createExperiment(t.svc, { name: 'reg', tags: [] });
  const run = (await createRun(t.svc, { experimentId: exp, tags: [] })).info;
  await reg.createModel(t.svc, { name: 'm', tags: [] });
  return { ...t, exp, runId: run.run_id };
}

describe('model registry', () => {
  it('numbers versions from 1 and never reuses a deleted number', async () => {
    const t = await setup();
    for (let i = 0; i < 3; i++) await reg.createVersion(t.svc, { name: 'm', source: `runs:/${t.runId}/model`, tags: [] });
    await reg.deleteVersion(t.svc, 'm', '3');
    const v = await reg.createVersion(t.svc, { name: 'm', source: `runs:/${t.runId}/model`, tags: [] });
    expect(v.version).toBe('4');
    expect(() => reg.getVersion(t.svc, 'm', '3')).toThrow(/not found/);
    expect(reg.getDownloadUri(t.svc, 'm', '1')).toBe(`mlflow-artifacts:/${t.exp}/${t.runId}/artifacts/model`);
    await t.store.close();
  });

  it('archives the others in the target stage only when asked, and only for Staging/Production', async () => {
    const t = await setup();
    for (let i = 0; i < 3; i++) await reg.createVersion(t.svc, { name: 'm', source: `runs:/${t.runId}/model`, tags: [] });
    await reg.transitionStage(t.svc, 'm', '1', 'production', false);
    await reg.transitionStage(t.svc, 'm', '2', 'Production', false);
    expect(reg.getVersion(t.svc, 'm', '1').current_stage).toBe('Production');
    await reg.transitionStage(t.svc, 'm', '3', 'Production', true);
    expect(['1', '2', '3'].map((v) => reg.getVersion(t.svc, 'm', v).current_stage)).toEqual(['Archived', 'Archived', 'Production']);
    await expect(reg.transitionStage(t.svc, 'm', '1', 'Archived', true)).rejects.toThrow(/not an Active stage/);
    await expect(reg.transitionStage(t.svc, 'm', '1', 'Shipping', false)).rejects.toThrow(/Invalid Model Version stage/);
    expect(reg.getLatestVersions(t.svc, 'm', []).map((v) => [v.current_stage, v.version])).toEqual([['Archived', '2'], ['Production', '3']]);
    await t.store.close();
  });

  it('moves aliases, drops them with their version, and refuses reserved names', async () => {
    const t = await setup();
    for (let i = 0; i < 2; i++) await reg.createVersion(t.svc, { name: 'm', source: `runs:/${t.runId}/model`, tags: [] });
    await reg.setAlias(t.svc, 'm', 'champion', '1');
    await reg.setAlias(t.svc, 'm', 'champion', '2');
    expect(reg.getVersionByAlias(t.svc, 'm', 'champion').version).toBe('2');
    expect(reg.getModel(t.svc, 'm').aliases).toEqual([{ alias: 'champion', version: '2' }]);
    await reg.deleteVersion(t.svc, 'm', '2');
    expect(reg.getModel(t.svc, 'm').aliases).toBeUndefined();
    for (const bad of ['latest', 'LATEST', 'v1', 'has space', '']) await expect(reg.setAlias(t.svc, 'm', bad, '1')).rejects.toThrow();
    await t.store.close();
  });

  it.each([
    ['a local path', '/etc'],
    ['a file URI', 'file:///etc/'],
    ['an http URL', 'http://169.254.169.254/latest'],
    ['a cloud URI', 's3://bucket/model'],
    ['a traversal in runs:/', 'runs:/RUN/../../../../etc'],
    ['a traversal in mlflow-artifacts:/', 'mlflow-artifacts:/0/../../etc'],
    ['a run that does not exist', 'runs:/0123456789abcdef0123456789abcdef/model'],
    ['a logged model that does not exist', 'models:/m-0123456789abcdef0123456789abcdef'],
    ['an artifact root that is not a run or model', 'mlflow-artifacts:/0/not-a-run/artifacts/x'],
  ])('refuses a source outside the store: %s', async (_what, source) => {
    const t = await setup();
    await expect(reg.createVersion(t.svc, { name: 'm', source: source.replace('RUN', t.runId), tags: [] })).rejects.toThrow();
    expect(searchModelVersions(t.svc, { orderBy: [] }).items).toEqual([]);
    await t.store.close();
  });

  it('hides prompts from model search unless asked, and renames everything that refers to a model', async () => {
    const t = await setup();
    await reg.createModel(t.svc, { name: 'prompt', tags: [{ key: 'mlflow.prompt.is_prompt', value: 'true' }] });
    expect(searchRegisteredModels(t.svc, { orderBy: [] }).items.map((m) => m.name)).toEqual(['m']);
    expect(searchRegisteredModels(t.svc, { filter: "tags.`mlflow.prompt.is_prompt` = 'true'", orderBy: [] }).items.map((m) => m.name)).toEqual(['prompt']);
    await reg.createVersion(t.svc, { name: 'm', source: `runs:/${t.runId}/model`, tags: [{ key: 'k', value: 'v' }] });
    await reg.setAlias(t.svc, 'm', 'best', '1');
    await reg.renameModel(t.svc, 'm', 'm2');
    expect(reg.getVersionByAlias(t.svc, 'm2', 'best').tags).toEqual([{ key: 'k', value: 'v' }]);
    await t.store.close();
  });

  it('answers a create with the version it made, even if the model is renamed before the record is durable', async () => {
    const t = await setup();
    const create = reg.createVersion(t.svc, { name: 'm', source: `runs:/${t.runId}/model`, tags: [] });
    const rename = reg.renameModel(t.svc, 'm', 'm2'); // applied while the create's record is synced
    expect((await create).version).toBe('1');
    await rename;
    expect(reg.getVersion(t.svc, 'm2', '1').source).toBe(`runs:/${t.runId}/model`);
    await t.store.close();
  });

  it('resolves a version source when the create is applied, not before it waited for a checkpoint', async () => {
    const t = await setup();
    await reg.createVersion(t.svc, { name: 'm', source: `runs:/${t.runId}/model`, tags: [] });
    await reg.createModel(t.svc, { name: 'copy', tags: [] });
    const [del, copy] = await whileHoldingWrites(t, () =>
      Promise.allSettled([reg.deleteVersion(t.svc, 'm', '1'), reg.createVersion(t.svc, { name: 'copy', source: 'models:/m/1', tags: [] })]),
    );
    expect(del.status).toBe('fulfilled');
    expect(copy).toMatchObject({ status: 'rejected', reason: { code: 'RESOURCE_DOES_NOT_EXIST' } }); // as if they had come one after the other
    await t.store.close();
  });
});
