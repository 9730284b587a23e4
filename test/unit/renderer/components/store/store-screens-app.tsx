/**
 * Runs in Chromium (bundled by store-screens-page.ts): the real App over a fake backend whose
 * store status the test sets, so the gate screens, store settings and the conversion's progress
 * can be driven and looked at without a backend. The test steers it through `window.__fake`.
 */
import { createRoot } from 'react-dom/client';
import type { EventMessage, MethodName, RpcResult } from '../../../../../shared/ipc/contract';
import type { StoreStatus } from '../../../../../shared/ipc/store-types';
import { createClient } from '../../../../../renderer/api/client';
import { App } from '../../../../../renderer/App';
import { AppContext } from '../../../../../renderer/app-context';
import { createAppInfoStore } from '../../../../../renderer/state/app-info-store';
import { createExperimentsStore } from '../../../../../renderer/state/experiments-store';
import { createJobsStore } from '../../../../../renderer/state/jobs-store';
import { createRemotesStore } from '../../../../../renderer/state/remotes-store';
import { createRouteStore } from '../../../../../renderer/state/route-store';
import '../../../../../renderer/styles.css';

export interface FakeBackend {
  status: StoreStatus;
  /** Every call, in order (inputs as sent: the test checks what reached the backend). */
  calls: { method: string; input: unknown }[];
  /** The passphrase store.unlock accepts. */
  passphrase: string;
  /** Answers to hold until the test releases them (method name → release function). */
  held: Record<string, () => void>;
  /** Methods whose answer the test holds. */
  hold: string[];
  /** Pushes a status as `store.changed`. */
  push(status: StoreStatus): void;
  /** What app.pickPath answers (the desktop app's OS picker; only asked when `bridge` is set). */
  picked?: string | null;
}

declare global {
  interface Window {
    __fake: FakeBackend;
  }
}

const listeners = new Set<(m: EventMessage) => void>();
const fake: FakeBackend = (window.__fake = {
  ...window.__fake,
  calls: [],
  held: {},
  hold: window.__fake?.hold ?? [],
  push(status) {
    fake.status = status;
    listeners.forEach((l) => l({ event: 'store.changed', payload: { status } }));
  },
});

const open = (over: Partial<StoreStatus>): StoreStatus => ({ ...fake.status, state: 'open', lastError: undefined, ...over });

type CurrentKey = { passphrase?: string; keyFile?: string; folderName?: string };

/** As the session checks the current key of a decrypt or rekey before anything happens. */
function checkCurrentKey(current: CurrentKey | undefined): void {
  const path = fake.status.path;
  if (fake.status.keyKind === 'passphrase' && current?.passphrase !== fake.passphrase) throw new Error(`the passphrase does not open store ${path}`);
  if (fake.status.keyKind === 'os-keychain' && current?.folderName !== path.split('/').pop()) throw new Error(`to decrypt it, type the name of store ${path}'s folder exactly`);
  if (fake.status.keyKind === 'key-file' && !current?.keyFile) throw new Error(`store ${path} is encrypted with a key file: give its current key file`);
}

function answer(method: MethodName, input: Record<string, unknown>): unknown {
  switch (method) {
    case 'store.status':
      return fake.status;
    case 'store.unlock':
      if (typeof input.keyFile === 'string') throw new Error(`the key file ${input.keyFile} does not open store ${fake.status.path}`);
      if (input.passphrase !== fake.passphrase) throw new Error(`the passphrase does not open store ${fake.status.path}`);
      return (fake.status = open({}));
    case 'store.protect':
      return (fake.status = open(input.with === 'passphrase' ? { encrypted: true, keyKind: 'passphrase' } : { encrypted: false, keyKind: null }));
    case 'store.encrypt':
    case 'store.decrypt':
    case 'store.rekey': {
      if (method !== 'store.encrypt') checkCurrentKey(input.current as CurrentKey | undefined);
      const action = method.slice('store.'.length) as 'encrypt' | 'decrypt' | 'rekey';
      const conversion = { id: `c-${fake.calls.length}`, kind: `store-${action}`, title: action, state: 'running' as const, startedAt: Date.now(), lines: [], action, toKeyKind: null, cancellable: action !== 'rekey', progress: { phase: 'starting', itemsDone: 0, bytesDone: 0 } };
      return (fake.status = { ...fake.status, state: 'converting', conversion });
    }
    case 'store.cancelConversion':
      return (fake.status = open({ conversion: fake.status.conversion && { ...fake.status.conversion, state: 'cancelled', endedAt: Date.now() } }));
    case 'app.pickPath':
      return { path: fake.picked ?? null };
    case 'app.info':
      return { trackingUri: 'http://127.0.0.1:5000', storePath: fake.status.path, storeBytes: 734_003_200, version: '0.0.0-test' };
    case 'experiments.list':
    case 'remotes.list':
    case 'jobs.list':
      return [];
    default:
      throw new Error(`${method} is not faked`);
  }
}

const api = createClient({
  async call(method, input): Promise<RpcResult> {
    fake.calls.push({ method, input });
    if (fake.hold.includes(method)) await new Promise<void>((release) => (fake.held[method] = release));
    try {
      return { ok: true, value: answer(method, input as Record<string, unknown>) };
    } catch (e) {
      return { ok: false, error: { code: 'bad_input', message: (e as Error).message } };
    }
  },
  subscribe(listener) {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
});

const value = { api, route: createRouteStore(window), experiments: createExperimentsStore(api), appInfo: createAppInfoStore(api), jobs: createJobsStore(api), remotes: createRemotesStore(api) };
createRoot(document.getElementById('root')!).render(
  <AppContext.Provider value={value}>
    <App />
  </AppContext.Provider>,
);
