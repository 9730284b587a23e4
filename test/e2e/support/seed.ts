/** Seeds a store through the real MLflow REST API, as a training script would. */
export class Seeder {
  constructor(private base: string) {}

  async post<T = Record<string, unknown>>(path: string, body: unknown): Promise<T> {
    const res = await fetch(`${this.base}/api/2.0/mlflow/${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const text = await res.text();
    if (!res.ok) throw new Error(`${path}: HTTP ${res.status} ${text}`);
    return JSON.parse(text) as T;
  }

  async experiment(name: string): Promise<string> {
    return (await this.post<{ experiment_id: string }>('experiments/create', { name })).experiment_id;
  }

  /** A finished run with params, tags and `steps` points of each metric. */
  async run(experimentId: string, opts: { name: string; params?: Record<string, string>; tags?: Record<string, string>; metrics?: Record<string, (step: number) => number>; steps?: number }): Promise<string> {
    const start = Date.now() - 60_000;
    const { run } = await this.post<{ run: { info: { run_id: string } } }>('runs/create', {
      experiment_id: experimentId, run_name: opts.name, start_time: start,
      tags: Object.entries(opts.tags ?? {}).map(([key, value]) => ({ key, value })),
    });
    const runId = run.info.run_id;
    const params = Object.entries(opts.params ?? {}).map(([key, value]) => ({ key, value }));
    if (params.length) await this.post('runs/log-batch', { run_id: runId, params });
    const steps = opts.steps ?? 50;
    const metrics = Object.entries(opts.metrics ?? {}).flatMap(([key, f]) => Array.from({ length: steps }, (_, s) => ({ key, value: f(s), timestamp: start + s * 100, step: s })));
    for (let i = 0; i < metrics.length; i += 1000) await this.post('runs/log-batch', { run_id: runId, metrics: metrics.slice(i, i + 1000) });
    await this.post('runs/update', { run_id: runId, status: 'FINISHED', end_time: start + 30_000 });
    return runId;
  }

  /** A run left RUNNING (a training script still going): no params, metrics or end time yet. */
  async startRun(experimentId: string, name: string, tags: Record<string, string> = {}): Promise<string> {
    const { run } = await this.post<{ run: { info: { run_id: string } } }>('runs/create', {
      experiment_id: experimentId, run_name: name, start_time: Date.now(),
      tags: Object.entries(tags).map(([key, value]) => ({ key, value })),
    });
    return run.info.run_id;
  }

  /** Logs one metric point, as `mlflow.log_metric` does. */
  async logMetric(runId: string, key: string, value: number, step: number): Promise<void> {
    await this.post('runs/log-metric', { run_id: runId, key, value, timestamp: Date.now(), step });
  }

  async logParam(runId: string, key: string, value: string): Promise<void> {
    await this.post('runs/log-parameter', { run_id: runId, key, value });
  }

  async setTag(runId: string, key: string, value: string): Promise<void> {
    await this.post('runs/set-tag', { run_id: runId, key, value });
  }

  async setExperimentTag(experimentId: string, key: string, value: string): Promise<void> {
    await this.post('experiments/set-experiment-tag', { experiment_id: experimentId, key, value });
  }

  async finishRun(runId: string, status: 'FINISHED' | 'FAILED' | 'KILLED' = 'FINISHED'): Promise<void> {
    await this.post('runs/update', { run_id: runId, status, end_time: Date.now() });
  }

  /** Uploads one artifact file into the run's artifact root. */
  async artifact(experimentId: string, runId: string, path: string, body: string | Uint8Array, contentType = 'application/octet-stream'): Promise<void> {
    const url = `${this.base}/api/2.0/mlflow-artifacts/artifacts/${experimentId}/${runId}/artifacts/${path.split('/').map(encodeURIComponent).join('/')}`;
    const res = await fetch(url, { method: 'PUT', headers: { 'content-type': contentType }, body: typeof body === 'string' ? body : Buffer.from(body) });
    if (!res.ok) throw new Error(`artifact ${path}: HTTP ${res.status} ${await res.text()}`);
  }
}
