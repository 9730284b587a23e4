import { invalidParam } from '../../shared/domain/mlflow-error';
import type { ModelVersion, RegisteredModel } from '../../shared/domain/registry';
import type { KeyValue } from '../../shared/domain/tracking';
import { latestVersions, nextVersion, requireModel, requireVersion, toModelVersion, toRegisteredModel } from '../store/registry/registry-repo';
import { resolveVersionSource } from './model-version-source';
import { canonicalStage, parseVersion, validateAlias, validateModelName } from './registry-validation';
import type { ServiceContext } from './service-context';
import { validateKey } from './validation';

const tag = (t: KeyValue) => (validateKey('tag', t.key), t);

export const getModel = (ctx: ServiceContext, name: string): RegisteredModel => toRegisteredModel(ctx.store.db, requireModel(ctx.store.db, name));

export async function createModel(ctx: ServiceContext, input: { name?: string; description?: string; tags: KeyValue[] }): Promise<RegisteredModel> {
  const name = validateModelName(input.name);
  const tags = input.tags.map(tag);
  return ctx.store.commit({ type: 'registry.createModel', name, description: input.description ?? '', tags, time: ctx.now() }, () => getModel(ctx, name));
}

export async function renameModel(ctx: ServiceContext, name: string, newName: string | undefined): Promise<RegisteredModel> {
  const to = validateModelName(newName);
  return ctx.store.commit({ type: 'registry.renameModel', name, newName: to, time: ctx.now() }, () => getModel(ctx, to));
}

export async function updateModel(ctx: ServiceContext, name: string, description: string): Promise<RegisteredModel> {
  return ctx.store.commit({ type: 'registry.updateModel', name, description, time: ctx.now() }, () => getModel(ctx, name));
}

export const deleteModel = async (ctx: ServiceContext, name: string) => ctx.store.commit({ type: 'registry.deleteModel', name, time: ctx.now() });
export const setModelTag = async (ctx: ServiceContext, name: string, t: KeyValue) => ctx.store.commit({ type: 'registry.setModelTag', name, tag: tag(t), time: ctx.now() });
export const deleteModelTag = async (ctx: ServiceContext, name: string, key: string) => ctx.store.commit({ type: 'registry.deleteModelTag', name, key, time: ctx.now() });

export const setAlias = async (ctx: ServiceContext, name: string, alias: string, version: string) =>
  ctx.store.commit({ type: 'registry.setAlias', name, alias: validateAlias(alias), version: parseVersion(version), time: ctx.now() });
export const deleteAlias = async (ctx: ServiceContext, name: string, alias: string) => ctx.store.commit({ type: 'registry.deleteAlias', name, alias, time: ctx.now() });

export function getVersionByAlias(ctx: ServiceContext, name: string, alias: string): ModelVersion {
  requireModel(ctx.store.db, name);
  const row = ctx.store.db.get<{ version: number }>('SELECT version FROM registered_model_aliases WHERE name = ? AND alias = ?', [name, alias]);
  if (!row) throw invalidParam(`Registered model alias ${alias} not found.`); // MLflow's code for this case
  return getVersion(ctx, name, String(row.version));
}

export const getVersion = (ctx: ServiceContext, name: string, version: string): ModelVersion =>
  toModelVersion(ctx.store.db, requireVersion(ctx.store.db, name, parseVersion(version)));

export interface CreateVersionInput {
  name: string;
  source: string;
  runId?: string;
  runLink?: string;
  description?: string;
  modelId?: string;
  tags: KeyValue[];
}

/** Source, model and version number are all resolved when the op is applied, against the state it applies to. */
export async function createVersion(ctx: ServiceContext, input: CreateVersionInput): Promise<ModelVersion> {
  const tags = input.tags.map(tag);
  return ctx.store.commit(
    () => {
      requireModel(ctx.store.db, input.name);
      const resolved = resolveVersionSource(ctx, input.source, input.runId || undefined, input.modelId || undefined);
      return {
        type: 'registry.createVersion' as const, name: input.name, version: nextVersion(ctx.store.db, input.name), source: input.source,
        storageLocation: resolved.storageLocation, runId: resolved.runId, runLink: input.runLink ?? '', description: input.description ?? '',
        userId: '', modelId: resolved.modelId, tags, time: ctx.now(),
      };
    },
    (op) => getVersion(ctx, op.name, String(op.version)),
  );
}

export async function updateVersion(ctx: ServiceContext, name: string, version: string, description: string): Promise<ModelVersion> {
  return ctx.store.commit({ type: 'registry.updateVersion', name, version: parseVersion(version), description, time: ctx.now() }, () => getVersion(ctx, name, version));
}

export async function transitionStage(ctx: ServiceContext, name: string, version: string, stage: string, archiveExisting: boolean): Promise<ModelVersion> {
  const op = { type: 'registry.transitionStage' as const, name, version: parseVersion(version), stage: canonicalStage(stage), archiveExisting, time: ctx.now() };
  return ctx.store.commit(op, () => getVersion(ctx, name, version));
}

export const deleteVersion = async (ctx: ServiceContext, name: string, version: string) =>
  ctx.store.commit({ type: 'registry.deleteVersion', name, version: parseVersion(version), time: ctx.now() });
export const setVersionTag = async (ctx: ServiceContext, name: string, version: string, t: KeyValue) =>
  ctx.store.commit({ type: 'registry.setVersionTag', name, version: parseVersion(version), tag: tag(t), time: ctx.now() });
export const deleteVersionTag = async (ctx: ServiceContext, name: string, version: string, key: string) =>
  ctx.store.commit({ type: 'registry.deleteVersionTag', name, version: parseVersion(version), key, time: ctx.now() });

export function getLatestVersions(ctx: ServiceContext, name: string, stages: string[]): ModelVersion[] {
  requireModel(ctx.store.db, name);
  return latestVersions(ctx.store.db, name, stages.map(canonicalStage));
}

/** Where a client downloads a version's files from: its storage location, else its source. */
export function getDownloadUri(ctx: ServiceContext, name: string, version: string): string {
  const row = requireVersion(ctx.store.db, name, parseVersion(version));
  return row.storage_location || row.source;
}
