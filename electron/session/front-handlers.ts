import { MlflowError } from '../../shared/domain/mlflow-error';
import { methods, type MethodName } from '../../shared/ipc/contract';
import type { AppInfo } from '../../shared/ipc/contract-types';
import type { CallContext, Handlers } from '../ipc/dispatch';
import { storeHandlers, type StoreMethod } from '../ipc/handlers/store-handlers';
import type { StoreControl } from './store-control';

export interface FrontHandlerDeps {
  control: StoreControl;
  /** Where a browser on this machine reaches the server (a passphrase is taken only from this machine). */
  localUrl(): string;
  /** The open store's handlers (all but store.*), or null while it is not open. */
  current(): Omit<Handlers, StoreMethod> | null;
  /** The sentence to answer with while it is not open. */
  unavailable(): string;
  /** app.info while the store is not open (browser mode checks its token with it before anything else). */
  closedAppInfo(): Promise<AppInfo> | AppInfo;
}

type AnyHandler = (input: unknown, ctx: CallContext) => unknown;

/**
 * The contract's handlers as the transports see them, the same object for the life of the
 * process: store.* always go to the store session, app.info always answers, and every other
 * method goes to the open store's handlers, or is answered "temporarily unavailable" with the
 * session's sentence while the store is locked, waiting for protection, or being converted.
 */
export function frontHandlers(deps: FrontHandlerDeps): Handlers {
  const store = storeHandlers(deps.control, deps.localUrl) as Record<string, AnyHandler>;
  const out: Record<string, AnyHandler> = {};
  for (const name of Object.keys(methods) as MethodName[]) {
    if (Object.hasOwn(store, name)) {
      out[name] = store[name]!;
      continue;
    }
    out[name] = (input, ctx) => {
      const current = deps.current() as Record<string, AnyHandler> | null;
      if (current) return current[name]!(input, ctx);
      if (name === 'app.info') return deps.closedAppInfo();
      throw new MlflowError('TEMPORARILY_UNAVAILABLE', deps.unavailable());
    };
  }
  return out as Handlers;
}
