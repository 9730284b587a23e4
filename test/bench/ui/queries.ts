// What the sort and the filter of the UI benchmark should put first, asked of the server over
// REST (as MLflow's client would), so the page can be watched for exactly that row.
import { API, type SearchRunsJson } from '../api';
import { type HttpClient } from '../http';
import { paramKey } from './seed';

async function searchIds(http: HttpClient, experimentId: string, opts: { filter?: string; orderBy?: string[]; max: number }): Promise<string[]> {
  const body = { experiment_ids: [experimentId], max_results: opts.max, ...(opts.filter ? { filter: opts.filter } : {}), ...(opts.orderBy ? { order_by: opts.orderBy } : {}) };
  const { data } = await http.postJson<SearchRunsJson>(`${API}/runs/search`, body);
  return (data.runs ?? []).map((r) => r.info.run_id);
}

/** The run a search puts first under `orderBy`. */
export async function sortedFirst(http: HttpClient, experimentId: string, orderBy: string): Promise<string> {
  const [id] = await searchIds(http, experimentId, { orderBy: [orderBy], max: 1 });
  if (!id) throw new Error(`no run in experiment ${experimentId}`);
  return id;
}

export interface PickedFilter {
  filter: string;
  /** The newest matching run: the first row of the filtered table. */
  firstId: string;
}

/**
 * A filter on one param (`params.param_01 = 'value-K'`, about 1 run in 40) whose newest match is
 * not among the newest `offScreen` runs, so its row appearing is the filtered answer being drawn.
 */
export async function pickFilter(http: HttpClient, experimentId: string, offScreen = 80): Promise<PickedFilter> {
  const top = new Set(await searchIds(http, experimentId, { max: offScreen }));
  for (let k = 0; k < 40; k++) {
    const filter = `params.${paramKey(1)} = 'value-${k}'`;
    const [firstId] = await searchIds(http, experimentId, { filter, max: 1 });
    if (firstId && !top.has(firstId)) return { filter, firstId };
  }
  throw new Error(`no value of params.${paramKey(1)} has its newest run below the newest ${offScreen}`);
}
