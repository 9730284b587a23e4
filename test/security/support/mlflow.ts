import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import type { RunningServer } from '../../support/servers';
import { send, type RawRequest, type RawResponse } from './http';

export type Json = Record<string, unknown>;

/** A small MLflow REST client over raw node:http, for one server (and optional extra headers, e.g. auth). */
export class Api {
  constructor(
    readonly server: RunningServer,
    private defaultHeaders: Record<string, string> = {},
  ) {}

  get url(): string {
    return this.server.url;
  }

  get port(): number {
    return Number(new URL(this.server.url).port);
  }

  send(req: RawRequest): Promise<RawResponse> {
    return send(this.url, { ...req, headers: { ...this.defaultHeaders, ...req.headers } });
  }

  /** POST (or PATCH/DELETE) a body given as JSON text, as-is. */
  postText(path: string, text: string, opts: { method?: string; headers?: Record<string, string> } = {}): Promise<RawResponse> {
    return this.send({ method: opts.method ?? 'POST', path, body: text, headers: { 'content-type': 'application/json', ...opts.headers } });
  }

  post(path: string, body: unknown, opts: { method?: string; headers?: Record<string, string> } = {}): Promise<RawResponse> {
    return this.postText(path, JSON.stringify(body), opts);
  }

  /** GET with a query string given already encoded (or as pairs to encode). */
  get(path: string, query: string | Record<string, string> = '', headers: Record<string, string> = {}): Promise<RawResponse> {
    const qs = typeof query === 'string' ? query : new URLSearchParams(query).toString();
    return this.send({ path: qs ? `${path}?${qs}` : path, headers });
  }

  async ok(res: Promise<RawResponse> | RawResponse): Promise<Json> {
    const r = await res;
    expect(r.status, `expected 200, got ${r.status}: ${r.text.slice(0, 500)}`).toBe(200);
    return r.json as Json;
  }

  async createExperiment(name: string): Promise<string> {
    const out = await this.ok(this.post('/api/2.0/mlflow/experiments/create', { name }));
    return out.experiment_id as string;
  }

  async createRun(experimentId: string): Promise<{ runId: string; experimentId: string; artifactUri: string }> {
    const out = await this.ok(this.post('/api/2.0/mlflow/runs/create', { experiment_id: experimentId, start_time: 1 }));
    const info = (out.run as { info: { run_id: string; artifact_uri: string } }).info;
    return { runId: info.run_id, experimentId, artifactUri: info.artifact_uri };
  }

  async getRun(runId: string): Promise<Json> {
    const out = await this.ok(this.get('/api/2.0/mlflow/runs/get', { run_id: runId }));
    return out.run as Json;
  }

  async experimentExists(name: string): Promise<boolean> {
    const r = await this.get('/api/2.0/mlflow/experiments/get-by-name', { experiment_name: name });
    if (r.status === 404) return false;
    expect(r.status, r.text).toBe(200);
    return true;
  }
}

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Describes a response for assertion messages. */
export const describeResponse = (r: RawResponse) => `${r.status} ${String(r.headers['content-type'])} ${r.text.slice(0, 300)}`;

/**
 * The response is an MLflow error: a 4xx status (never 5xx), `application/json`, a body
 * `{"error_code": <string>, "message": <string>}`, `nosniff`, and no HTML anywhere.
 */
export function expectMlflowError(r: RawResponse, opts: { status?: number | number[]; code?: string | string[]; context?: string } = {}): void {
  const ctx = `${opts.context ? `${opts.context}: ` : ''}${describeResponse(r)}`;
  expect(r.status, `expected a 4xx MLflow error — ${ctx}`).toBeGreaterThanOrEqual(400);
  expect(r.status, `expected a 4xx MLflow error — ${ctx}`).toBeLessThan(500);
  if (opts.status !== undefined) expect([opts.status].flat(), ctx).toContain(r.status);
  expect(String(r.headers['content-type']), ctx).toMatch(/^application\/json\b/);
  expect(r.headers['x-content-type-options'], ctx).toBe('nosniff');
  expect(isObject(r.json), `body is not a JSON object — ${ctx}`).toBe(true);
  const body = r.json as Json;
  expect(typeof body.error_code, ctx).toBe('string');
  expect(typeof body.message, ctx).toBe('string');
  if (opts.code !== undefined) expect([opts.code].flat(), ctx).toContain(body.error_code);
  expect(r.text, ctx).not.toMatch(/<html|<!doctype|<body/i);
}

/** Total bytes in the store's journal: unchanged means no mutation was accepted. */
export function journalBytes(dataDir: string): number {
  const dir = join(dataDir, 'journal');
  return readdirSync(dir).reduce((n, f) => n + statSync(join(dir, f)).size, 0);
}

/**
 * The server still works: /health answers, a read answers, and a write is accepted (a store
 * that failed after a bad request would refuse writes with 503 from then on).
 */
export async function expectServing(api: Api, runId: string): Promise<void> {
  const health = await api.get('/health');
  expect(health.status, describeResponse(health)).toBe(200);
  expect(health.text).toBe('OK');
  const exp = await api.get('/api/2.0/mlflow/experiments/get', { experiment_id: '0' });
  expect(exp.status, describeResponse(exp)).toBe(200);
  const search = await api.post('/api/2.0/mlflow/experiments/search', { max_results: 10 });
  expect(search.status, describeResponse(search)).toBe(200);
  const run = await api.get('/api/2.0/mlflow/runs/get', { run_id: runId });
  expect(run.status, describeResponse(run)).toBe(200);
  const write = await api.post('/api/2.0/mlflow/runs/log-metric', { run_id: runId, key: 'alive', value: 1, timestamp: Date.now(), step: 0 });
  expect(write.status, `a write after the attack failed — ${describeResponse(write)}`).toBe(200);
}
