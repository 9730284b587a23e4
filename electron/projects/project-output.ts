/** What project runs tell the process they run in, as it happens. */
export type ProjectEvent =
  /** The run exists in the store (with its params and tags); the command has not started yet. */
  | { type: 'run'; jobId: string; runId: string; experimentId: string; runName: string }
  /** Output of the command ('stdout', 'stderr') or Sextant's own line about the run ('note', newline-terminated). */
  | { type: 'output'; jobId: string; runId: string; stream: 'stdout' | 'stderr' | 'note'; text: string };

type Listener = (event: ProjectEvent) => void;

/**
 * Where project-run jobs publish their run and output: the CLI that runs a project prints the
 * output, `projects.run` waits for the run, and the process holding the store forwards the output
 * as the contract's `projects.output` event (forwardProjectOutput). Listeners that throw are ignored.
 */
export class ProjectEventHub {
  private listeners = new Set<Listener>();

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  publish(event: ProjectEvent): void {
    for (const l of this.listeners) {
      try {
        l(event);
      } catch {
        // a listener's failure is not the project's
      }
    }
  }
}

/** The process's one hub (job handlers are built without a way to reach the event bus). */
export const projectEventHub = new ProjectEventHub();

export interface ProjectOutputMessage {
  event: 'projects.output';
  payload: { jobId: string; runId: string; text: string };
}

/**
 * Forwards project output as `projects.output` events to a publisher (the event bus of the
 * process holding the store), e.g. in openTracking: `forwardProjectOutput((m) => bus.publish(m))`.
 * Returns the way to stop.
 */
export function forwardProjectOutput(publish: (msg: ProjectOutputMessage) => void, hub: ProjectEventHub = projectEventHub): () => void {
  return hub.subscribe((e) => {
    if (e.type === 'output') publish({ event: 'projects.output', payload: { jobId: e.jobId, runId: e.runId, text: e.text } });
  });
}
