import { sendText } from '../http-io';
import type { Routes } from '../router';

/** The MLflow version Sextant answers as: clients gate features on it (/version). */
export const MLFLOW_COMPAT_VERSION = '3.11.1';

export function metaRoutes(routes: Routes): void {
  routes.add('GET', '/health', async ({ res }) => sendText(res, 200, 'OK'));
  routes.add('GET', '/version', async ({ res }) => sendText(res, 200, MLFLOW_COMPAT_VERSION));
  routes.mlflow('GET', '/server-info', () => ({ store_type: 'SqlStore', workspaces_enabled: false }), '3.0');
}
