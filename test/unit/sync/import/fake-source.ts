import { Readable } from 'node:stream';
import {
  SourceError, type ImportSource, type SourceExperiment, type SourceFile, type SourceLoggedModel, type SourceMissing, type SourcePoint,
  type SourceRegisteredModel, type SourceRun,
} from '../../../../electron/sync/import/import-source';

/** An in-memory import source: plain data, plus hooks to damage an item or stop mid-way. */
export interface FakeData {
  experiments: SourceExperiment[];
  runs: (SourceRun & { history: Record<string, SourcePoint[]>; files: Record<string, Buffer | null> })[];
  loggedModels?: (SourceLoggedModel & { files: Record<string, Buffer> })[];
  registry?: SourceRegisteredModel[];
}

export interface FakeHooks {
  /** Throws a SourceError when this run's history is read. */
  damagedRun?: string;
  /** Called before each history batch is yielded (a test aborts here to simulate a kill). */
  onBatch?: (runId: string, key: string) => void;
}

export function fakeSource(data: FakeData, hooks: FakeHooks = {}, identity = 'fake:1'): ImportSource {
  const files = (entries: Record<string, Buffer | null>, root: string): AsyncIterable<SourceFile | SourceMissing> => ({
    async *[Symbol.asyncIterator]() {
      for (const [path, bytes] of Object.entries(entries)) {
        if (bytes === null) yield { missing: path, reason: `${root}/${path} does not exist` };
        else yield { path, size: bytes.length, open: async () => Readable.from([bytes]) };
      }
    },
  });
  return {
    kind: 'mlruns',
    identity,
    label: 'fake source',
    async *experiments() {
      yield* data.experiments;
    },
    async *runs(experimentId) {
      for (const r of data.runs) if (r.experimentId === experimentId) yield r;
    },
    async *history(run, key) {
      if (hooks.damagedRun === run.runId) throw new SourceError(`run ${run.runId}`, `metrics/${key} is damaged`);
      const pts = data.runs.find((r) => r.runId === run.runId)!.history[key] ?? [];
      for (let i = 0; i < pts.length; i += 1000) {
        hooks.onBatch?.(run.runId, key);
        yield pts.slice(i, i + 1000);
      }
    },
    artifacts: (run) => files(data.runs.find((r) => r.runId === run.runId)!.files, run.artifactUri),
    async *loggedModels(experimentId) {
      for (const m of data.loggedModels ?? []) if (m.experimentId === experimentId) yield m;
    },
    modelArtifacts: (model) => files(data.loggedModels!.find((m) => m.modelId === model.modelId)!.files, model.artifactLocation),
    async *registeredModels() {
      yield* data.registry ?? [];
    },
    close: async () => undefined,
  };
}

export const experiment = (id: string, name: string, extra: Partial<SourceExperiment> = {}): SourceExperiment => ({
  id, name, artifactLocation: `file:///src/${id}`, lifecycle: 'active', creationTime: 1000, lastUpdateTime: 2000, tags: [], ...extra,
});

export function run(runId: string, experimentId: string, extra: Partial<FakeData['runs'][number]> = {}): FakeData['runs'][number] {
  return {
    runId, experimentId, name: `run-${runId.slice(0, 4)}`, userId: 'ann', status: 'FINISHED', startTime: 5000, endTime: 6000, lifecycle: 'active',
    artifactUri: `file:///src/${experimentId}/${runId}/artifacts`, params: [], tags: [], metricKeys: [], datasets: [], modelInputs: [], modelOutputs: [],
    history: {}, files: {}, ...extra,
  };
}

/** n points of a history: step i, timestamp 1000 + i, value i / 10 (with NaN and ±Infinity among them). */
export function points(n: number, from = 0): SourcePoint[] {
  return Array.from({ length: n }, (_, k) => {
    const i = from + k;
    const value = i === 3 ? Number.NaN : i === 4 ? Number.POSITIVE_INFINITY : i === 5 ? Number.NEGATIVE_INFINITY : i / 10;
    return { timestamp: 1000 + i, step: i, value };
  });
}
