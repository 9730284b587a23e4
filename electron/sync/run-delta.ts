import type { DatasetInput, KeyValue, Run } from '../../shared/domain/tracking';
import { artifactsOf, resolveArtifactPath, runArtifactRoot } from '../services/artifacts-service';
import type { ServiceContext } from '../services/service-context';
import { getRun } from '../store/repos/runs-repo';
import type { SeriesMeta } from '../store/series-meta';
import { pushedRun } from '../store/sync/sync-repo';
import { storeArtifacts, type StoreArtifact } from './local-artifacts';

/** What a remote lacks of a local run, found from the store alone (nothing is asked of the remote). */
export interface RunDelta {
  run: Run;
  /** Every param, when the remote may lack some (params are write-once: re-sending is harmless). */
  params: KeyValue[];
  setTags: KeyValue[];
  deleteTags: string[];
  /** Points [from, to) in append order of each history. */
  series: { meta: SeriesMeta; from: number; to: number }[];
  inputs: DatasetInput[];
  artifacts: StoreArtifact[];
  /** Name, status, end time or lifecycle differ from what the remote was last given. */
  infoChanged: boolean;
}

export const deltaPoints = (d: RunDelta) => d.series.reduce((n, s) => n + s.to - s.from, 0);
export const deltaBytes = (d: RunDelta) => d.artifacts.reduce((n, a) => n + a.size, 0);

export function isEmptyDelta(d: RunDelta): boolean {
  return !d.params.length && !d.setTags.length && !d.deleteTags.length && !d.series.length && !d.inputs.length && !d.artifacts.length && !d.infoChanged;
}

export async function runDelta(svc: ServiceContext, remote: string, runId: string): Promise<RunDelta> {
  const db = svc.store.db;
  const run = getRun(db, runId);
  const pushed = pushedRun(db, remote, runId);
  const params = run.data.params ?? [];
  const tags = run.data.tags ?? [];
  const local = new Map(tags.map((t) => [t.key, t.value]));
  const datasets = run.inputs.dataset_inputs ?? [];
  const artifacts = await storeArtifacts(artifactsOf(svc), resolveArtifactPath(svc, runArtifactRoot(svc, runId)));
  const info = run.info;
  return {
    run,
    params: params.length !== pushed.params ? params : [],
    setTags: tags.filter((t) => pushed.tags.get(t.key) !== t.value),
    deleteTags: [...pushed.tags.keys()].filter((k) => !local.has(k)),
    series: svc.store.ctx.series
      .forRun(runId)
      .map((meta) => ({ meta, from: pushed.series.get(meta.key) ?? 0, to: meta.points }))
      .filter((s) => s.to > s.from),
    inputs: datasets.length !== pushed.inputs ? datasets : [],
    artifacts: artifacts.filter((a) => {
      const p = pushed.artifacts.get(a.path);
      return !p || p.size !== a.size || p.mtime !== a.mtime;
    }),
    infoChanged: pushed.name !== info.run_name || pushed.status !== info.status || pushed.endTime !== (info.end_time ?? null) || pushed.lifecycle !== info.lifecycle_stage,
  };
}
