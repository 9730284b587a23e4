import { createHash } from 'node:crypto';
import type { KeyValue } from '../../../shared/domain/tracking';
import type { SourceExperiment, SourceLoggedModel, SourceRegisteredModel, SourceRun } from '../import/import-source';
import type { ModelState, Part, RunState } from './bundle-catalog';

/**
 * What an incremental bundle holds of each item: everything when the earlier bundle did not have
 * it, else only what changed since (new points of each history, new or changed params and tags,
 * new or changed artifact files; status, times and lifecycle always travel with the run).
 * Pure: the items and the earlier bundle's state in, the catalog entries and parts out.
 */

export interface FileItem {
  path: string;
  size: number;
  mtime: number;
}

export interface RunItem {
  run: SourceRun;
  series: { key: string; points: number }[];
  artifacts: FileItem[];
}

export interface ModelItem {
  model: SourceLoggedModel;
  artifacts: FileItem[];
}

const hash = (value: unknown) => createHash('sha256').update(typeof value === 'string' ? value : JSON.stringify(value)).digest('hex').slice(0, 16);
const hashes = (list: KeyValue[]) => Object.fromEntries(list.map((kv) => [kv.key, hash(kv.value)]));
const files = (list: FileItem[]) => Object.fromEntries(list.map((f) => [f.path, [f.size, f.mtime] as [number, number]]));
const changedFiles = (list: FileItem[], before: Record<string, [number, number]> | undefined) => list.filter((f) => before?.[f.path]?.[0] !== f.size || before[f.path]![1] !== f.mtime);

export const experimentHash = (e: SourceExperiment) => hash(e);
export const registeredModelHash = (m: SourceRegisteredModel) => hash(m);

const infoOf = (r: SourceRun) => hash([r.name, r.status, r.startTime, r.endTime, r.lifecycle, r.experimentId, r.userId]);
const linksOf = (r: SourceRun) => hash([r.modelInputs, r.modelOutputs]);

export function runState(item: RunItem): RunState {
  const { run } = item;
  return {
    info: infoOf(run),
    params: hashes(run.params),
    tags: hashes(run.tags),
    datasets: run.datasets.length,
    links: linksOf(run),
    series: Object.fromEntries(item.series.map((s) => [s.key, s.points])),
    artifacts: files(item.artifacts),
  };
}

/** The run as the bundle holds it, and its parts; null when nothing changed since `before`. */
export function runDelta(item: RunItem, before: RunState | undefined): { run: SourceRun; parts: Part[] } | null {
  const { run } = item;
  const series = item.series
    .map((s) => ({ ...s, from: before && (before.series[s.key] ?? 0) <= s.points ? (before.series[s.key] ?? 0) : 0 }))
    .filter((s) => s.points > s.from);
  const artifacts = before ? changedFiles(item.artifacts, before.artifacts) : item.artifacts;
  const parts: Part[] = [
    ...series.map((s): Part => ({ kind: 'series', runId: run.runId, key: s.key, from: s.from, points: s.points - s.from })),
    ...artifacts.map((f): Part => ({ kind: 'artifact', runId: run.runId, path: f.path, size: f.size })),
  ];
  if (!before) return { run: { ...run, metricKeys: series.map((s) => s.key) }, parts };
  const params = run.params.filter((p) => before.params[p.key] !== hash(p.value));
  const tags = run.tags.filter((t) => before.tags[t.key] !== hash(t.value));
  const datasets = run.datasets.length !== before.datasets ? run.datasets : [];
  const links = linksOf(run) !== before.links;
  if (!parts.length && !params.length && !tags.length && !datasets.length && !links && infoOf(run) === before.info) return null;
  return {
    run: { ...run, params, tags, datasets, metricKeys: series.map((s) => s.key), modelInputs: links ? run.modelInputs : [], modelOutputs: links ? run.modelOutputs : [] },
    parts,
  };
}

export function modelState(item: ModelItem): ModelState {
  return { info: hash(item.model), artifacts: files(item.artifacts) };
}

/** The logged model (always whole: its metadata is small) and its new or changed files; null when unchanged. */
export function modelDelta(item: ModelItem, before: ModelState | undefined): { model: SourceLoggedModel; parts: Part[] } | null {
  const artifacts = before ? changedFiles(item.artifacts, before.artifacts) : item.artifacts;
  if (before && !artifacts.length && before.info === hash(item.model)) return null;
  return { model: item.model, parts: artifacts.map((f): Part => ({ kind: 'model-artifact', modelId: item.model.modelId, path: f.path, size: f.size })) };
}
