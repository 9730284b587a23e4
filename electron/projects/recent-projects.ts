import type { RecentProject } from '../../shared/ipc/project-types';
import { searchExperiments, searchRuns } from '../services/search-service';
import type { ServiceContext } from '../services/service-context';

const tagOf = (tags: { key: string; value: string }[] | undefined, key: string) => tags?.find((t) => t.key === key)?.value;

/** Projects run before (Sextant's and `mlflow run`'s project runs), newest first, one entry per source. */
export function recentProjects(svc: ServiceContext, limit = 20): RecentProject[] {
  const experimentIds = searchExperiments(svc, { orderBy: [], viewType: 'ALL', maxResults: 1000 }).items.map((e) => e.experiment_id);
  if (!experimentIds.length) return [];
  const runs = searchRuns(svc, { experimentIds, filter: `tags."mlflow.source.type" = 'PROJECT'`, orderBy: ['attributes.start_time DESC'], viewType: 'ALL', maxResults: 1000 }).items;
  const seen = new Map<string, RecentProject>();
  for (const run of runs) {
    const uri = tagOf(run.data.tags, 'mlflow.source.name');
    if (!uri || seen.has(uri)) continue;
    seen.set(uri, { uri, name: tagOf(run.data.tags, 'sextant.project.name') ?? null, lastRunAt: Number(run.info.start_time ?? 0) });
    if (seen.size >= limit) break;
  }
  return [...seen.values()];
}
