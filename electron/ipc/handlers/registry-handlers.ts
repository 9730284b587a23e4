import { MlflowError, notFound } from '../../../shared/domain/mlflow-error';
import type { VersionDetails } from '../../../shared/ipc/contract-types';
import { artifactsOf, resolveArtifactPath } from '../../services/artifacts-service';
import { readArtifactText } from '../../services/artifact-slice';
import * as reg from '../../services/registry-service';
import { searchRegisteredModels } from '../../services/registry-search-service';
import { searchLoggedModels } from '../../services/search-service';
import type { ServiceContext } from '../../services/service-context';
import { findModel, versionsOf } from '../../store/registry/registry-repo';
import type { Handlers } from '../dispatch';

type RegistryHandlers = Pick<
  Handlers,
  | 'models.list' | 'models.get' | 'models.create' | 'models.rename' | 'models.update' | 'models.delete' | 'models.setTag' | 'models.deleteTag'
  | 'models.setAlias' | 'models.deleteAlias' | 'versions.get' | 'versions.register' | 'versions.transition' | 'versions.update'
  | 'versions.setTag' | 'versions.deleteTag' | 'versions.delete' | 'loggedModels.list'
>;

/** The MLmodel file of a version, read through the same confinement as every artifact. */
async function readMlmodel(svc: ServiceContext, downloadUri: string): Promise<string | null> {
  const m = /^mlflow-artifacts:\/*(.*)$/.exec(downloadUri);
  if (!m) return null;
  try {
    return await readArtifactText(artifactsOf(svc), resolveArtifactPath(svc, `${m[1]}/MLmodel`));
  } catch {
    return null;
  }
}

export function registryHandlers(svc: ServiceContext): RegistryHandlers {
  const model = (name: string) => reg.getModel(svc, name);
  return {
    'models.list': ({ filter }) => searchRegisteredModels(svc, { filter, orderBy: ['name ASC'], maxResults: 1000 }).items,
    'models.get': ({ name }) => ({ model: model(name), versions: versionsOf(svc.store.db, name) }),
    'models.create': ({ name, description }) => reg.createModel(svc, { name, description, tags: [] }),
    'models.rename': ({ name, newName }) => reg.renameModel(svc, name, newName),
    'models.update': ({ name, description }) => reg.updateModel(svc, name, description),
    'models.delete': async ({ name }) => (await reg.deleteModel(svc, name), { name }),
    'models.setTag': async ({ name, key, value }) => (await reg.setModelTag(svc, name, { key, value }), model(name)),
    'models.deleteTag': async ({ name, key }) => (await reg.deleteModelTag(svc, name, key), model(name)),
    'models.setAlias': async ({ name, alias, version }) => (await reg.setAlias(svc, name, alias, version), model(name)),
    'models.deleteAlias': async ({ name, alias }) => (await reg.deleteAlias(svc, name, alias), model(name)),
    'versions.get': async ({ name, version }): Promise<VersionDetails> => {
      const v = reg.getVersion(svc, name, version);
      const downloadUri = reg.getDownloadUri(svc, name, version);
      return { version: v, downloadUri, mlmodel: await readMlmodel(svc, downloadUri) };
    },
    /** Registers a run's model artifact or a logged model, creating the registered model when needed. */
    'versions.register': async ({ name, source, runId, modelId, description }) => {
      if (!findModel(svc.store.db, name)) {
        // another registration may create it first (both waiting for a checkpoint): that is fine
        await reg.createModel(svc, { name, tags: [] }).catch((e: unknown) => {
          if (!(e instanceof MlflowError && e.code === 'RESOURCE_ALREADY_EXISTS')) throw e;
        });
      }
      return reg.createVersion(svc, { name, source, runId, modelId, description, tags: [] });
    },
    'versions.transition': ({ name, version, stage, archiveExisting }) => reg.transitionStage(svc, name, version, stage, archiveExisting),
    'versions.update': ({ name, version, description }) => reg.updateVersion(svc, name, version, description),
    'versions.setTag': async ({ name, version, key, value }) => (await reg.setVersionTag(svc, name, version, { key, value }), reg.getVersion(svc, name, version)),
    'versions.deleteTag': async ({ name, version, key }) => (await reg.deleteVersionTag(svc, name, version, key), reg.getVersion(svc, name, version)),
    'versions.delete': async ({ name, version }) => (await reg.deleteVersion(svc, name, version), { name, version }),
    'loggedModels.list': ({ experimentIds, runId }) => {
      const filter = runId ? `source_run_id = '${runId.replaceAll("'", "")}'` : undefined;
      const models = searchLoggedModels(svc, { experimentIds, filter, orderBy: [], datasets: [], maxResults: 1000 }).items;
      if (runId && models.length === 0 && !svc.store.db.get('SELECT 1 FROM runs WHERE run_id = ?', [runId])) throw notFound(`Run with id=${runId} not found`);
      return models;
    },
  };
}
