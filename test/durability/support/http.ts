/**
 * A tiny MLflow REST client that says exactly what happened to each request: answered 200
 * (acknowledged), answered with an error, or lost (no answer: the server died first).
 */
export type Outcome<T = unknown> =
  /** 200: acknowledged. `body` is undefined only when the answer's body was cut off (`bodyLost`). */
  | { kind: 'ok'; status: 200; body: T | undefined; bodyLost?: string }
  | { kind: 'error'; status: number; text: string }
  | { kind: 'lost'; reason: string };

const REQUEST_TIMEOUT_MS = 60_000;

function lost(err: unknown): { kind: 'lost'; reason: string } {
  const e = err as Error & { cause?: { code?: string; message?: string } };
  return { kind: 'lost', reason: e.cause?.code ?? e.cause?.message ?? e.message };
}

async function send<T>(url: string, init: RequestInit, parse: (res: Response) => Promise<T>): Promise<Outcome<T>> {
  let res: Response;
  try {
    res = await fetch(url, { ...init, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
  } catch (err) {
    return lost(err);
  }
  if (res.status !== 200) {
    const text = await res.text().catch((err: Error) => `(body lost: ${err.message})`);
    return { kind: 'error', status: res.status, text: text.slice(0, 500) };
  }
  try {
    return { kind: 'ok', status: 200, body: await parse(res) };
  } catch (err) {
    // The status line says 200, so the server acknowledged; only the body did not arrive.
    return { kind: 'ok', status: 200, body: undefined, bodyLost: lost(err).reason };
  }
}

export class MlflowHttp {
  constructor(readonly baseUrl: string) {}

  postJson<T = Record<string, unknown>>(path: string, body: unknown): Promise<Outcome<T>> {
    return send(`${this.baseUrl}/api/2.0/mlflow/${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    }, (r) => r.json() as Promise<T>);
  }

  getJson<T = Record<string, unknown>>(path: string, query: Record<string, string | number>): Promise<Outcome<T>> {
    const qs = new URLSearchParams(Object.entries(query).map(([k, v]) => [k, String(v)]));
    return send(`${this.baseUrl}/api/2.0/mlflow/${path}?${qs}`, { method: 'GET' }, (r) => r.json() as Promise<T>);
  }

  putArtifact(artifactPath: string, bytes: Buffer): Promise<Outcome<unknown>> {
    return send(`${this.baseUrl}/api/2.0/mlflow-artifacts/artifacts/${artifactPath}`, {
      method: 'PUT',
      headers: { 'content-type': 'application/octet-stream' },
      body: new Uint8Array(bytes), // a copy typed over a plain ArrayBuffer, as BodyInit wants
    }, (r) => r.json());
  }

  getArtifact(artifactPath: string): Promise<Outcome<Buffer>> {
    return send(`${this.baseUrl}/api/2.0/mlflow-artifacts/artifacts/${artifactPath}`, { method: 'GET' }, async (r) => Buffer.from(await r.arrayBuffer()));
  }
}

export type Answer<T> = { kind: 'ok'; body: T } | { kind: 'error'; status: number; text: string };

/** For reads after a restart, when nothing kills the server: it must answer, completely. */
export function answered<T>(what: string, out: Outcome<T>): Answer<T> {
  if (out.kind === 'lost') throw new Error(`${what}: no answer from the restarted server (${out.reason})`);
  if (out.kind === 'error') return out;
  if (out.body === undefined) throw new Error(`${what}: the answer's body was cut off (${out.bodyLost})`);
  return { kind: 'ok', body: out.body };
}
