import type { EventMessage } from '../../shared/ipc/contract';
import type { JobView } from '../../shared/ipc/sync-types';
import type { JobRunner } from '../jobs/job-runner';
import { createThrottle, type Throttle } from '../jobs/throttle';
import type { JobEvent, JobInfo } from '../jobs/job-types';

const KEEP_LINES = 5;

interface Tracked {
  info: JobInfo;
  title?: string;
  lines: string[];
  throttle: Throttle;
}

/**
 * The runner's jobs as the UI sees them (a title, the last log lines), and the `jobs.changed`
 * events that keep the progress panel current: at most one per job per `throttleMs`, with the
 * start and the end sent at once. Jobs a command handed over appear too, titled by their kind.
 */
export class JobsFeed {
  private jobs = new Map<string, Tracked>();
  private titles = new Map<string, string>();
  private readonly unsubscribe: () => void;

  constructor(
    private readonly runner: JobRunner,
    private readonly publish: (msg: EventMessage) => void,
    private readonly throttleMs = 250,
  ) {
    for (const info of runner.list()) this.track(info);
    this.unsubscribe = runner.subscribe((e) => this.onEvent(e));
  }

  /** Names a job the UI started (called right after `start`, before its first event goes out). */
  title(id: string, title: string): void {
    this.titles.set(id, title);
    const t = this.jobs.get(id);
    if (t) t.title = title;
  }

  list(): JobView[] {
    const known = new Set(this.runner.list().map((j) => j.id));
    for (const id of this.jobs.keys()) if (!known.has(id)) this.forget(id);
    return [...this.jobs.values()].map((t) => this.view(t));
  }

  get(id: string): JobView | undefined {
    const t = this.jobs.get(id);
    return t && this.view(t);
  }

  close(): void {
    this.unsubscribe();
    for (const t of this.jobs.values()) t.throttle.cancel();
  }

  private onEvent(e: JobEvent): void {
    if (e.type === 'log') {
      const t = this.jobs.get(e.id);
      if (!t) return;
      t.lines = [...t.lines, e.line].slice(-KEEP_LINES);
      return t.throttle.call();
    }
    const t = this.track(e.job);
    if (e.type === 'finished') {
      t.throttle.cancel();
      this.send(t);
      this.titles.delete(e.job.id);
    } else if (e.type === 'started') {
      queueMicrotask(() => t.throttle.call()); // after the starter has titled it
    } else t.throttle.call();
  }

  private track(info: JobInfo): Tracked {
    const existing = this.jobs.get(info.id);
    if (existing) {
      existing.info = info;
      return existing;
    }
    const t: Tracked = { info, lines: [], throttle: createThrottle(this.throttleMs, () => this.send(t)) };
    this.jobs.set(info.id, t);
    return t;
  }

  private forget(id: string): void {
    this.jobs.get(id)?.throttle.cancel();
    this.jobs.delete(id);
  }

  private send(t: Tracked): void {
    this.publish({ event: 'jobs.changed', payload: { job: this.view(t) } });
  }

  private view(t: Tracked): JobView {
    const { info } = t;
    return {
      id: info.id,
      kind: info.kind,
      title: t.title ?? this.titles.get(info.id) ?? info.kind,
      state: info.state,
      startedAt: info.startedAt,
      ...(info.endedAt === undefined ? {} : { endedAt: info.endedAt }),
      progress: { ...info.progress },
      lines: [...t.lines],
      ...(info.outcome ? { outcome: { summary: info.outcome.summary, problems: info.outcome.problems ?? [] } } : {}),
    };
  }
}
