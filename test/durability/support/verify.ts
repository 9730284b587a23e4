import { answered, type MlflowHttp } from './http';
import { type Model, type RunModel, type Write } from './model';
import type { Rng } from './rng';
import { sha256 } from './workload';

export interface VerifyOptions {
  /** Check every run; otherwise only runs touched since `sinceRound`, runs with unresolved writes, and a sample. */
  full: boolean;
  /** The round whose unanswered writes this check resolves. */
  sinceRound: number;
  rng: Rng;
  /** Whether the server has runs/search (to find runs whose create was never answered). */
  searchRuns: boolean;
}

export interface VerifyReport {
  /** The store lost, duplicated, half-applied or invented data: the run stops here. */
  violations: string[];
  /**
   * A read path disagrees with get-history although the stored data is right (e.g. a point
   * listed twice by get-history-bulk-interval): reported at the end, so the kill rounds go on.
   */
  readViolations: string[];
  /** Unanswered writes found whole / not at all. */
  resolvedPresent: number;
  resolvedAbsent: number;
  /** Unanswered writes that cannot be looked up (a run whose id was never returned, without runs/search). */
  unresolvable: number;
  checked: { experiments: number; runs: number; series: number; points: number; artifacts: number };
}

interface Metric {
  key: string;
  value: number;
  timestamp: number;
  step: number;
}
interface KV {
  key: string;
  value: string;
}
interface RunBody {
  run: { info: { run_id: string; run_name: string; experiment_id: string }; data?: { metrics?: Metric[]; params?: KV[]; tags?: KV[] } };
}
interface SearchBody {
  runs?: { info: { run_id: string; run_name: string; experiment_id: string } }[];
  next_page_token?: string;
}

const MAX_LISTED = 25;
/** Requests the check keeps in flight. */
const CONCURRENCY = 6;
const BULK_MAX = 2500;

/**
 * Compares a freshly restarted server with the model: every durable write whole and exactly
 * once, every write known to be absent still absent, and every unanswered write either whole
 * or absent, never partly there. Unanswered writes are then marked present or absent.
 */
export async function verifyStore(http: MlflowHttp, model: Model, opts: VerifyOptions): Promise<VerifyReport> {
  const v = new Verifier(http, model, opts);
  await v.run();
  return v.report;
}

class Verifier {
  readonly report: VerifyReport = { violations: [], readViolations: [], resolvedPresent: 0, resolvedAbsent: 0, unresolvable: 0, checked: { experiments: 0, runs: 0, series: 0, points: 0, artifacts: 0 } };
  /** Per write: which of its pieces were seen and which were missing. */
  private seen = new Map<Write, { present: string[]; absent: string[] }>();

  constructor(
    private http: MlflowHttp,
    private model: Model,
    private opts: VerifyOptions,
  ) {}

  async run(): Promise<void> {
    await this.checkExperiments();
    if (this.opts.searchRuns) await this.searchRuns();
    const jobs: { run: RunModel; rng: Rng }[] = [];
    for (const run of this.model.runs) {
      if (run.runId === null) continue;
      // Every write marks its run touched, so the runs of the last round's unanswered writes are always in scope.
      const inScope = this.opts.full || run.touched >= this.opts.sinceRound || this.opts.rng.chance(0.05);
      if (inScope) jobs.push({ run, rng: this.opts.rng.fork(run.name) });
    }
    await inParallel(jobs, CONCURRENCY, (j) => this.checkRun(j.run, j.rng));
    this.judge();
  }

  private violation(msg: string): void {
    this.report.violations.push(msg);
  }

  private readViolation(msg: string): void {
    this.report.readViolations.push(msg);
  }

  private note(w: Write, present: boolean, what: string): void {
    let s = this.seen.get(w);
    if (!s) this.seen.set(w, (s = { present: [], absent: [] }));
    (present ? s.present : s.absent).push(what);
  }

  private async checkExperiments(): Promise<void> {
    await inParallel(this.model.experiments, CONCURRENCY, async (e) => {
      this.report.checked.experiments++;
      const out = answered(`experiments/get-by-name ${e.name}`, await this.http.getJson<{ experiment: { experiment_id: string } }>('experiments/get-by-name', { experiment_name: e.name }));
      if (out.kind === 'error') {
        if (out.status !== 404) this.violation(`experiments/get-by-name ${e.name}: answered ${out.status}: ${out.text}`);
        else this.note(e.write, false, `experiment ${e.name}`);
        return;
      }
      const id = out.body.experiment.experiment_id;
      if (e.id !== null && id !== e.id) this.violation(`${e.write.label}: was answered with id ${e.id}, the store now has it as ${id}`);
      this.note(e.write, true, `experiment ${e.name}`);
      if (e.id === null) e.id = id; // an answer cut off, or an unanswered create: usable once judged present
    });
  }

  /** Lists every run of the known experiments: no run twice, and the ids of runs whose create was never answered. */
  private async searchRuns(): Promise<void> {
    const expIds = ['0', ...this.model.experiments.filter((e) => e.id !== null).map((e) => e.id!)];
    const byName = new Map<string, string[]>();
    for (let i = 0; i < expIds.length; i += 50) {
      let token: string | undefined;
      do {
        const out = answered('runs/search', await this.http.postJson<SearchBody>('runs/search', {
          experiment_ids: expIds.slice(i, i + 50), run_view_type: 'ALL', max_results: 1000, ...(token ? { page_token: token } : {}),
        }));
        if (out.kind === 'error') {
          this.violation(`runs/search: answered ${out.status}: ${out.text}`);
          return;
        }
        for (const r of out.body.runs ?? []) byName.set(r.info.run_name, [...(byName.get(r.info.run_name) ?? []), r.info.run_id]);
        token = out.body.next_page_token;
      } while (token);
    }
    for (const run of this.model.runs) {
      const ids = byName.get(run.name) ?? [];
      if (ids.length > 1) this.violation(`${run.write.label}: the run exists ${ids.length} times (${ids.join(', ')})`);
      if (run.runId === null) {
        this.note(run.write, ids.length > 0, `run ${run.name}`);
        if (ids.length) {
          run.runId = ids[0]!;
          this.model.runsById.set(run.runId, run);
        }
      } else if (!ids.includes(run.runId)) {
        // Missing from the list: lost (runs/get agrees), or only the search is wrong.
        const got = answered(`runs/get ${run.runId}`, await this.http.getJson('runs/get', { run_id: run.runId }));
        if (got.kind === 'error' && got.status === 404) this.note(run.write, false, `run ${run.name} (${run.runId})`);
        else this.readViolation(`runs/search over experiment ${run.experimentId} does not list run ${run.runId} (${run.name}), which runs/get returns`);
      }
    }
  }

  private async checkRun(run: RunModel, rng: Rng): Promise<void> {
    const runId = run.runId!;
    this.report.checked.runs++;
    const got = answered(`runs/get ${runId}`, await this.http.getJson<RunBody>('runs/get', { run_id: runId }));
    if (got.kind === 'error') {
      if (got.status !== 404) this.violation(`runs/get ${runId}: answered ${got.status}: ${got.text}`);
      this.note(run.write, false, `run ${run.name} (${runId})`);
      return; // its pieces cannot be there either; one message for the run is enough
    }
    this.note(run.write, true, `run ${run.name}`);
    const { info, data = {} } = got.body.run;
    if (info.experiment_id !== run.experimentId || info.run_name !== run.name) {
      this.violation(`run ${runId}: expected experiment ${run.experimentId} / name ${run.name}, got ${info.experiment_id} / ${info.run_name}`);
    }
    this.checkValues(run, 'param', run.params, data.params ?? []);
    this.checkValues(run, 'tag', run.tags, (data.tags ?? []).filter((t) => !t.key.startsWith('mlflow.')));
    const latest = new Map((data.metrics ?? []).map((m) => [m.key, m]));
    for (const key of latest.keys()) if (!run.series.has(key)) this.violation(`run ${runId}: metric ${key} was never logged but is in runs/get`);
    for (const series of run.series.values()) await this.checkSeries(run, series.key, latest.get(series.key), rng);
    for (const a of run.artifacts) await this.checkArtifact(run, a);
  }

  private checkValues(run: RunModel, what: string, model: Map<string, { write: Write; value: string }>, server: KV[]): void {
    const byKey = new Map<string, string>();
    for (const kv of server) {
      if (byKey.has(kv.key)) this.violation(`run ${run.runId}: ${what} ${kv.key} appears twice`);
      byKey.set(kv.key, kv.value);
      if (!model.has(kv.key)) this.violation(`run ${run.runId}: ${what} ${kv.key} was never sent but is stored`);
    }
    for (const [key, item] of model) {
      const value = byKey.get(key);
      if (value !== undefined && value !== item.value) this.violation(`run ${run.runId}: ${what} ${key} = ${JSON.stringify(value).slice(0, 80)}, sent ${JSON.stringify(item.value).slice(0, 80)}`);
      this.note(item.write, value !== undefined, `${what} ${key}`);
    }
  }

  private async checkSeries(run: RunModel, key: string, latest: Metric | undefined, rng: Rng): Promise<void> {
    const runId = run.runId!;
    const series = run.series.get(key)!;
    this.report.checked.series++;
    const points = await this.history(runId, key, rng);
    if (!points) return;
    this.report.checked.points += points.length;
    const byStep = new Map<number, Metric>();
    for (const p of points) {
      const where = `run ${runId} metric ${key} step ${p.step}`;
      if (byStep.has(p.step)) this.violation(`${where}: appears more than once (${JSON.stringify(byStep.get(p.step))} and ${JSON.stringify(p)})`);
      byStep.set(p.step, p);
      const m = series.points.get(p.step);
      if (!m) this.violation(`${where}: never sent but is stored (${JSON.stringify(p)})`);
      else if (m.t !== p.timestamp || m.v !== p.value) this.violation(`${where}: stored as (t=${p.timestamp}, v=${p.value}), sent (t=${m.t}, v=${m.v}) by ${m.write.label}`);
    }
    let best: Metric | undefined;
    for (const [step, m] of series.points) {
      const p = byStep.get(step);
      this.note(m.write, p !== undefined, `metric ${key}@${step}`);
      if (p && (!best || p.step > best.step)) best = p;
    }
    await this.checkBulkInterval(runId, key, byStep, series.retried);
    if (!best && latest) this.violation(`run ${runId}: runs/get shows ${key} = ${JSON.stringify(latest)} but its history is empty`);
    if (best && (!latest || latest.step !== best.step || latest.value !== best.value || latest.timestamp !== best.timestamp)) {
      this.violation(`run ${runId}: runs/get shows latest ${key} = ${JSON.stringify(latest)}, the history's latest is ${JSON.stringify(best)}`);
    }
  }

  /**
   * get-history-bulk-interval (what charts read) returns every point when there are at most
   * max_results of them: it must hold the same points as get-history, each once. get-history
   * drops exact duplicates when it reads, so this is where a point stored twice shows: in a
   * series no client ever sent a point of twice, that is a write applied twice (a durability
   * failure); in a retried series, a retry that was not deduplicated (reported at the end).
   */
  private async checkBulkInterval(runId: string, key: string, history: Map<number, Metric>, retried: boolean): Promise<void> {
    if (history.size > BULK_MAX) return;
    const what = `get-history-bulk-interval ${runId}/${key}`;
    const out = answered(what, await this.http.getJson<{ metrics?: Metric[] }>('metrics/get-history-bulk-interval', { run_ids: runId, metric_key: key, max_results: BULK_MAX }));
    if (out.kind === 'error') {
      this.readViolation(`${what}: answered ${out.status}: ${out.text}`);
      return;
    }
    const steps = new Set<number>();
    const repeated: number[] = [];
    for (const p of out.body.metrics ?? []) {
      const h = history.get(p.step);
      if (steps.has(p.step)) repeated.push(p.step);
      else if (!h || h.timestamp !== p.timestamp || h.value !== p.value) this.readViolation(`${what}: ${JSON.stringify(p)} is not in get-history (${JSON.stringify(h)})`);
      steps.add(p.step);
    }
    if (repeated.length) {
      const once = [...new Set(repeated)];
      const which = `${once.length} points listed more than once, ${repeated.length} extra copies (steps ${once.slice(0, 8).join(', ')}${once.length > 8 ? ', …' : ''})`;
      if (retried) this.readViolation(`${what}: ${which}; get-history lists each once. A retried log-batch's points are stored again`);
      else this.violation(`${what}: ${which}, though every point of this series was sent once: a write was applied twice`);
    }
    if (steps.size !== history.size) this.readViolation(`${what}: ${steps.size} distinct steps, get-history has ${history.size}`);
  }

  /** The whole history, read in pages of a random size (small pages now and then: paging must not lose or repeat points). */
  private async history(runId: string, key: string, rng: Rng): Promise<Metric[] | null> {
    const pageSize = Number(rng.weighted({ 97: 1, 1000: 3, 25000: 6 }));
    const points: Metric[] = [];
    let token: string | undefined;
    do {
      const out = answered(`get-history ${runId}/${key}`, await this.http.getJson<{ metrics?: Metric[]; next_page_token?: string }>('metrics/get-history', {
        run_id: runId, metric_key: key, max_results: pageSize, ...(token ? { page_token: token } : {}),
      }));
      if (out.kind === 'error') {
        this.violation(`get-history ${runId}/${key}: answered ${out.status}: ${out.text}`);
        return null;
      }
      points.push(...(out.body.metrics ?? []));
      token = out.body.next_page_token;
    } while (token);
    return points;
  }

  private async checkArtifact(run: RunModel, a: RunModel['artifacts'][number]): Promise<void> {
    this.report.checked.artifacts++;
    const path = `${run.experimentId}/${run.runId}/artifacts/${a.path}`;
    const out = answered(`GET artifact ${path}`, await this.http.getArtifact(path));
    if (out.kind === 'error') {
      if (out.status !== 404) this.violation(`GET artifact ${path}: answered ${out.status}: ${out.text}`);
      this.note(a.write, false, `artifact ${a.path}`);
      return;
    }
    if (out.body.length !== a.size || sha256(out.body) !== a.sha256) {
      this.violation(`artifact ${path}: ${out.body.length} bytes that are not the ${a.size} bytes sent by ${a.write.label}`);
    }
    this.note(a.write, true, `artifact ${a.path}`);
  }

  /** Every write whole, or (if unanswered) whole or absent; unanswered writes are then resolved. */
  private judge(): void {
    for (const [w, { present, absent }] of this.seen) {
      const list = (xs: string[]) => xs.slice(0, 5).join(', ') + (xs.length > 5 ? `, … (${xs.length} in all)` : '');
      switch (w.state) {
        case 'acked':
        case 'present':
          if (absent.length) this.violation(`${w.label}: ${w.state === 'acked' ? 'acknowledged (200)' : 'seen whole after an earlier restart'}, but missing: ${list(absent)}${present.length ? ` (present: ${list(present)})` : ''}`);
          break;
        case 'absent':
          if (present.length) this.violation(`${w.label}: was absent after an earlier restart, but now present: ${list(present)}`);
          break;
        case 'refused':
          if (present.length) this.violation(`${w.label}: answered with an error, yet applied: ${list(present)}`);
          break;
        case 'sent':
          if (present.length && absent.length) {
            this.violation(`${w.label}: unanswered and PARTLY applied: present ${list(present)}; missing ${list(absent)}`);
          } else if (present.length) {
            w.state = 'present';
            this.report.resolvedPresent++;
          } else if (absent.length) {
            w.state = 'absent';
            this.report.resolvedAbsent++;
          }
          break;
      }
    }
    this.report.unresolvable = this.model.writes.filter((w) => w.state === 'sent' && !this.seen.has(w)).length;
    for (const list of [this.report.violations, this.report.readViolations]) {
      const n = list.length;
      if (n > MAX_LISTED) list.splice(MAX_LISTED, n, `… and ${n - MAX_LISTED} more`);
    }
  }
}

/** Runs `fn` over `items`, at most `n` at a time. */
async function inParallel<T>(items: readonly T[], n: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await fn(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(n, items.length) }, worker));
}
