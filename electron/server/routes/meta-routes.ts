import { sendText } from '../http-io';
import type { Routes } from '../router';

/**
 * The MLflow version Sextant answers as (/version): the newest MLflow its conformance suite
 * passes with (test/conformance/python/requirements.txt). Clients gate features on it.
 */
export const MLFLOW_COMPAT_VERSION = '3.17.2';

/**
 * /api/3.0/mlflow/server-info as MLflow 3.17.2 answers it for a SQL store with proxied local
 * artifacts, except where Sextant lacks the feature: no workspaces, no trace archival, no
 * multipart or presigned artifact uploads, no AI gateway.
 */
export const SERVER_INFO = {
  store_type: 'SqlStore',
  workspaces_enabled: false,
  trace_archival_enabled: false,
  multipart_uploads_enabled: false,
  multipart_downloads_enabled: false,
  presigned_upload_run_id_supported: false,
  presigned_upload_model_id_supported: false,
  features_enabled: { gateway: false },
} as const;

export function metaRoutes(routes: Routes): void {
  routes.add('GET', '/health', async ({ res }) => sendText(res, 200, 'OK'));
  routes.add('GET', '/version', async ({ res }) => sendText(res, 200, MLFLOW_COMPAT_VERSION));
  routes.mlflow('GET', '/server-info', () => SERVER_INFO, '3.0');
}
