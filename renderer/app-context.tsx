import { createContext, useContext } from 'react';
import type { Client } from './api/client';
import type { AppInfoStore } from './state/app-info-store';
import type { ExperimentsStore } from './state/experiments-store';
import type { JobsStore } from './state/jobs-store';
import type { RemotesStore } from './state/remotes-store';
import type { RouteStore } from './state/route-store';

/** What every page may use: the typed API client and the app-wide stores. Page stores are made by the pages. */
export interface AppContextValue {
  api: Client;
  route: RouteStore;
  experiments: ExperimentsStore;
  appInfo: AppInfoStore;
  /** Push and pull jobs, for the progress panel that survives navigation. */
  jobs: JobsStore;
  remotes: RemotesStore;
}

export const AppContext = createContext<AppContextValue | null>(null);

export function useApp(): AppContextValue {
  const ctx = useContext(AppContext);
  if (!ctx) throw new Error('useApp outside <AppContext.Provider>');
  return ctx;
}
