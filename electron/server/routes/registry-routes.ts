import * as reg from '../../services/registry-service';
import { searchModelVersions, searchRegisteredModels } from '../../services/registry-search-service';
import type { ServiceContext } from '../../services/service-context';
import type { Page } from '../../services/search-service';
import { keyValues, optBool, optInt, optString, optStringArray, reqString, type Message } from '../request-fields';
import type { Routes } from '../router';

const name = (m: Message) => reqString(m, 'name');
const version = (m: Message) => (typeof m.version === 'number' ? String(m.version) : reqString(m, 'version'));
const page = <T>(key: string, p: Page<T>) => ({ ...(p.items.length ? { [key]: p.items } : {}), ...(p.nextPageToken ? { next_page_token: p.nextPageToken } : {}) });
const search = (m: Message) => ({ filter: optString(m, 'filter'), orderBy: optStringArray(m, 'order_by'), maxResults: optInt(m, 'max_results'), pageToken: optString(m, 'page_token') });

/** The model registry (registered models, versions, stages, aliases), as MLflow serves it. */
export function registryRoutes(routes: Routes, ctx: ServiceContext): void {
  routes.mlflow('POST', '/registered-models/create', async (m) => ({
    registered_model: await reg.createModel(ctx, { name: optString(m, 'name'), description: optString(m, 'description'), tags: keyValues(m, 'tags') }),
  }));
  routes.mlflow('GET', '/registered-models/get', (m) => ({ registered_model: reg.getModel(ctx, name(m)) }));
  routes.mlflow('POST', '/registered-models/rename', async (m) => ({ registered_model: await reg.renameModel(ctx, name(m), optString(m, 'new_name')) }));
  routes.mlflow('PATCH', '/registered-models/update', async (m) => ({ registered_model: await reg.updateModel(ctx, name(m), optString(m, 'description') ?? '') }));
  routes.mlflow('DELETE', '/registered-models/delete', async (m) => {
    await reg.deleteModel(ctx, name(m));
  });
  routes.mlflow('GET', '/registered-models/search', (m) => page('registered_models', searchRegisteredModels(ctx, search(m))));
  routes.mlflow(['GET', 'POST'], '/registered-models/get-latest-versions', (m) => {
    const versions = reg.getLatestVersions(ctx, name(m), optStringArray(m, 'stages'));
    return versions.length ? { model_versions: versions } : {};
  });
  routes.mlflow('POST', '/registered-models/set-tag', async (m) => {
    await reg.setModelTag(ctx, name(m), { key: reqString(m, 'key'), value: optString(m, 'value') ?? '' });
  });
  routes.mlflow('DELETE', '/registered-models/delete-tag', async (m) => {
    await reg.deleteModelTag(ctx, name(m), reqString(m, 'key'));
  });
  routes.mlflow('POST', '/registered-models/alias', async (m) => {
    await reg.setAlias(ctx, name(m), reqString(m, 'alias'), version(m));
  });
  routes.mlflow('DELETE', '/registered-models/alias', async (m) => {
    await reg.deleteAlias(ctx, name(m), reqString(m, 'alias'));
  });
  routes.mlflow('GET', '/registered-models/alias', (m) => ({ model_version: reg.getVersionByAlias(ctx, name(m), reqString(m, 'alias')) }));

  routes.mlflow('POST', '/model-versions/create', async (m) => ({
    model_version: await reg.createVersion(ctx, {
      name: name(m), source: reqString(m, 'source'), runId: optString(m, 'run_id'), runLink: optString(m, 'run_link'),
      description: optString(m, 'description'), modelId: optString(m, 'model_id'), tags: keyValues(m, 'tags'),
    }),
  }));
  routes.mlflow('GET', '/model-versions/get', (m) => ({ model_version: reg.getVersion(ctx, name(m), version(m)) }));
  routes.mlflow('PATCH', '/model-versions/update', async (m) => ({ model_version: await reg.updateVersion(ctx, name(m), version(m), optString(m, 'description') ?? '') }));
  routes.mlflow('POST', '/model-versions/transition-stage', async (m) => ({
    model_version: await reg.transitionStage(ctx, name(m), version(m), reqString(m, 'stage'), optBool(m, 'archive_existing_versions') ?? false),
  }));
  routes.mlflow('DELETE', '/model-versions/delete', async (m) => {
    await reg.deleteVersion(ctx, name(m), version(m));
  });
  routes.mlflow('GET', '/model-versions/search', (m) => page('model_versions', searchModelVersions(ctx, search(m))));
  routes.mlflow('GET', '/model-versions/get-download-uri', (m) => ({ artifact_uri: reg.getDownloadUri(ctx, name(m), version(m)) }));
  routes.mlflow('POST', '/model-versions/set-tag', async (m) => {
    await reg.setVersionTag(ctx, name(m), version(m), { key: reqString(m, 'key'), value: optString(m, 'value') ?? '' });
  });
  routes.mlflow('DELETE', '/model-versions/delete-tag', async (m) => {
    await reg.deleteVersionTag(ctx, name(m), version(m), reqString(m, 'key'));
  });
}
