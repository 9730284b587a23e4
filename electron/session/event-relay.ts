import type { EventMessage } from '../../shared/ipc/contract';

/**
 * The contract's event stream as the transports see it: one object for the life of the process,
 * while the store behind it closes and reopens (each open store's EventBus forwards into it, and
 * the store session publishes `store.changed` on it).
 */
export class EventRelay {
  private listeners = new Set<(msg: EventMessage) => void>();

  subscribe(listener: (msg: EventMessage) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  publish(msg: EventMessage): void {
    for (const l of this.listeners) {
      try {
        l(msg);
      } catch {
        // one broken listener (a closed stream) never keeps the event from the others
      }
    }
  }

  close(): void {
    this.listeners.clear();
  }
}
