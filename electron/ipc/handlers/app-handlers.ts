import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { AppInfo } from '../../../shared/ipc/contract-types';
import { chartSeries } from '../../services/chart-series-service';
import type { ServiceContext } from '../../services/service-context';
import type { Handlers } from '../dispatch';

export interface AppFacts {
  trackingUri: string;
  version: string;
}

async function folderBytes(dir: string): Promise<number> {
  let total = 0;
  for (const entry of await readdir(dir, { withFileTypes: true }).catch(() => [])) {
    const p = join(dir, entry.name);
    if (entry.isDirectory()) total += await folderBytes(p);
    else if (entry.isFile()) total += (await stat(p).catch(() => ({ size: 0 }))).size;
  }
  return total;
}

export function appHandlers(svc: ServiceContext, facts: AppFacts): Pick<Handlers, 'app.info' | 'metrics.series'> {
  let sized: { at: number; bytes: number } | null = null;
  return {
    'app.info': async (): Promise<AppInfo> => {
      if (!sized || Date.now() - sized.at > 10_000) sized = { at: Date.now(), bytes: await folderBytes(svc.store.dir) };
      return { trackingUri: facts.trackingUri, storePath: svc.store.dir, storeBytes: sized.bytes, version: facts.version };
    },
    'metrics.series': (input) => chartSeries(svc, input),
  };
}
