import { Readable } from 'node:stream';
import { artifactsOf, resolveArtifactPath } from '../../../../electron/services/artifacts-service';
import { createLoggedModel } from '../../../../electron/services/logged-models-service';
import { createRun } from '../../../../electron/services/runs-service';
import type { TestStore } from '../../../support/open-test-store';

/** Writes one artifact through the store's artifact API (sealed when the store is encrypted). */
export async function putArtifact(t: TestStore, path: string, content: string | Buffer): Promise<void> {
  await artifactsOf(t.svc).write(resolveArtifactPath(t.svc, path, { file: true }), Readable.from([Buffer.from(content)]));
}

/** A run and its logged model `model` holding `files` (relative path → content); answers the ids and the model's artifact path. */
export async function seedLoggedModel(t: TestStore, files: Record<string, string | Buffer>) {
  const run = (await createRun(t.svc, { experimentId: '0', runName: 'train', tags: [] })).info;
  const model = (await createLoggedModel(t.svc, { experimentId: '0', name: 'model', sourceRunId: run.run_id, params: [], tags: [] })).info;
  const modelRoot = model.artifact_uri.replace('mlflow-artifacts:/', '');
  for (const [rel, content] of Object.entries(files)) await putArtifact(t, `${modelRoot}/${rel}`, content);
  return { runId: run.run_id, modelId: model.model_id, runRoot: run.artifact_uri.replace('mlflow-artifacts:/', ''), modelRoot };
}
