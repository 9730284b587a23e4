import { basename, dirname, isAbsolute, resolve } from 'node:path';
import { stat } from 'node:fs/promises';
import type { JobProgress } from '../../jobs/job-types';
import { formatBytes } from '../../jobs/progress-line';
import type { ServiceContext } from '../../services/service-context';
import type { BundleManifest } from './bundle-catalog';
import { describeBundle } from './bundle-chain';
import { planExport, type SinceBundle } from './export-plan';
import { readBundleManifest } from './read-bundle';
import { writeBundle, type WriteBundleOptions } from './write-bundle';

export interface ExportOptions {
  svc: ServiceContext;
  /** Absolute path of the bundle file to write. */
  out: string;
  experiments: string[];
  models: string[];
  /** Absolute path of the earlier bundle this one continues (an incremental bundle). */
  since?: string;
  passphrase?: string;
  signal?: AbortSignal;
  progress?(p: JobProgress): void;
  kdfCost?: WriteBundleOptions['kdfCost'];
}

export interface ExportReport {
  summary: string;
  details: { file: string; bundleId: string; since: string | null; encrypted: boolean; fileBytes: number; lazyFilesLeftOut: number } & BundleManifest['counts'];
}

const count = (n: number, what: string) => `${n.toLocaleString('en-US')} ${what}${n === 1 ? '' : 's'}`;

async function readSince(svc: ServiceContext, path: string, passphrase: string | undefined): Promise<SinceBundle> {
  const { manifest, catalog } = await readBundleManifest(path, passphrase).catch((err: Error) => {
    throw new Error(`cannot read the earlier bundle ${path}: ${err.message}`);
  });
  if (manifest.storeId !== svc.store.id) throw new Error(`the earlier bundle ${describeBundle({ ...manifest, file: basename(path) })} was exported from another store (${manifest.storeId}); an incremental bundle continues one exported from this store`);
  return { path, manifest, state: catalog.state };
}

/**
 * Writes the selected experiments, runs, histories, artifacts, logged models and registry entries
 * (or what changed since an earlier bundle) to one bundle file, atomically: a killed or cancelled
 * export leaves no file that looks complete.
 */
export async function exportBundle(opts: ExportOptions): Promise<ExportReport> {
  const { svc } = opts;
  for (const p of [opts.out, opts.since]) if (p !== undefined && !isAbsolute(p)) throw new Error(`bundle paths must be absolute here (got '${p}')`);
  if (opts.since && resolve(opts.since) === resolve(opts.out)) throw new Error('--out must not be the bundle given to --since (it is read to write the new one)');
  await stat(dirname(opts.out)).catch(() => {
    throw new Error(`the folder ${dirname(opts.out)} does not exist`);
  });
  const started = Date.now();
  const progress: JobProgress = { phase: 'reading the store', itemsDone: 0, bytesDone: 0 };
  opts.progress?.({ ...progress });
  const since = opts.since ? await readSince(svc, opts.since, opts.passphrase) : null;
  const plan = await planExport(svc, { experiments: opts.experiments, models: opts.models }, since);
  Object.assign(progress, { phase: 'writing the bundle', itemsTotal: plan.content.catalog.parts.length, bytesTotal: plan.counts.bytes });
  opts.progress?.({ ...progress });
  const fileBytes = await writeBundle(opts.out, plan.content, {
    ...(opts.passphrase !== undefined ? { passphrase: opts.passphrase } : {}),
    ...(opts.kdfCost ? { kdfCost: opts.kdfCost } : {}),
    ...(opts.signal ? { signal: opts.signal } : {}),
    onPart: (part, i) => {
      progress.itemsDone = i;
      progress.current = part.kind === 'series' ? `${part.runId} ${part.key}` : part.path;
      opts.progress?.({ ...progress });
    },
    onBytes: (n) => {
      progress.bytesDone += n;
      opts.progress?.({ ...progress });
    },
  });
  opts.progress?.({ ...progress, itemsDone: plan.content.catalog.parts.length, current: undefined });
  const c = plan.counts;
  const what = [count(c.experiments, 'experiment'), count(c.runs, 'run'), count(c.points, 'point'), `${count(c.artifacts, 'artifact')} (${formatBytes(c.bytes)})`, ...(c.loggedModels ? [count(c.loggedModels, 'logged model')] : []), ...(c.registeredModels ? [count(c.registeredModels, 'registered model')] : [])];
  const lazy = plan.lazyFiles ? `; ${count(plan.lazyFiles, 'artifact')} of pulled runs and logged models not downloaded yet ${plan.lazyFiles === 1 ? 'was' : 'were'} left out (sextant pull REMOTE --artifacts eager fetches them)` : '';
  const kind = [since ? `incremental since ${basename(since.path)}` : 'full', ...(opts.passphrase !== undefined ? ['encrypted'] : [])].join(', ');
  return {
    summary: `exported ${what.join(', ')} to ${opts.out} (${kind}; ${formatBytes(fileBytes)}) in ${((Date.now() - started) / 1000).toFixed(1)} s${lazy}`,
    details: { file: opts.out, bundleId: plan.content.manifest.bundleId, since: since?.manifest.bundleId ?? null, encrypted: opts.passphrase !== undefined, fileBytes, lazyFilesLeftOut: plan.lazyFiles, ...c },
  };
}
