import type { EventMessage } from '../../shared/ipc/contract';
import type { Op } from '../store/ops/op-types';
import type { Store } from '../store/store';

const COALESCE_MS = 100;

/**
 * Turns store commits into the contract's small invalidation events, coalesced over 100 ms so
 * a client logging thousands of points a second causes a few events, not thousands. Views
 * re-read what changed; nothing streams whole state.
 */
export class EventBus {
  private listeners = new Set<(msg: EventMessage) => void>();
  private experiments = new Set<string>();
  private runs = new Set<string>();
  private runExperiments = new Set<string>();
  private metrics = new Map<string, Set<string>>();
  private models = new Set<string>();
  private timer: NodeJS.Timeout | null = null;
  private unsubscribe: () => void;

  constructor(private store: Store) {
    this.unsubscribe = store.onCommit((op) => this.note(op));
  }

  subscribe(listener: (msg: EventMessage) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Sends an event that does not come from a store commit (a job's progress) to every listener. */
  publish(msg: EventMessage): void {
    for (const l of this.listeners) l(msg);
  }

  close(): void {
    this.unsubscribe();
    if (this.timer) clearTimeout(this.timer);
    this.listeners.clear();
  }

  private note(op: Op): void {
    if (op.type.startsWith('experiment.')) this.experiments.add((op as { id: string }).id);
    if (op.type.startsWith('registry.')) {
      this.models.add((op as { name: string }).name);
      if (op.type === 'registry.renameModel') this.models.add(op.newName);
    }
    if (op.type === 'pull.model' || op.type === 'pull.version') this.models.add(op.name);
    if (op.type === 'run.create') this.noteRun(op.runId, op.experimentId);
    else if (op.type === 'run.move') {
      for (const { runId, from } of op.runs) this.noteRun(runId, from);
      this.runExperiments.add(op.experimentId);
    } else if ('runId' in op && !this.runs.has(op.runId)) this.noteRun(op.runId, this.experimentOf(op.runId));
    if (op.type === 'run.log' && op.metrics) {
      const keys = this.metrics.get(op.runId) ?? new Set<string>();
      for (const k of op.metrics.keys) keys.add(k);
      this.metrics.set(op.runId, keys);
    }
    this.timer ??= setTimeout(() => this.flush(), COALESCE_MS);
  }

  private noteRun(runId: string, experimentId: string): void {
    this.runs.add(runId);
    this.runExperiments.add(experimentId);
  }

  private experimentOf(runId: string): string {
    return this.store.db.get<{ experiment_id: string }>('SELECT experiment_id FROM runs WHERE run_id = ?', [runId])?.experiment_id ?? '';
  }

  private flush(): void {
    this.timer = null;
    const out: EventMessage[] = [];
    if (this.experiments.size) out.push({ event: 'experiments.changed', payload: { ids: [...this.experiments] } });
    if (this.runs.size) out.push({ event: 'runs.changed', payload: { experimentIds: [...this.runExperiments], runIds: [...this.runs] } });
    for (const [runId, keys] of this.metrics) out.push({ event: 'metrics.appended', payload: { runId, keys: [...keys] } });
    if (this.models.size) out.push({ event: 'registry.changed', payload: { names: [...this.models] } });
    this.experiments.clear();
    this.runs.clear();
    this.runExperiments.clear();
    this.metrics.clear();
    this.models.clear();
    for (const msg of out) for (const l of this.listeners) l(msg);
  }
}
