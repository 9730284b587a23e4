import { invalidParam, notFound } from '../../shared/domain/mlflow-error';
import type { Experiment, KeyValue } from '../../shared/domain/tracking';
import { findExperimentByName, nextExperimentId, requireExperiment, toExperiment } from '../store/repos/experiments-repo';
import type { ServiceContext } from './service-context';
import { validateExperimentId, validateExperimentName, validateExperimentTag } from './validation';

export const experimentArtifactLocation = (id: string) => `mlflow-artifacts:/${id}`;

/** The ops that create a new store's default experiment "0". */
export const defaultExperimentOps = (now: number) => [
  { type: 'experiment.create' as const, id: '0', name: 'Default', artifactLocation: experimentArtifactLocation('0'), tags: [], time: now },
];

export async function createExperiment(ctx: ServiceContext, input: { name?: string; artifactLocation?: string; tags: KeyValue[] }): Promise<string> {
  const name = validateExperimentName(input.name);
  if (input.artifactLocation) {
    throw invalidParam(
      `artifact_location '${input.artifactLocation}' is not supported: Sextant keeps every experiment's artifacts in its own store and serves them as mlflow-artifacts:/ URIs. Leave artifact_location empty.`,
    );
  }
  const tags = input.tags.map(validateExperimentTag);
  const op = await ctx.store.commit(() => {
    const id = nextExperimentId(ctx.store.db);
    return { type: 'experiment.create' as const, id, name, artifactLocation: experimentArtifactLocation(id), tags, time: ctx.now() };
  });
  return op.id;
}

export function getExperiment(ctx: ServiceContext, id: string): Experiment {
  validateExperimentId(id);
  return toExperiment(ctx.store.db, requireExperiment(ctx.store.db, id));
}

export function getExperimentByName(ctx: ServiceContext, name: string): Experiment {
  const row = findExperimentByName(ctx.store.db, name);
  if (!row) throw notFound(`Could not find experiment with name '${name}'`);
  return toExperiment(ctx.store.db, row);
}

export async function renameExperiment(ctx: ServiceContext, id: string, newName: string | undefined): Promise<void> {
  validateExperimentId(id);
  await ctx.store.commit({ type: 'experiment.rename', id, name: validateExperimentName(newName), time: ctx.now() });
}

export async function setExperimentLifecycle(ctx: ServiceContext, id: string, action: 'delete' | 'restore'): Promise<void> {
  validateExperimentId(id);
  await ctx.store.commit({ type: action === 'delete' ? 'experiment.delete' : 'experiment.restore', id, time: ctx.now() });
}

export async function setExperimentTag(ctx: ServiceContext, id: string, tag: KeyValue): Promise<void> {
  validateExperimentId(id);
  await ctx.store.commit({ type: 'experiment.setTag', id, tag: validateExperimentTag(tag), time: ctx.now() });
}

export async function deleteExperimentTag(ctx: ServiceContext, id: string, key: string): Promise<void> {
  validateExperimentId(id);
  await ctx.store.commit({ type: 'experiment.deleteTag', id, key, time: ctx.now() });
}
