import type { ServerView } from '../../shared/ipc/serving-types';

/** Output lines each server keeps for its view (the CLI and the Serve panel's live log). */
const KEEP_LINES = 200;
/** Ended servers kept for the list besides the running ones. */
const KEEP_ENDED = 20;

export type ServingEvent = { type: 'changed'; server: ServerView } | { type: 'output'; id: string; text: string };

/**
 * The scoring servers of one process holding a store: the serving jobs write their state here,
 * the app's serving methods read it and turn its events into `serving.changed` / `serving.output`.
 */
export class ServerRegistry {
  private servers = new Map<string, ServerView>();
  private listeners = new Set<(e: ServingEvent) => void>();
  private waiters = new Map<string, (() => void)[]>();

  add(view: ServerView): void {
    this.servers.set(view.id, { ...view, lines: [...view.lines] });
    this.forgetOld();
    this.emit({ type: 'changed', server: this.get(view.id)! });
  }

  get(id: string): ServerView | undefined {
    const v = this.servers.get(id);
    return v && { ...v, resolved: { ...v.resolved }, lines: [...v.lines] };
  }

  list(): ServerView[] {
    return [...this.servers.keys()].map((id) => this.get(id)!);
  }

  update(id: string, patch: Partial<Omit<ServerView, 'id' | 'lines'>>): void {
    const v = this.servers.get(id);
    if (!v) return;
    Object.assign(v, patch);
    this.emit({ type: 'changed', server: this.get(id)! });
    if (v.state === 'stopped' || v.state === 'failed') {
      for (const wake of this.waiters.get(id) ?? []) wake();
      this.waiters.delete(id);
    }
  }

  output(id: string, line: string): void {
    const v = this.servers.get(id);
    if (!v) return;
    v.lines.push(line);
    if (v.lines.length > KEEP_LINES) v.lines.splice(0, v.lines.length - KEEP_LINES);
    this.emit({ type: 'output', id, text: line });
  }

  /** Resolves once the server has stopped or failed (at once when it has, or is unknown). */
  ended(id: string): Promise<void> {
    const v = this.servers.get(id);
    if (!v || v.state === 'stopped' || v.state === 'failed') return Promise.resolve();
    return new Promise((resolve) => this.waiters.set(id, [...(this.waiters.get(id) ?? []), resolve]));
  }

  subscribe(listener: (e: ServingEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private forgetOld(): void {
    const ended = [...this.servers.values()].filter((v) => v.state === 'stopped' || v.state === 'failed');
    for (const v of ended.slice(0, Math.max(0, ended.length - KEEP_ENDED))) this.servers.delete(v.id);
  }

  private emit(e: ServingEvent): void {
    for (const l of this.listeners) {
      try {
        l(e);
      } catch {
        // a listener's failure is its own; the server goes on
      }
    }
  }
}

const registries = new WeakMap<object, ServerRegistry>();

/** The registry of the process holding `store` (shared by its serving jobs and its app handlers). */
export function serverRegistryOf(store: object): ServerRegistry {
  let r = registries.get(store);
  if (!r) registries.set(store, (r = new ServerRegistry()));
  return r;
}
