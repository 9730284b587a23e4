import { describe, expect, it } from 'vitest';
import { createModel, createVersion, deleteVersion, setAlias, transitionStage } from '../../../../electron/services/registry-service';
import { resolveModelUri } from '../../../../electron/serving/model-uri';
import { openTestStore, type TestStore } from '../../../support/open-test-store';
import { useTempDirs } from '../../../support/temp-dir';
import { putArtifact, seedLoggedModel } from './serving-fixtures';

const tempDir = useTempDirs();

/** A run with an MLflow 2 style model in its artifacts (`old`), an MLflow 3 logged model `model`, and versions 1-2 of `clf`. */
async function seed(t: TestStore) {
  const { runId, modelId, runRoot, modelRoot } = await seedLoggedModel(t, { MLmodel: 'flavors: {}\n' });
  await putArtifact(t, `${runRoot}/old/MLmodel`, 'flavors: {}\n');
  await createModel(t.svc, { name: 'clf', tags: [] });
  await createVersion(t.svc, { name: 'clf', source: `models:/${modelId}`, runId, modelId, tags: [] });
  await createVersion(t.svc, { name: 'clf', source: `runs:/${runId}/old`, runId, tags: [] });
  await setAlias(t.svc, 'clf', 'champion', '1');
  return { runId, modelId, runRoot, modelRoot };
}

describe('resolveModelUri', () => {
  it('resolves every model URI form to the model folder in the store, offline', async () => {
    const t = await openTestStore(tempDir());
    const { runId, modelId, runRoot, modelRoot } = await seed(t);
    const r = (uri: string) => resolveModelUri(t.svc, uri);

    expect(r('models:/clf/1')).toEqual({ resolved: { name: 'clf', version: '1', runId, modelId }, artifactPath: modelRoot });
    expect(r('models:/clf@champion')).toEqual(r('models:/clf/1'));
    expect(r(`models:/${modelId}`)).toEqual({ resolved: { modelId, runId }, artifactPath: modelRoot });
    // MLflow 3: runs:/<run>/<name> is the run's logged model of that name
    expect(r(`runs:/${runId}/model`)).toEqual({ resolved: { runId, modelId, artifactPath: 'model' }, artifactPath: modelRoot });
    // MLflow 2: a folder of the run's artifacts
    expect(r(`runs:/${runId}/old`)).toEqual({ resolved: { runId, artifactPath: 'old' }, artifactPath: `${runRoot}/old` });
    expect(r('models:/clf/2')).toMatchObject({ resolved: { name: 'clf', version: '2', runId, artifactPath: 'old' }, artifactPath: `${runRoot}/old` });
    expect(r('models:/clf/latest').resolved.version).toBe('2');

    await transitionStage(t.svc, 'clf', '1', 'Production', false);
    expect(r('models:/clf/Production').resolved.version).toBe('1');
    await deleteVersion(t.svc, 'clf', '2');
    expect(r('models:/clf/latest').resolved.version).toBe('1');
    await t.store.close();
  });

  it('names what is missing or malformed', async () => {
    const t = await openTestStore(tempDir());
    const { runId } = await seed(t);
    const fails = (uri: string) => {
      try {
        resolveModelUri(t.svc, uri);
      } catch (err) {
        return { code: (err as { code?: string }).code, message: (err as Error).message };
      }
      throw new Error(`${uri} resolved`);
    };
    expect(fails('models:/nope/1')).toEqual({ code: 'RESOURCE_DOES_NOT_EXIST', message: 'Cannot serve models:/nope/1: Registered Model with name=nope not found' });
    expect(fails('models:/clf/7')).toMatchObject({ code: 'RESOURCE_DOES_NOT_EXIST', message: expect.stringContaining('Model Version (name=clf, version=7) not found') });
    expect(fails('models:/clf@missing')).toMatchObject({ code: 'RESOURCE_DOES_NOT_EXIST', message: 'Cannot serve models:/clf@missing: Registered model alias missing not found for model clf.' });
    expect(fails('models:/m-0123456789abcdef0123456789abcdef')).toMatchObject({ code: 'RESOURCE_DOES_NOT_EXIST', message: expect.stringContaining("Logged model with ID 'm-0123456789abcdef0123456789abcdef' not found") });
    expect(fails('runs:/0123456789abcdef0123456789abcdef/model')).toMatchObject({ code: 'RESOURCE_DOES_NOT_EXIST', message: expect.stringContaining('Run with id=0123456789abcdef0123456789abcdef not found') });
    expect(fails(`runs:/${runId}`)).toMatchObject({ code: 'INVALID_PARAMETER_VALUE', message: expect.stringContaining(`runs:/${runId} needs the model's path`) });
    expect(fails('models:/clf/Production')).toMatchObject({ code: 'RESOURCE_DOES_NOT_EXIST', message: expect.stringContaining('No version of model clf is in stage Production') });
    expect(fails('models:/clf/one')).toMatchObject({ code: 'INVALID_PARAMETER_VALUE', message: expect.stringContaining("'one' is neither a version number") });
    expect(fails('/tmp/model')).toMatchObject({ code: 'INVALID_PARAMETER_VALUE', message: expect.stringContaining('not a model URI') });
    expect(fails(`runs:/${runId}/../../etc`)).toMatchObject({ code: 'INVALID_PARAMETER_VALUE' });
    await t.store.close();
  });
});
