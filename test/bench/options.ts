// Command-line options and the scale of each workload (full run vs --quick).
import { join } from 'node:path';
import { repoRoot } from '../support/paths';

export const WORKLOADS = ['ingest', 'single', 'search', 'history', 'artifacts', 'open-close', 'ingest-large', 'stall', 'memory', 'ui', 'push', 'bundle'] as const;
/** The workloads that share the big store (big-store.ts), built once per run when any of them is selected. */
export const BIG_STORE_WORKLOADS: readonly WorkloadName[] = ['open-close', 'ingest-large', 'stall'];
export type WorkloadName = (typeof WORKLOADS)[number];
/** sextant-encrypted: a second `sextant serve` on a store encrypted with a fresh key file (issue 12), measured beside the plain one. */
export const TARGET_KINDS = ['mlflow', 'sextant', 'sextant-encrypted'] as const;
export type TargetKind = (typeof TARGET_KINDS)[number];

export interface Options {
  only: WorkloadName[];
  quick: boolean;
  targets: TargetKind[];
  /** Run the encrypted Sextant before the plain one (to see the bias of load drift on the enc/plain share). */
  encryptedFirst: boolean;
  json: string;
  ingest: { warmupMs: number; durationMs: number; minRequests: number; concurrency: number; keys: number; stepsPerBatch: number };
  single: { warmupMs: number; durationMs: number; minRequests: number; concurrency: number };
  search: {
    runs: number;
    mlflowRuns: number;
    /** Runs of the second, smaller experiment (the "200 of 2,000" row). */
    smallRuns: number;
    seedConcurrency: number;
    reps: number;
    scanReps: number;
    mlflowScanReps: number;
    pageSize: number;
  };
  history: {
    points: number;
    /** Points of the second series (the 100,000-point full-history row; both servers get all of them). */
    midPoints: number;
    mlflowPoints: number;
    seedConcurrency: number;
    pageSize: number;
    intervalMaxResults: number;
    reps: number;
    fullReps: number;
    mlflowFullReps: number;
  };
  /** Artifact round trip through the REST artifact proxy: one PUT then one GET of `bytes`, `reps` times (fresh path each). */
  artifacts: { bytes: number; reps: number };
  /** The big store: runs × (10 params, 10 metrics of 1 point, 3 tags), Sextant over REST, MLflow into its SQLite file. */
  big: { runs: number; seedConcurrency: number };
  openClose: { reps: number };
  ingestLarge: { warmupMs: number; durationMs: number; minRequests: number; concurrency: number; keys: number; stepsPerBatch: number };
  stall: {
    durationMs: number;
    mlflowDurationMs: number;
    probeIntervalMs: number;
    ingestStreams: number;
    /** Runs whose histories the "UI reads" loop fetches each round. */
    uiRuns: number;
    /** SEXTANT_CHECKPOINT_BYTES of the stall workload's Sextant server, so checkpoints fall in its window. */
    checkpointBytes: number;
  };
  memory: { points: number; runs: number; keys: number; stepsPerBatch: number; concurrency: number; settleMs: number };
  ui: {
    /** Runs in the table experiment, each with `params` params, `metrics` metrics and `tags` tags. */
    runs: number;
    params: number;
    metrics: number;
    tags: number;
    seedConcurrency: number;
    /** Runs compared on the chart page, each with `chartPoints` points of one metric. */
    chartRuns: number;
    chartPoints: number;
    chartSeedConcurrency: number;
    /** Measured repetitions (after one unmeasured warm-up) of each timing; the median is reported. */
    reps: number;
    /** The rAF-paced scroll of the table (see ui/probe.ts), and how many passes (each on a fresh page load). */
    scroll: { verticalFrames: number; verticalStepPx: number; horizontalStepPx: number };
    scrollReps: number;
  };
  /** Sync push vs a plain client upload to mlflow server: runs × metrics × points, artifact bytes in all. */
  push: { runs: number; metrics: number; points: number; artifactBytes: number; concurrency: number };
}

export const USAGE = `Usage: npm run bench -- [options]

  --only a,b               workloads to run: ${WORKLOADS.join(', ')} (default: all)
  --quick                  small scale: short windows, 1,000 runs, 100k-point history, 5M-point memory run, a 5,000-run big store
                           for open-close, ingest-large and stall, 1 minute of stall load per server,
                           UI on 1,000 runs and 20 × 100k points, push of 10 runs × 10 × 1,000 points + 10 MB
  --targets a,b            servers to measure: mlflow, sextant, sextant-encrypted (default: mlflow,sextant; Sextant is
                           skipped if not built). sextant-encrypted serves a store encrypted with a fresh key file
                           (--key-file) beside the plain one in ingest, single, history and artifacts: its column and
                           the encrypted/plain ratio (target ≥ 0.8, issue 12) are added to those rows
  --encrypted-first        run sextant-encrypted before the plain sextant in each workload (default: after it)
  --artifact-mb <n>        size of the artifacts workload's file, PUT then GET through the REST proxy (default 64, quick 16)
  --duration <s>           measured window of the ingest and single-request workloads (default 10, quick 3)
  --search-runs <n>        runs seeded for the search workload (default 10,000)
  --mlflow-search-runs <n> scale the MLflow side of the search workload down (default: same as --search-runs)
                           (the small experiment has --search-runs / 5 runs: 2,000; quick 200)
  --history-points <n>     points in the history workload's metric (default 1,000,000)
  --mlflow-history-points <n>  points of MLflow's copy of the history metric (default 100,000; its
                           first batch over REST, the rest copied into its SQLite file; below
                           --history-points the full-fetch time is extrapolated linearly and labelled)
  --history-mid-points <n> points in the second history series, fetched in full on both servers (default 100,000; quick 20,000)
  --big-runs <n>           runs in the big store of open-close, ingest-large and stall (default 50,000; quick 5,000)
  --ingest-large-duration <s>  measured window of each ingest-large phase (default 30, quick 5)
  --stall-minutes <n>      length of the stall workload's mixed load on Sextant (default 10, quick 1)
  --stall-mlflow-minutes <n>  the same for MLflow (default: as --stall-minutes)
  --stall-checkpoint-mb <n>  SEXTANT_CHECKPOINT_BYTES of the stall workload's Sextant, in MB of metadata (default 0.1,
                           so that the new runs the mix creates bring checkpoints into the window)
  --memory-points <n>      points logged to Sextant by the memory workload (default 100,000,000)
  --ui-runs <n>            runs in the UI table experiment (default 10,000; quick 1,000)
  --ui-chart-points <n>    points per run of the 20 charted runs (default 1,000,000; quick 100,000)
  --push-runs <n>          runs in the push workload (default 100; quick 10), each with 10 metrics
  --push-points <n>        points per metric in the push workload (default 10,000; quick 1,000)
  --push-artifacts-mb <n>  artifact megabytes in all in the push workload (default 100; quick 10)
                           (the --push-* flags also size the store of the bundle workload)
  --json <path>            where to write the JSON results (default test-results/bench.json)
  -h, --help               this text

Numbers accept suffixes k/M (e.g. 100M, 250k) and underscores.`;

export function parseCount(text: string, flag: string): number {
  const m = /^(\d+(?:\.\d+)?(?:e\d+)?)([kKmM]?)$/.exec(text.replace(/_/g, ''));
  if (!m) throw new Error(`${flag}: not a number: ${text}`);
  const mult = { '': 1, k: 1e3, K: 1e3, m: 1e6, M: 1e6 }[m[2] ?? ''] ?? 1;
  const n = Math.round(Number(m[1]) * mult);
  if (!(n > 0)) throw new Error(`${flag}: must be positive: ${text}`);
  return n;
}

function list<T extends string>(text: string, allowed: readonly T[], flag: string): T[] {
  const items = text.split(',').map((s) => s.trim()).filter(Boolean);
  for (const item of items) {
    if (!(allowed as readonly string[]).includes(item)) throw new Error(`${flag}: unknown "${item}" (expected ${allowed.join(', ')})`);
  }
  return items as T[];
}

export function parseOptions(argv: string[]): Options | 'help' {
  const flags = new Map<string, string>();
  let quick = false;
  let encryptedFirst = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '-h' || arg === '--help') return 'help';
    if (arg === '--quick') {
      quick = true;
      continue;
    }
    if (arg === '--encrypted-first') {
      encryptedFirst = true;
      continue;
    }
    const eq = arg.indexOf('=');
    const [name, inline] = eq > 0 ? [arg.slice(0, eq), arg.slice(eq + 1)] : [arg, undefined];
    const value = inline ?? argv[++i];
    if (!name.startsWith('--') || value === undefined) throw new Error(`bad argument: ${arg}\n\n${USAGE}`);
    flags.set(name, value);
  }
  const known = ['--only', '--targets', '--duration', '--search-runs', '--mlflow-search-runs', '--history-points', '--mlflow-history-points', '--history-mid-points', '--big-runs', '--ingest-large-duration', '--stall-minutes', '--stall-mlflow-minutes', '--stall-checkpoint-mb', '--memory-points', '--ui-runs', '--ui-chart-points', '--push-runs', '--push-points', '--push-artifacts-mb', '--artifact-mb', '--json'];
  for (const name of flags.keys()) if (!known.includes(name)) throw new Error(`unknown option ${name}\n\n${USAGE}`);

  const count = (flag: string, dflt: number) => (flags.has(flag) ? parseCount(flags.get(flag) as string, flag) : dflt);
  const durationMs = count('--duration', quick ? 3 : 10) * 1000;
  const warmupMs = quick ? 1000 : 2000;
  const searchRuns = count('--search-runs', quick ? 1000 : 10_000);
  const historyPoints = count('--history-points', quick ? 100_000 : 1_000_000);
  const minutes = (flag: string, dflt: number) => {
    const v = flags.has(flag) ? Number(flags.get(flag)) : dflt;
    if (!(v > 0)) throw new Error(`${flag}: must be a positive number of minutes: ${flags.get(flag)}`);
    return v;
  };
  const megabytes = (flag: string, dflt: number) => {
    const v = flags.has(flag) ? Number(flags.get(flag)) : dflt;
    if (!(v > 0)) throw new Error(`${flag}: must be a positive number of MB: ${flags.get(flag)}`);
    return v;
  };
  const stallMs = minutes('--stall-minutes', quick ? 1 : 10) * 60_000;

  return {
    only: flags.has('--only') ? list(flags.get('--only') as string, WORKLOADS, '--only') : [...WORKLOADS],
    quick,
    targets: flags.has('--targets') ? list(flags.get('--targets') as string, TARGET_KINDS, '--targets') : ['mlflow', 'sextant'],
    encryptedFirst,
    json: flags.get('--json') ?? join(repoRoot, 'test-results', 'bench.json'),
    ingest: { warmupMs, durationMs, minRequests: quick ? 12 : 20, concurrency: 4, keys: 10, stepsPerBatch: 100 },
    single: { warmupMs, durationMs, minRequests: quick ? 200 : 500, concurrency: 16 },
    search: {
      runs: searchRuns,
      mlflowRuns: Math.min(searchRuns, count('--mlflow-search-runs', searchRuns)),
      smallRuns: Math.max(10, Math.round(searchRuns / 5)),
      seedConcurrency: 4,
      reps: 20,
      scanReps: 5,
      mlflowScanReps: 2,
      pageSize: 1000,
    },
    history: {
      points: historyPoints,
      midPoints: count('--history-mid-points', quick ? 20_000 : 100_000),
      mlflowPoints: Math.min(historyPoints, count('--mlflow-history-points', quick ? 20_000 : 100_000)),
      seedConcurrency: 4,
      pageSize: 25_000,
      intervalMaxResults: 320,
      reps: 20,
      fullReps: 3,
      mlflowFullReps: quick ? 1 : 2,
    },
    artifacts: { bytes: Math.round(megabytes('--artifact-mb', quick ? 16 : 64) * 1024 * 1024), reps: quick ? 3 : 5 },
    big: { runs: count('--big-runs', quick ? 5000 : 50_000), seedConcurrency: 8 },
    openClose: { reps: 3 },
    ingestLarge: { warmupMs, durationMs: count('--ingest-large-duration', quick ? 5 : 30) * 1000, minRequests: quick ? 12 : 20, concurrency: 4, keys: 10, stepsPerBatch: 100 },
    stall: {
      durationMs: stallMs,
      mlflowDurationMs: minutes('--stall-mlflow-minutes', stallMs / 60_000) * 60_000,
      probeIntervalMs: 5,
      ingestStreams: 4,
      uiRuns: 3,
      checkpointBytes: Math.round(megabytes('--stall-checkpoint-mb', 0.1) * 1024 * 1024),
    },
    memory: { points: count('--memory-points', quick ? 5_000_000 : 100_000_000), runs: 10, keys: 10, stepsPerBatch: 100, concurrency: 4, settleMs: 5000 },
    ui: {
      runs: count('--ui-runs', quick ? 1000 : 10_000),
      params: 20,
      metrics: 20,
      tags: 10,
      seedConcurrency: 8,
      chartRuns: 20,
      chartPoints: count('--ui-chart-points', quick ? 100_000 : 1_000_000),
      chartSeedConcurrency: 4,
      reps: quick ? 3 : 5,
      // 1,000 px a frame: every frame shows all-new rows (about 33), as when the scrollbar is dragged;
      // 10,000 runs are 300,000 px tall, so the full run goes top to bottom in 300 frames
      scroll: { verticalFrames: quick ? 120 : 300, verticalStepPx: 1000, horizontalStepPx: 60 },
      scrollReps: quick ? 1 : 2,
    },
    push: {
      runs: count('--push-runs', quick ? 10 : 100),
      metrics: 10,
      points: count('--push-points', quick ? 1000 : 10_000),
      artifactBytes: count('--push-artifacts-mb', quick ? 10 : 100) * 1_000_000,
      concurrency: 8,
    },
  };
}
