import { createHash } from 'node:crypto';
import type { MlflowHttp, Outcome } from './http';
import { isDurable, type Model, type RunModel, type Write } from './model';
import type { Rng } from './rng';

/** How often each client picks each kind of request. */
const WEIGHTS = {
  batch: 40,
  bigBatch: 3,
  metric: 15,
  tag: 10,
  artifact: 7,
  run: 1.5,
  experiment: 0.5,
  retry: 5,
  read: 5,
} as const;
type OpKind = keyof typeof WEIGHTS;

export interface RoundStats {
  /** Writes sent, by kind. */
  sent: Record<string, number>;
  /** Writes answered 200, by kind. */
  acked: Record<string, number>;
  /** Writes with no answer (in flight at the kill). */
  unanswered: number;
  retries: number;
  reads: number;
  /** Problems seen while the server was up (error answers, duplicate points in a read). */
  violations: string[];
}

interface CreateRunBody {
  run?: { info?: { run_id?: string } };
}
interface HistoryBody {
  metrics?: { step: number }[];
}

/**
 * Several concurrent clients sending MLflow writes until `stop()`. Every write is entered in
 * the model before it is sent and marked acked only when its 200 arrives, so at the kill the
 * model knows exactly which writes the server acknowledged.
 */
export class Workload {
  private stopped = false;
  readonly stats: RoundStats = { sent: {}, acked: {}, unanswered: 0, retries: 0, reads: 0, violations: [] };

  constructor(
    private http: MlflowHttp,
    private model: Model,
    private round: number,
    private rng: Rng,
  ) {}

  /** Runs `clients` clients until `stop()` is called and their last requests have settled. */
  run(clients: number): Promise<void> {
    return Promise.all(Array.from({ length: clients }, (_, i) => this.client(i, this.rng.fork(`client-${i}`)))).then(() => undefined);
  }

  stop(): void {
    this.stopped = true;
  }

  private async client(index: number, rng: Rng): Promise<void> {
    while (!this.stopped) {
      let kind: OpKind = rng.weighted(WEIGHTS);
      if (this.model.usableRuns().length < 2 && kind !== 'experiment') kind = 'run';
      await this.op(kind, index, rng);
    }
  }

  private async op(kind: OpKind, client: number, rng: Rng): Promise<void> {
    switch (kind) {
      case 'experiment':
        return this.createExperiment(rng);
      case 'run':
        return this.createRun(client, rng);
      case 'batch':
        return this.logBatch(rng, false);
      case 'bigBatch':
        return this.logBatch(rng, true);
      case 'metric':
        return this.logMetric(rng);
      case 'tag':
        return this.setTag(rng);
      case 'artifact':
        return this.putArtifact(rng);
      case 'retry':
        return this.retryBatch(rng);
      case 'read':
        return this.read(rng);
    }
  }

  /** Counts the outcome of a write and moves it to acked / refused. True when acked. */
  private settle(w: Write, out: Outcome<unknown>): boolean {
    if (out.kind === 'ok') {
      w.state = 'acked';
      this.stats.acked[w.kind] = (this.stats.acked[w.kind] ?? 0) + 1;
      return true;
    }
    if (out.kind === 'error') {
      w.state = 'refused';
      this.stats.violations.push(`${w.label}: the server answered ${out.status} before the kill: ${out.text}`);
    } else {
      this.stats.unanswered++;
    }
    return false;
  }

  private newWrite(kind: Write['kind'], label: string): Write {
    this.stats.sent[kind] = (this.stats.sent[kind] ?? 0) + 1;
    return this.model.newWrite(kind, this.round, `round ${this.round} ${label}`);
  }

  /** Mostly the most recent runs (hot series), sometimes older ones (series from earlier rounds). */
  private pickRun(rng: Rng): RunModel | null {
    const runs = this.model.usableRuns();
    if (!runs.length) return null;
    const r = rng.next();
    const run = rng.pick(r < 0.85 ? runs.slice(-8) : r < 0.97 ? runs.slice(-40) : runs);
    run.touched = this.round;
    return run;
  }

  private async createExperiment(rng: Rng): Promise<void> {
    const w = this.newWrite('experiment', '');
    const name = `${this.model.tag}-r${this.round}-e${w.id}`;
    w.label += `experiments/create ${name}`;
    const exp = { name, id: null as string | null, write: w };
    this.model.experiments.push(exp);
    const out = await this.http.postJson<{ experiment_id?: string }>('experiments/create', { name, tags: [{ key: 'durability.seed', value: String(rng.int(0, 1e9)) }] });
    if (this.settle(w, out) && out.kind === 'ok') exp.id = out.body?.experiment_id ?? null;
  }

  private async createRun(client: number, rng: Rng): Promise<void> {
    const w = this.newWrite('run', '');
    const experimentId = rng.pick(this.model.usableExperimentIds());
    const name = `${this.model.tag}-r${this.round}-run${w.id}`;
    w.label += `runs/create ${name} in experiment ${experimentId}`;
    const run: RunModel = {
      name, experimentId, runId: null, write: w, params: new Map(), tags: new Map(), series: new Map(), artifacts: [], touched: this.round, retries: rng.chance(0.3),
    };
    const clientTag = `c${client}-${rng.int(0, 1e6)}`;
    run.tags.set('durability.client', { write: w, value: clientTag });
    this.model.runs.push(run);
    const out = await this.http.postJson<CreateRunBody>('runs/create', {
      experiment_id: experimentId, run_name: name, start_time: Date.now(), tags: [{ key: 'durability.client', value: clientTag }],
    });
    if (this.settle(w, out) && out.kind === 'ok') {
      const runId = out.body?.run?.info?.run_id;
      if (runId) {
        run.runId = runId;
        this.model.runsById.set(runId, run);
      }
    }
  }

  private async logBatch(rng: Rng, big: boolean): Promise<void> {
    const run = this.pickRun(rng);
    if (!run) return;
    const w = this.newWrite('batch', '');
    const nMetrics = big ? 900 : rng.int(1, 50);
    const nParams = big ? 50 : rng.int(0, 3);
    const nTags = big ? 50 : rng.int(0, 3);
    const metrics = [];
    for (let i = 0; i < nMetrics; i++) {
      const key = big ? `big${i % 10}` : `m${rng.int(0, 4)}`;
      const series = this.model.series(run, key);
      const step = series.nextStep++;
      const t = Date.now() + rng.int(-3000, 3000); // out-of-order timestamps: the unordered-series paths
      const v = rng.int(-1e9, 1e9) / 1024;
      series.points.set(step, { write: w, t, v });
      metrics.push({ key, value: v, timestamp: t, step });
    }
    const params = [];
    for (let i = 0; i < nParams; i++) {
      const p = { key: `p${w.id}_${i}`, value: randomText(rng, big ? 40 : 120) };
      run.params.set(p.key, { write: w, value: p.value });
      params.push(p);
    }
    const tags = [];
    for (let i = 0; i < nTags; i++) {
      const t = { key: `t${w.id}_${i}`, value: randomText(rng, big ? 40 : 200) };
      run.tags.set(t.key, { write: w, value: t.value });
      tags.push(t);
    }
    w.label += `log-batch #${w.id} on run ${run.runId} (${nMetrics} metrics, ${nParams} params, ${nTags} tags)`;
    const body = { run_id: run.runId, metrics, params, tags };
    const out = await this.http.postJson('runs/log-batch', body);
    if (this.settle(w, out)) this.model.batches.push({ runId: run.runId!, body, write: w });
  }

  private async logMetric(rng: Rng): Promise<void> {
    const run = this.pickRun(rng);
    if (!run) return;
    const w = this.newWrite('metric', '');
    const series = this.model.series(run, 'single');
    const step = series.nextStep++;
    const t = Date.now();
    const v = rng.int(-1e6, 1e6) / 8;
    series.points.set(step, { write: w, t, v });
    w.label += `log-metric single@${step} on run ${run.runId}`;
    this.settle(w, await this.http.postJson('runs/log-metric', { run_id: run.runId, key: 'single', value: v, timestamp: t, step }));
  }

  private async setTag(rng: Rng): Promise<void> {
    const run = this.pickRun(rng);
    if (!run) return;
    const w = this.newWrite('tag', '');
    const key = `st${w.id}`;
    const value = randomText(rng, 300);
    run.tags.set(key, { write: w, value });
    w.label += `set-tag ${key} on run ${run.runId}`;
    this.settle(w, await this.http.postJson('runs/set-tag', { run_id: run.runId, key, value }));
  }

  private async putArtifact(rng: Rng): Promise<void> {
    const run = this.pickRun(rng);
    if (!run) return;
    const w = this.newWrite('artifact', '');
    const path = `${rng.pick(['', 'd1/', 'd1/d2/', 'plots/'])}a${w.id}.bin`;
    const sizeClass = rng.weighted({ empty: 1, small: 10, medium: 6, large: 1 });
    const size = sizeClass === 'empty' ? 0 : sizeClass === 'small' ? rng.int(1, 4096) : sizeClass === 'medium' ? rng.int(4097, 300_000) : rng.int(1_000_000, 3_000_000);
    const bytes = rng.bytes(size);
    run.artifacts.push({ write: w, path, size, sha256: sha256(bytes) });
    w.label += `artifact PUT ${path} (${size} bytes) on run ${run.runId}`;
    this.settle(w, await this.http.putArtifact(`${run.experimentId}/${run.runId}/artifacts/${path}`, bytes));
  }

  /** Sends an acknowledged log-batch again, as a client retrying after a lost answer would. */
  private async retryBatch(rng: Rng): Promise<void> {
    const durable = this.model.batches.filter((b) => isDurable(b.write) && this.model.runsById.get(b.runId)!.retries);
    if (!durable.length) return;
    const b = rng.pick(durable);
    const run = this.model.runsById.get(b.runId)!;
    for (const m of (b.body as { metrics: { key: string }[] }).metrics) this.model.series(run, m.key).retried = true;
    this.stats.retries++;
    const out = await this.http.postJson('runs/log-batch', b.body);
    if (out.kind === 'error') this.stats.violations.push(`retry of ${b.write.label}: answered ${out.status} (a retried log-batch must succeed and change nothing): ${out.text}`);
  }

  private async read(rng: Rng): Promise<void> {
    const run = this.pickRun(rng);
    if (!run) return;
    this.stats.reads++;
    const keys = [...run.series.keys()];
    if (!keys.length || rng.chance(0.3)) {
      const out = await this.http.getJson('runs/get', { run_id: run.runId! });
      if (out.kind === 'error') this.stats.violations.push(`runs/get ${run.runId} while logging: answered ${out.status}: ${out.text}`);
      return;
    }
    const key = rng.pick(keys);
    const out = await this.http.getJson<HistoryBody>('metrics/get-history', { run_id: run.runId!, metric_key: key, max_results: 100_000 });
    if (out.kind === 'error') this.stats.violations.push(`get-history ${run.runId}/${key} while logging: answered ${out.status}: ${out.text}`);
    if (out.kind === 'ok' && out.body) {
      const steps = new Set<number>();
      for (const m of out.body.metrics ?? []) {
        if (steps.has(m.step)) this.stats.violations.push(`get-history ${run.runId}/${key} while logging: step ${m.step} appears twice`);
        steps.add(m.step);
      }
    }
  }
}

export function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

const ALPHABET = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 _-.:/é漢';

function randomText(rng: Rng, maxLen: number): string {
  const n = rng.int(1, maxLen);
  let s = '';
  for (let i = 0; i < n; i++) s += ALPHABET[rng.int(0, ALPHABET.length - 1)];
  return s;
}
