import type { InvokeContentType, InvokeResult } from '../../shared/ipc/serving-types';

/** Longest wait for a prediction (MLflow's own request timeout is 60 s by default). */
const INVOKE_TIMEOUT_MS = 5 * 60_000;

/** POSTs one body to a scoring server's /invocations and answers what came back (status 0 with the reason when nothing did). */
export async function invokeServer(url: string, body: string, contentType: InvokeContentType, now: () => number = () => performance.now()): Promise<InvokeResult> {
  const started = now();
  try {
    const res = await fetch(`${url}/invocations`, { method: 'POST', headers: { 'content-type': contentType }, body, signal: AbortSignal.timeout(INVOKE_TIMEOUT_MS) });
    const text = await res.text();
    return { status: res.status, body: text, ms: Math.round(now() - started) };
  } catch (err) {
    const reason = (err as { cause?: { code?: string } }).cause?.code ?? (err as Error).message;
    return { status: 0, body: JSON.stringify({ error_code: 'UNREACHABLE', message: `The scoring server at ${url} did not answer: ${reason}` }), ms: Math.round(now() - started) };
  }
}
