import type { Database } from '../database';
import type { Op } from '../ops/op-types';
import { KeyInterner } from './key-interner';
import { loadRunRecords, runsById, runsInRange, type RunSelection } from './load-run-records';
import { runsTouchedBy, type RunsTouched } from './op-touches';
import type { RunRecord } from './run-record';
import { ListColumns } from './list-columns';
import { changesInPlace, listMoves } from './list-moves';
import { OrderedRuns } from './ordered-runs';
import { RunTextCache } from './run-text-cache';

export interface RunsReadModelOptions {
  /** A store with at most this many runs is loaded at once on first use; a larger one in steps, between which other work runs (and searches wait for it: see caughtUp). */
  syncBuildMaxRuns?: number;
  /** Runs loaded (or read again) per query of a step; a step runs such queries until its time is up. */
  stepRuns?: number;
  /** A step of a stepped build or catch-up stops once it has worked this long (ms), checked after each query of stepRuns runs. */
  stepBudgetMs?: number;
  /** The clock steps are timed with (performance.now by default). */
  now?: () => number;
  /**
   * More touched runs than this are read again in steps, in the background, as they come (a
   * search waits for that with caughtUp()); at most this many are read again by the search
   * that finds them, on its own turn.
   */
  maxSyncReread?: number;
  /** Runs the next step of a stepped build (setImmediate by default). */
  schedule?: (step: () => void) => void;
  /** Bound on the cached JSON texts' total size (UTF-8 bytes). */
  maxTextBytes?: number;
  log?: (message: string) => void;
}

export type ReadModelState = 'empty' | 'building' | 'ready';

const ALL_RUNS: RunSelection = { where: () => '1', params: [] };
const ID_CHUNK = 500;

/**
 * Every run of a store in memory, for search_runs: loaded from SQL when first used, kept
 * current from the commit stream. An op only marks the runs it touches (see runsTouchedBy);
 * they are read again, one query per table for all of them, when the model is next used, so
 * ingest pays almost nothing. SQL stays the source of truth.
 */
export class RunsReadModel {
  private readonly records = new Map<string, RunRecord>();
  private readonly byExperiment = new Map<string, Map<string, RunRecord>>();
  /** The runs of an experiment as an array, made on demand and dropped when they change. */
  private readonly experimentLists = new Map<string, RunRecord[]>();
  /** An experiment's dropped list and the runs touched since, until its next list is made (its orders are carried over then). */
  private readonly replacedLists = new Map<string, { old: RunRecord[]; touched: Set<string> }>();
  /** Lists a search reads across turns (searchModelSliced), with how many: never written in place. */
  private readonly pins = new Map<readonly RunRecord[], number>();
  private readonly dirtyRuns = new Set<string>();
  private readonly dirtyExperiments = new Set<string>();
  private current: ReadModelState = 'empty';
  /** Touched runs are being read again in steps. */
  private catchingUp = false;
  /** The last stepped build or catch-up failed (searches answer from SQL instead of waiting for the next). */
  private failed = false;
  private generation = 0;
  private interner = new KeyInterner();
  readonly texts: RunTextCache;
  /** Each experiment's runs in the orders searches asked for, while they are unchanged. */
  readonly orders = new OrderedRuns();
  /** Each experiment's runs' values per key, for filters, while they are unchanged. */
  readonly columns = new ListColumns();
  private readonly syncBuildMaxRuns: number;
  private readonly stepRuns: number;
  private readonly stepBudgetMs: number;
  private readonly now: () => number;
  private readonly maxSyncReread: number;
  private readonly schedule: (step: () => void) => void;
  private readonly log: (message: string) => void;
  /** Searches waiting for a catch-up to end. */
  private waiters: (() => void)[] = [];
  /** Searches answered from SQL since the model was last used (logged once per stretch). */
  private sqlStretch = 0;
  /** What the model has done, for tests and measurements. */
  readonly stats = { builds: 0, reread: 0, lastBuildMs: 0, sqlAnswers: 0, buildSteps: 0, listsUpdatedInPlace: 0, listsReplaced: 0 };

  constructor(
    private readonly db: Database,
    opts: RunsReadModelOptions = {},
  ) {
    this.syncBuildMaxRuns = opts.syncBuildMaxRuns ?? 2000;
    this.stepRuns = opts.stepRuns ?? 25;
    this.stepBudgetMs = opts.stepBudgetMs ?? 4;
    this.now = opts.now ?? (() => performance.now());
    this.maxSyncReread = opts.maxSyncReread ?? 100;
    this.schedule = opts.schedule ?? ((step) => void setImmediate(step));
    this.texts = new RunTextCache(opts.maxTextBytes ?? 32 * 1024 * 1024);
    this.log = opts.log ?? (() => undefined);
  }

  get state(): ReadModelState {
    return this.current;
  }

  get size(): number {
    return this.records.size;
  }

  /** Called with every op right after it is applied. */
  onOp(op: Op): void {
    this.touch(runsTouchedBy(op));
  }

  touch(t: RunsTouched): void {
    if (this.current === 'empty') return; // nothing held yet: the first use reads everything
    switch (t.kind) {
      case 'none':
        return;
      case 'runs':
        for (const id of t.runIds) this.dirtyRuns.add(id);
        // Many touched runs (a bulk load, a sweep starting) are read again in the background as
        // they come, so the model is current by the time someone searches.
        if (this.current === 'ready' && !this.catchingUp && this.dirtyRuns.size > this.maxSyncReread) this.startCatchUp();
        return;
      case 'experiment':
        this.dirtyExperiments.add(t.experimentId);
        return;
      case 'all':
        this.reset();
        return;
    }
  }

  /**
   * True when the model holds every run as SQL has it now (touched runs are read again
   * first). False while it is being built or caught up in steps: the caller answers from SQL,
   * or waits for caughtUp() first (see shouldWait). The first call starts the build.
   */
  ready(): boolean {
    if (this.current === 'empty') this.startBuild();
    if (this.current !== 'ready' || this.catchingUp) return false;
    return this.refresh();
  }

  /** Loads the whole model now, whatever its size (tests, measurements). */
  buildNow(): void {
    this.reset();
    this.loadAll();
  }

  /** Touched runs are being read again in the background (see caughtUp). */
  get isCatchingUp(): boolean {
    return this.catchingUp;
  }

  /**
   * True when a search should await caughtUp() rather than answer from SQL: the model is being
   * built in steps or is reading many touched runs again, and its last such work did not fail.
   * Starts the build when nothing is held yet.
   */
  shouldWait(): boolean {
    if (this.current === 'empty') this.startBuild();
    return !this.failed && (this.current === 'building' || this.catchingUp);
  }

  /**
   * Settles once a stepped build has ended and touched runs being read again in the background
   * are down to a few (at once when neither is under way), or the work failed: a search awaits
   * this, then finds the model ready instead of answering from SQL, while the steps leave the
   * event loop free for other requests.
   */
  caughtUp(): Promise<void> {
    if (!this.catchingUp && this.current !== 'building') return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  /**
   * A search the caller answered from SQL because the model was not ready: counted, and logged
   * once per stretch of such searches on a store built in steps (with the model's state).
   */
  noteSqlAnswer(): void {
    this.stats.sqlAnswers++;
    if (this.sqlStretch++ === 0) this.log(`runs read model: ${this.current === 'ready' ? `reading ${this.dirtyRuns.size} touched runs again` : this.current}; searches answer from SQL until it is ready`);
  }

  /** A search the model answered (ends a stretch of SQL answers, logging how many there were). */
  noteModelAnswer(): void {
    if (this.sqlStretch === 0) return;
    this.log(`runs read model: ready; ${this.sqlStretch} searches answered from SQL meanwhile`);
    this.sqlStretch = 0;
  }

  get(runId: string): RunRecord | undefined {
    return this.records.get(runId);
  }

  /** The runs of these experiments in these lifecycle stages (in no particular order). */
  runsOf(experimentIds: readonly string[], stages: readonly string[]): RunRecord[] {
    const lists = [...new Set(experimentIds)].map((id) => this.experimentList(id));
    const out: RunRecord[] = [];
    if (stages.length === 1) {
      const stage = stages[0];
      for (const list of lists) for (const r of list) if (r.lifecycle === stage) out.push(r);
    } else {
      for (const list of lists) for (const r of list) if (stages.includes(r.lifecycle)) out.push(r);
    }
    return out;
  }

  /** The runs of each of these experiments (each experiment once), in no particular order; not to be modified. */
  experimentRuns(experimentIds: readonly string[]): readonly (readonly RunRecord[])[] {
    return [...new Set(experimentIds)].map((id) => this.experimentList(id));
  }

  /**
   * Keeps these lists as they are until the returned function is called: for a reader that goes
   * on across turns of the event loop (a sliced search), while runs change meanwhile. A changed
   * experiment whose list is pinned gets a new list instead of its list being written in place.
   */
  pin(lists: readonly (readonly RunRecord[])[]): () => void {
    for (const l of lists) this.pins.set(l, (this.pins.get(l) ?? 0) + 1);
    let done = false;
    return () => {
      if (done) return;
      done = true;
      for (const l of lists) {
        const n = (this.pins.get(l) ?? 1) - 1;
        if (n > 0) this.pins.set(l, n);
        else this.pins.delete(l);
      }
    };
  }

  /** How many runs these experiments have (each experiment once). */
  runCount(experimentIds: readonly string[]): number {
    let n = 0;
    for (const id of new Set(experimentIds)) n += this.byExperiment.get(id)?.size ?? 0;
    return n;
  }

  /** The model's copy of a key, so comparisons with the runs' keys are pointer comparisons. */
  key(k: string): string {
    return this.interner.known(k);
  }

  private experimentList(experimentId: string): RunRecord[] {
    let list = this.experimentLists.get(experimentId);
    if (!list) {
      const inPlace = this.updatedInPlace(experimentId);
      if (inPlace) return inPlace;
      this.stats.listsReplaced++;
      list = [...(this.byExperiment.get(experimentId)?.values() ?? [])];
      this.experimentLists.set(experimentId, list);
      const replaced = this.replacedLists.get(experimentId);
      if (replaced) {
        this.replacedLists.delete(experimentId);
        const moves = listMoves(replaced.old, list);
        this.orders.carry(replaced.old, list, moves);
        if (moves) this.columns.carry(replaced.old, list, moves);
      }
    }
    return list;
  }

  /**
   * The experiment's last list with the changes since written into it, when they are only runs
   * read again and runs appended and no reader holds that list across turns: the list, its
   * columns and its sorted orders are updated at the changed positions only. Making a new list
   * instead (50,000 runs: a 400 KB array, and each column and order copied) on every search after
   * a run was created was most of what the main thread's old generation collected in the stall
   * mix (a heap profile of the objects mark-compacts freed). Undefined when not possible.
   */
  private updatedInPlace(experimentId: string): RunRecord[] | undefined {
    const replaced = this.replacedLists.get(experimentId);
    const runs = this.byExperiment.get(experimentId);
    if (!replaced || !runs || this.pins.has(replaced.old)) return undefined;
    const list = replaced.old;
    const changes = changesInPlace(list, runs.values(), runs.size);
    if (!changes) return undefined;
    const oldLength = list.length;
    let i = 0;
    for (const r of runs.values()) {
      if (i >= oldLength || list[i] !== r) list[i] = r; // read again at its position, or appended (in order: no holes)
      i++;
    }
    this.replacedLists.delete(experimentId);
    this.experimentLists.set(experimentId, list);
    this.orders.updateInPlace(list, oldLength, changes.changed);
    this.columns.updateInPlace(list, changes.changed);
    this.stats.listsUpdatedInPlace++;
    return list;
  }

  private reset(): void {
    this.generation++;
    this.records.clear();
    this.byExperiment.clear();
    this.experimentLists.clear();
    this.replacedLists.clear();
    this.dirtyRuns.clear();
    this.dirtyExperiments.clear();
    this.texts.clear();
    this.interner = new KeyInterner();
    this.current = 'empty';
    this.endCatchUp();
  }

  private endCatchUp(): void {
    this.catchingUp = false;
    this.wakeWaiters();
  }

  private wakeWaiters(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) w();
  }

  private loadAll(): void {
    const started = performance.now();
    this.current = 'building';
    for (const r of loadRunRecords(this.db, ALL_RUNS, this.interner)) this.put(r);
    this.built(started);
  }

  private built(started: number): void {
    this.current = 'ready';
    this.failed = false;
    this.stats.builds++;
    this.stats.lastBuildMs = performance.now() - started;
    if (this.records.size > this.syncBuildMaxRuns) this.log(`runs read model: ${this.records.size} runs loaded in ${this.stats.lastBuildMs.toFixed(0)} ms (${this.stats.buildSteps} steps)`); // small stores load unnoticed
    this.wakeWaiters();
  }

  /** Runs `work` (which says whether more is left) until it is done or the step's time is up; true when more is left. */
  private timeBoxed(work: () => boolean): boolean {
    const start = this.now();
    do {
      if (!work()) return false;
    } while (this.now() - start < this.stepBudgetMs);
    return true;
  }

  private startBuild(): void {
    this.reset();
    const count = this.db.column<number>('SELECT count(*) FROM runs')[0] ?? 0;
    if (count <= this.syncBuildMaxRuns) return this.loadAll();
    this.current = 'building';
    const generation = this.generation;
    const started = performance.now();
    this.stats.buildSteps = 0;
    let after = '';
    /** Loads the next stepRuns runs; false when none were left. */
    const loadMore = (): boolean => {
      const ids = this.db.column<string>('SELECT run_id FROM runs WHERE run_id > ? ORDER BY run_id LIMIT ?', [after, this.stepRuns]);
      if (ids.length === 0) return false;
      const upTo = ids[ids.length - 1]!;
      for (const r of loadRunRecords(this.db, runsInRange(after, upTo), this.interner)) this.put(r);
      after = upTo;
      return true;
    };
    const step = () => {
      if (generation !== this.generation) return; // reset meanwhile: a newer build (or none) owns the model
      if (!this.db.isOpen) return; // the store closed while the build went on
      try {
        this.stats.buildSteps++;
        if (this.timeBoxed(loadMore)) this.schedule(step);
        else this.built(started);
      } catch (err) {
        if (generation !== this.generation) return;
        this.log(`runs read model: build failed (${(err as Error).message}); searches answer from SQL`);
        this.reset();
        this.failed = true;
      }
    };
    this.schedule(step);
  }

  /** Reads the touched runs again; a very large batch is a rebuild in steps instead (false: not ready yet). */
  private refresh(): boolean {
    if (this.dirtyExperiments.size) {
      const exps = [...this.dirtyExperiments];
      this.dirtyExperiments.clear();
      for (const e of exps) {
        for (const id of this.byExperiment.get(e)?.keys() ?? []) this.dirtyRuns.add(id);
        for (const id of this.db.column<string>('SELECT run_id FROM runs WHERE experiment_id = ?', [e])) this.dirtyRuns.add(id);
      }
    }
    if (this.dirtyRuns.size === 0) return true;
    if (this.dirtyRuns.size > this.syncBuildMaxRuns && this.dirtyRuns.size > this.records.size / 4) {
      this.startBuild();
      return this.current === 'ready';
    }
    if (this.dirtyRuns.size > this.maxSyncReread) {
      this.startCatchUp();
      return false;
    }
    this.reread(this.dirtyRuns.size);
    return true;
  }

  /** Reads up to `count` touched runs again (one query per table per 500 runs). */
  private reread(count: number): void {
    const ids: string[] = [];
    for (const id of this.dirtyRuns) {
      if (ids.length >= count) break;
      ids.push(id);
    }
    for (const id of ids) this.dirtyRuns.delete(id);
    for (let i = 0; i < ids.length; i += ID_CHUNK) {
      const chunk = ids.slice(i, i + ID_CHUNK);
      const found = new Set<string>();
      for (const r of loadRunRecords(this.db, runsById(chunk), this.interner)) {
        found.add(r.id);
        this.put(r);
      }
      for (const id of chunk) if (!found.has(id)) this.remove(id);
    }
    this.stats.reread += ids.length;
  }

  /**
   * Many touched runs: read them again in steps; the model is ready again once at most
   * maxSyncReread are left (under steady writes some always are: the next search reads those).
   */
  private startCatchUp(): void {
    this.catchingUp = true;
    const generation = this.generation;
    const step = () => {
      if (generation !== this.generation || !this.db.isOpen) return;
      try {
        const more = this.timeBoxed(() => {
          this.reread(this.stepRuns);
          return this.dirtyRuns.size > this.maxSyncReread;
        });
        if (more) this.schedule(step);
        else this.endCatchUp();
      } catch (err) {
        if (generation !== this.generation) return;
        this.log(`runs read model: re-reading runs failed (${(err as Error).message}); searches answer from SQL`);
        this.reset();
        this.failed = true;
      }
    };
    this.schedule(step);
  }

  private put(r: RunRecord): void {
    const old = this.records.get(r.id);
    // A replaced record keeps its text (if any) until the text cache lets it go: the new one has none.
    if (old && old.experimentId !== r.experimentId) {
      this.byExperiment.get(old.experimentId)?.delete(r.id);
      this.listChanged(old.experimentId, r.id);
    }
    this.listChanged(r.experimentId, r.id);
    this.records.set(r.id, r);
    let runs = this.byExperiment.get(r.experimentId);
    if (!runs) this.byExperiment.set(r.experimentId, (runs = new Map()));
    runs.set(r.id, r);
  }

  private remove(runId: string): void {
    const old = this.records.get(runId);
    if (!old) return;
    this.records.delete(runId);
    this.byExperiment.get(old.experimentId)?.delete(runId);
    this.listChanged(old.experimentId, runId);
  }

  /**
   * A run of the experiment was put or removed: its list is dropped (made again when next
   * asked), the old one kept with the touched runs so its sorted orders can be carried over.
   */
  private listChanged(experimentId: string, runId: string): void {
    const list = this.experimentLists.get(experimentId);
    if (list) {
      this.experimentLists.delete(experimentId);
      this.replacedLists.set(experimentId, { old: list, touched: new Set([runId]) });
      return;
    }
    const replaced = this.replacedLists.get(experimentId);
    if (!replaced) return;
    replaced.touched.add(runId);
    if (replaced.touched.size > 16 + replaced.old.length / 10) this.replacedLists.delete(experimentId); // too many: sorted again when asked
  }
}
