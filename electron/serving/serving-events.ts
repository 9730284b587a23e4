import type { EventMessage } from '../../shared/ipc/contract';
import { serverRegistryOf } from './server-registry';

/**
 * Sends the model servers of the process holding `store` to the app as the contract's
 * `serving.changed` (a server's whole view at each change of state) and `serving.output` (each
 * new line) events. Called once where the store is served, with the event bus's publish; answers
 * the way to stop.
 */
export function forwardServingEvents(store: object, publish: (msg: EventMessage) => void): () => void {
  return serverRegistryOf(store).subscribe((e) =>
    publish(e.type === 'changed' ? { event: 'serving.changed', payload: { server: e.server } } : { event: 'serving.output', payload: { id: e.id, text: e.text } }),
  );
}
