import type { Input } from '../../../shared/ipc/contract';
import type { Client } from '../../api/client';

/**
 * A client whose artifacts.list and artifacts.read serve a logged model's files (which live
 * under the model, not its run), so the run artifact browser's stores can browse them: the
 * `runId` those stores send is ignored. Every other call and event goes to `api` unchanged,
 * except runs.changed, which says nothing about a model's files.
 */
export function modelFilesClient(api: Client, modelId: string): Client {
  const call = (method: string, input: unknown): Promise<unknown> => {
    if (method === 'artifacts.list') {
      const { path } = input as Input<'artifacts.list'>;
      return api.call('loggedModels.artifacts.list', { modelId, ...(path !== undefined ? { path } : {}) });
    }
    if (method === 'artifacts.read') {
      const { path, maxBytes, offset } = input as Input<'artifacts.read'>;
      return api.call('loggedModels.artifacts.read', { modelId, path, maxBytes, ...(offset !== undefined ? { offset } : {}) });
    }
    return (api.call as (m: string, i: unknown) => Promise<unknown>)(method, input);
  };
  const on = (event: string, cb: (payload: never) => void): (() => void) =>
    event === 'runs.changed' ? () => undefined : (api.on as (e: string, c: (p: never) => void) => () => void)(event, cb);
  return { call: call as Client['call'], on: on as Client['on'] };
}
