import type { z } from 'zod';
import { MlflowError } from '../../shared/domain/mlflow-error';
import { methods, type MethodName, type Output, type RpcError, type RpcResult } from '../../shared/ipc/contract';

export type CallContext = {
  transport: 'ipc' | 'http';
  /**
   * HTTP: the connection's two ends as the server's socket has them (the client's address, and
   * the address of this machine it reached). Absent over IPC, which is always this machine.
   */
  connection?: { remoteAddress: string; localAddress: string };
};
export type Handlers = {
  [M in MethodName]: (input: z.output<(typeof methods)[M]['input']>, ctx: CallContext) => Promise<Output<M>> | Output<M>;
};

const isMethod = (name: string): name is MethodName => Object.hasOwn(methods, name);

function toRpcError(err: unknown, log: (msg: string) => void, name: string): RpcError {
  if (err instanceof MlflowError) {
    const code = err.status === 404 ? 'not_found' : err.status === 403 ? 'forbidden' : err.status === 503 ? 'unavailable' : err.status < 500 ? 'bad_input' : 'internal';
    return { code, message: err.message };
  }
  log(`[rpc] ${name} failed: ${(err as Error)?.stack ?? String(err)}`); // the stack stays here
  return { code: 'internal', message: 'Internal error; see the Sextant log.' };
}

/** Transport-agnostic: validate the input against the contract, call the handler, wrap. Never throws. */
export async function dispatch(handlers: Handlers, name: string, raw: unknown, ctx: CallContext, log: (msg: string) => void): Promise<RpcResult> {
  if (!isMethod(name)) return { ok: false, error: { code: 'unknown_method', message: `Unknown method '${name.slice(0, 100)}'` } };
  const parsed = methods[name].input.safeParse(raw ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, error: { code: 'bad_input', message: `${name}: ${issue ? `${issue.path.join('.') || 'input'}: ${issue.message}` : 'invalid input'}` } };
  }
  try {
    const handler = handlers[name] as (input: unknown, ctx: CallContext) => unknown;
    return { ok: true, value: await handler(parsed.data, ctx) };
  } catch (err) {
    return { ok: false, error: toRpcError(err, log, name) };
  }
}
