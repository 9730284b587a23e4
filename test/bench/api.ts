// The handful of MLflow REST calls the benchmark needs for setup (experiments, runs), typed.
import { type HttpClient } from './http';

export const API = '/api/2.0/mlflow';

export interface KeyValue {
  key: string;
  value: string;
}

export interface MetricPoint {
  key: string;
  value: number;
  timestamp: number;
  step: number;
}

interface RunInfoJson {
  run_id: string;
  run_name?: string;
}

export interface RunJson {
  info: RunInfoJson;
  data?: { metrics?: MetricPoint[]; params?: KeyValue[]; tags?: KeyValue[] };
}

export interface SearchRunsJson {
  runs?: RunJson[];
  next_page_token?: string;
}

export interface MetricHistoryJson {
  metrics?: MetricPoint[];
  next_page_token?: string;
}

/** Creates an experiment with a unique name (suffixing the time) and returns its id. */
export async function createExperiment(http: HttpClient, name: string): Promise<string> {
  const unique = `${name}-${Date.now().toString(36)}-${Math.floor(Math.random() * 1e6).toString(36)}`;
  const { data } = await http.postJson<{ experiment_id: string }>(`${API}/experiments/create`, { name: unique });
  return data.experiment_id;
}

export async function createRun(
  http: HttpClient,
  experimentId: string,
  opts: { runName?: string; startTime?: number; tags?: KeyValue[] } = {},
): Promise<string> {
  const body: Record<string, unknown> = { experiment_id: experimentId, start_time: opts.startTime ?? Date.now() };
  if (opts.runName !== undefined) body.run_name = opts.runName;
  if (opts.tags?.length) body.tags = opts.tags;
  const { data } = await http.postJson<{ run: RunJson }>(`${API}/runs/create`, body);
  return data.run.info.run_id;
}

export async function logBatch(
  http: HttpClient,
  runId: string,
  batch: { metrics?: MetricPoint[]; params?: KeyValue[]; tags?: KeyValue[] } | Buffer | string,
): Promise<void> {
  const body = Buffer.isBuffer(batch) || typeof batch === 'string' ? batch : { run_id: runId, ...batch };
  await http.postJson(`${API}/runs/log-batch`, body);
}

/** The server's version text (GET /version), or 'unknown'. */
export async function serverVersion(http: HttpClient): Promise<string> {
  try {
    const res = await http.request('GET', '/version');
    return res.status === 200 ? res.body.toString().trim() : 'unknown';
  } catch {
    return 'unknown';
  }
}
