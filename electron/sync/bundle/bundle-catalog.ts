import { z } from 'zod';

/**
 * What a bundle says about itself. The manifest (first frame) is small: ids, times, the chain
 * link, what was selected and how much it holds. The catalog (second frame) holds the metadata
 * of everything in the bundle, in the shapes of the import contract, the list of parts that
 * follow, and the state the exporting store was in for everything selected, which an export
 * `--since` this bundle diffs against.
 */
const KeyValue = z.object({ key: z.string(), value: z.string() });
const Lifecycle = z.enum(['active', 'deleted']);
const Time = z.number().nullable();
/** Any number, NaN and ±Infinity included (metric values). */
const AnyNumber = z.custom<number>((v) => typeof v === 'number', 'expected a number');

export const BundleRef = z.object({ bundleId: z.string(), createdAt: z.number(), file: z.string() });
export type BundleRef = z.infer<typeof BundleRef>;

export const BundleManifest = z.object({
  format: z.literal(1),
  bundleId: z.string().min(1),
  storeId: z.string(),
  createdAt: z.number(),
  since: BundleRef.nullable(),
  selection: z.object({ experiments: z.array(z.string()), models: z.array(z.string()) }),
  counts: z.object({ experiments: z.number(), runs: z.number(), loggedModels: z.number(), registeredModels: z.number(), points: z.number(), artifacts: z.number(), bytes: z.number() }),
});
export type BundleManifest = z.infer<typeof BundleManifest>;

const SourceExperiment = z.object({ id: z.string(), name: z.string(), artifactLocation: z.string(), lifecycle: Lifecycle, creationTime: Time, lastUpdateTime: Time, tags: z.array(KeyValue) });
const DatasetInput = z.object({ name: z.string(), digest: z.string(), sourceType: z.string(), source: z.string(), schema: z.string().optional(), profile: z.string().optional(), tags: z.array(KeyValue) });
const SourceRun = z.object({
  runId: z.string(),
  experimentId: z.string(),
  name: z.string(),
  userId: z.string(),
  status: z.string(),
  startTime: Time,
  endTime: Time,
  lifecycle: Lifecycle,
  artifactUri: z.string(),
  params: z.array(KeyValue),
  tags: z.array(KeyValue),
  metricKeys: z.array(z.string()),
  datasets: z.array(DatasetInput),
  modelInputs: z.array(z.string()),
  modelOutputs: z.array(z.object({ modelId: z.string(), step: z.number() })),
});
const SourceLoggedModel = z.object({
  modelId: z.string(),
  experimentId: z.string(),
  name: z.string(),
  modelType: z.string(),
  sourceRunId: z.string().nullable(),
  status: z.number(),
  creationTime: Time,
  lastUpdatedTime: Time,
  artifactLocation: z.string(),
  lifecycle: Lifecycle,
  params: z.array(KeyValue),
  tags: z.array(KeyValue),
  metrics: z.array(z.object({ key: z.string(), value: AnyNumber, timestamp: z.number(), step: z.number(), runId: z.string().nullable(), datasetName: z.string(), datasetDigest: z.string() })),
});
const SourceModelVersion = z.object({
  version: z.number(),
  source: z.string(),
  runId: z.string(),
  modelId: z.string(),
  status: z.string(),
  stage: z.string(),
  description: z.string(),
  userId: z.string(),
  runLink: z.string(),
  creationTime: Time,
  lastUpdatedTime: Time,
  lifecycle: Lifecycle,
  tags: z.array(KeyValue),
});
const SourceRegisteredModel = z.object({
  name: z.string(),
  description: z.string(),
  creationTime: Time,
  lastUpdatedTime: Time,
  tags: z.array(KeyValue),
  aliases: z.array(z.object({ alias: z.string(), version: z.number() })),
  versions: z.array(SourceModelVersion),
});

/** A relative artifact path: '/'-separated names, none empty, '.' or '..', no NUL or backslash. */
const ArtifactPath = z.string().refine((p) => p.length > 0 && !p.includes('\0') && !p.includes('\\') && p.split('/').every((s) => s !== '' && s !== '.' && s !== '..') && !/^[A-Za-z]:/.test(p), 'not a safe relative artifact path');

export const Part = z.discriminatedUnion('kind', [
  /** Points [from, from + points) of a history in the store's append order, 24 bytes each (timestamp, step, value as float64 LE). */
  z.object({ kind: z.literal('series'), runId: z.string(), key: z.string(), from: z.number().int().nonnegative(), points: z.number().int().nonnegative() }),
  z.object({ kind: z.literal('artifact'), runId: z.string(), path: ArtifactPath, size: z.number().int().nonnegative() }),
  z.object({ kind: z.literal('model-artifact'), modelId: z.string(), path: ArtifactPath, size: z.number().int().nonnegative() }),
]);
export type Part = z.infer<typeof Part>;

const Hashes = z.record(z.string(), z.string());
/** [size, mtime] of each artifact file. */
const Files = z.record(z.string(), z.tuple([z.number(), z.number()]));
export const RunState = z.object({ info: z.string(), params: Hashes, tags: Hashes, datasets: z.number(), links: z.string(), series: z.record(z.string(), z.number()), artifacts: Files });
export type RunState = z.infer<typeof RunState>;
export const ModelState = z.object({ info: z.string(), artifacts: Files });
export type ModelState = z.infer<typeof ModelState>;
export const BundleState = z.object({ runs: z.record(z.string(), RunState), models: z.record(z.string(), ModelState), registry: Hashes, experiments: Hashes });
export type BundleState = z.infer<typeof BundleState>;

export const BundleCatalog = z.object({
  experiments: z.array(SourceExperiment),
  runs: z.array(SourceRun),
  loggedModels: z.array(SourceLoggedModel),
  registeredModels: z.array(SourceRegisteredModel),
  parts: z.array(Part),
  state: BundleState,
});
export type BundleCatalog = z.infer<typeof BundleCatalog>;
