/**
 * What the durability test believes the store must hold: every write it sent, what the server
 * answered, and the pieces (points, params, tags, files) each write consists of.
 *
 * A write's state:
 *   sent     sent, no answer (the server was killed first): may be present or absent, never half
 *   acked    answered 200: must be present, exactly once, from now on
 *   present  was `sent`, and a restarted server showed all of it: must stay present
 *   absent   was `sent`, and a restarted server showed none of it: must stay absent
 *   refused  answered with an error before the kill: the workload only sends valid writes, so
 *            this is itself a failure (and such a write must not be applied)
 */
export type WriteState = 'sent' | 'acked' | 'present' | 'absent' | 'refused';
export type WriteKind = 'experiment' | 'run' | 'batch' | 'metric' | 'tag' | 'artifact';

export interface Write {
  id: number;
  kind: WriteKind;
  round: number;
  state: WriteState;
  /** Short description for failure messages. */
  label: string;
}

export interface ValueItem {
  write: Write;
  value: string;
}

export interface PointItem {
  write: Write;
  t: number;
  v: number;
}

export interface SeriesModel {
  key: string;
  /** Steps are handed out once per series, so every point of a series has its own step. */
  nextStep: number;
  points: Map<number, PointItem>;
  /** A client sent some of its points twice (a retried log-batch). */
  retried: boolean;
}

export interface ArtifactItem {
  write: Write;
  /** Path below the run's artifact root. */
  path: string;
  size: number;
  sha256: string;
}

export interface ExperimentModel {
  name: string;
  /** Known once the create was answered (or the experiment was found after a restart). */
  id: string | null;
  write: Write;
}

export interface RunModel {
  name: string;
  experimentId: string;
  /** Known once runs/create was answered. */
  runId: string | null;
  write: Write;
  params: Map<string, ValueItem>;
  tags: Map<string, ValueItem>;
  series: Map<string, SeriesModel>;
  artifacts: ArtifactItem[];
  /** Last round in which a write touched this run. */
  touched: number;
  /**
   * Clients retry log-batches only on some runs: on the others no point is ever sent twice,
   * so a point stored twice there can only be a write applied twice.
   */
  retries: boolean;
}

/** A log-batch body that was acknowledged, kept so a client can send it again (a retry). */
export interface SentBatch {
  runId: string;
  body: unknown;
  write: Write;
}

export class Model {
  readonly writes: Write[] = [];
  readonly experiments: ExperimentModel[] = [];
  readonly runs: RunModel[] = [];
  readonly runsById = new Map<string, RunModel>();
  readonly batches: SentBatch[] = [];
  private nextWriteId = 1;

  constructor(readonly tag: string) {}

  newWrite(kind: WriteKind, round: number, label: string): Write {
    const w: Write = { id: this.nextWriteId++, kind, round, state: 'sent', label };
    this.writes.push(w);
    return w;
  }

  /** Experiments a client may create runs in: those known to exist, plus the default one. */
  usableExperimentIds(): string[] {
    return ['0', ...this.experiments.filter((e) => e.id !== null && isDurable(e.write)).map((e) => e.id!)];
  }

  /** Runs a client may log to: created, answered, with a known id. */
  usableRuns(): RunModel[] {
    return this.runs.filter((r) => r.runId !== null && isDurable(r.write));
  }

  series(run: RunModel, key: string): SeriesModel {
    let s = run.series.get(key);
    if (!s) run.series.set(key, (s = { key, nextStep: 0, points: new Map(), retried: false }));
    return s;
  }
}

/** Acknowledged, or seen whole after a restart: it must be there from now on. */
export const isDurable = (w: Write) => w.state === 'acked' || w.state === 'present';
