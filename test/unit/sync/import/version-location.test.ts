// @vitest-environment node
import { afterEach, describe, expect, it } from 'vitest';
import { versionLocation } from '../../../../electron/sync/import/version-location';
import { openTestStore, type TestStore } from '../../../support/open-test-store';
import { useTempDirs } from '../../../support/temp-dir';

const RUN = 'a'.repeat(32);

describe('versionLocation', () => {
  const tempDir = useTempDirs();
  let t: TestStore | undefined;
  afterEach(async () => {
    await t?.store.close();
    t = undefined;
  });

  it("maps a version's source to where its files are in the store", async () => {
    t = await openTestStore(tempDir());
    const { store } = t;
    await store.commit({ type: 'experiment.create', id: '7', name: 'e', artifactLocation: 'mlflow-artifacts:/7', tags: [], time: 1 });
    await store.commit({ type: 'run.create', runId: RUN, experimentId: '7', name: 'r', userId: '', startTime: 1, artifactUri: `mlflow-artifacts:/7/${RUN}/artifacts`, tags: [], time: 1 });
    await store.commit({ type: 'model.create', modelId: 'm-1', experimentId: '7', name: 'm', modelType: '', sourceRunId: RUN, artifactUri: 'mlflow-artifacts:/7/models/m-1/artifacts', params: [], tags: [], time: 1 });
    const seen = { runArtifactUris: new Map([[RUN, `file:///data/mlruns/3/${RUN}/artifacts`]]), modelLocations: new Map([['m-1', 'file:///data/mlruns/3/models/m-1/artifacts']]) };
    const at = (source: string, runId = '', modelId = '') => versionLocation(store.db, { source, runId, modelId }, seen);
    expect(at('models:/m-1')).toBe('mlflow-artifacts:/7/models/m-1/artifacts');
    expect(at(`runs:/${RUN}/model`)).toBe(`mlflow-artifacts:/7/${RUN}/artifacts/model`);
    expect(at(`file:///data/mlruns/3/${RUN}/artifacts/model`, RUN)).toBe(`mlflow-artifacts:/7/${RUN}/artifacts/model`);
    expect(at('file:///data/mlruns/3/models/m-1/artifacts')).toBe('mlflow-artifacts:/7/models/m-1/artifacts');
    expect(at(`/moved/elsewhere/3/${RUN}/artifacts/model/`, RUN)).toBe(`mlflow-artifacts:/7/${RUN}/artifacts/model`);
    expect(at('s3://bucket/somewhere/model')).toBeNull();
    expect(at('models:/m-404')).toBeNull();
  });
});
