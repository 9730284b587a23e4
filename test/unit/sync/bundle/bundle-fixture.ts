import { Readable } from 'node:stream';
import type { BundleCatalog, BundleManifest, Part } from '../../../../electron/sync/bundle/bundle-catalog';
import type { BundleContent } from '../../../../electron/sync/bundle/write-bundle';

/** A small bundle's content: one experiment, one run with a history (NaN, ±inf) and two artifacts, one of them bigger than a chunk. */
export function sampleContent(opts: { bigBytes?: number } = {}): BundleContent & { points: Float64Array; files: Map<string, Buffer> } {
  const points = new Float64Array([1000, 0, 0.5, 1001, 1, Number.NaN, 1002, 2, Infinity, 1003, 3, -Infinity]);
  const big = Buffer.alloc(opts.bigBytes ?? 2.5 * 1024 * 1024);
  for (let i = 0; i < big.length; i++) big[i] = (i * 31 + (i >> 8)) & 0xff;
  const files = new Map([
    ['model/weights.bin', big],
    ['notes.txt', Buffer.from('hello\n')],
  ]);
  const parts: Part[] = [
    { kind: 'series', runId: 'r1', key: 'loss', from: 0, points: 4 },
    ...[...files].map(([path, b]): Part => ({ kind: 'artifact', runId: 'r1', path, size: b.length })),
  ];
  const manifest: BundleManifest = {
    format: 1,
    bundleId: 'b-1',
    storeId: 'store-a',
    createdAt: 1_700_000_000_000,
    since: null,
    selection: { experiments: [], models: [] },
    counts: { experiments: 1, runs: 1, loggedModels: 0, registeredModels: 0, points: 4, artifacts: 2, bytes: big.length + 6 },
  };
  const catalog: BundleCatalog = {
    experiments: [{ id: '1', name: 'e', artifactLocation: 'mlflow-artifacts:/1', lifecycle: 'active', creationTime: 1, lastUpdateTime: 2, tags: [] }],
    runs: [
      {
        runId: 'r1', experimentId: '1', name: 'run', userId: 'u', status: 'FINISHED', startTime: 1, endTime: 2, lifecycle: 'active', artifactUri: 'mlflow-artifacts:/1/r1/artifacts',
        params: [{ key: 'lr', value: '0.1' }], tags: [{ key: 't', value: 'v' }], metricKeys: ['loss'], datasets: [], modelInputs: [], modelOutputs: [],
      },
    ],
    loggedModels: [
      { modelId: 'm-1', experimentId: '1', name: 'model', modelType: '', sourceRunId: 'r1', status: 2, creationTime: 1, lastUpdatedTime: 2, artifactLocation: 'x', lifecycle: 'active', params: [], tags: [], metrics: [{ key: 'acc', value: Number.NaN, timestamp: 1, step: 0, runId: 'r1', datasetName: '', datasetDigest: '' }] },
    ],
    registeredModels: [],
    parts,
    state: { runs: {}, models: {}, registry: {}, experiments: {} },
  };
  return {
    manifest,
    catalog,
    points,
    files,
    partData(part) {
      if (part.kind === 'series') return Readable.from([Buffer.from(points.buffer)]);
      const b = files.get(part.path)!;
      return Readable.from([b.subarray(0, 1000), b.subarray(1000)].filter((x) => x.length));
    },
  };
}

/** A cheap scrypt cost for tests (the default is strong and slow). */
export const TEST_KDF = { logN: 10, r: 8, p: 1 };
