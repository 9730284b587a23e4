import { randomUUID } from 'node:crypto';
import { basename } from 'node:path';
import type { ServiceContext } from '../../services/service-context';
import type { Database } from '../../store/database';
import { findExperimentByName, type ExperimentRow } from '../../store/repos/experiments-repo';
import type { LoggedModelRow } from '../../store/repos/logged-models-repo';
import { findModel, type ModelRow } from '../../store/registry/registry-repo';
import { loggedModelStateKey } from '../../store/sync/pulled-models-repo';
import type { SourceExperiment, SourceLoggedModel, SourceRegisteredModel, SourceRun } from '../import/import-source';
import { runsParentsFirst } from '../run-order';
import type { BundleCatalog, BundleManifest, BundleState, Part } from './bundle-catalog';
import { experimentHash, modelDelta, modelState, registeredModelHash, runDelta, runState } from './bundle-delta';
import type { StoreArtifact } from '../local-artifacts';
import { modelArtifactFiles, runArtifactFiles, sourceExperiment, sourceLoggedModel, sourceRegisteredModel, sourceRun } from './store-items';
import type { BundleContent } from './write-bundle';

export interface ExportSelection {
  /** Experiment names; with neither these nor models: everything. */
  experiments: string[];
  /** Registered models: with their versions, and the experiments their runs and logged models are in. */
  models: string[];
}

/** The earlier bundle an incremental export continues. */
export interface SinceBundle {
  path: string;
  manifest: BundleManifest;
  state: BundleState;
}

const POINTS_PER_READ = 65_536;

function selectExperiments(svc: ServiceContext, sel: ExportSelection): ExperimentRow[] {
  const db = svc.store.db;
  if (!sel.experiments.length && !sel.models.length) return db.all<ExperimentRow>('SELECT * FROM experiments ORDER BY CAST(experiment_id AS INTEGER), experiment_id');
  const names = new Set(sel.experiments);
  for (const name of sel.experiments) if (!findExperimentByName(db, name)) throw new Error(`there is no experiment named '${name}' in this store`);
  for (const name of sel.models) if (!findModel(db, name)) throw new Error(`there is no registered model named '${name}' in this store`);
  if (sel.models.length) {
    const fromModels = db.column<string>(
      `SELECT DISTINCT e.name FROM model_versions v
         LEFT JOIN logged_models m ON m.model_id = v.model_id
         LEFT JOIN runs r ON r.run_id = CASE WHEN v.run_id != '' THEN v.run_id ELSE m.source_run_id END
         JOIN experiments e ON e.experiment_id = COALESCE(r.experiment_id, m.experiment_id)
        WHERE v.name IN (SELECT value FROM json_each(?))`,
      [JSON.stringify(sel.models)],
    );
    for (const n of fromModels) names.add(n);
  }
  return [...names].map((n) => findExperimentByName(db, n)!).sort((a, b) => Number(a.experiment_id) - Number(b.experiment_id));
}

function selectRegistry(svc: ServiceContext, sel: ExportSelection): ModelRow[] {
  const db = svc.store.db;
  if (sel.models.length) return sel.models.map((n) => findModel(db, n)!);
  if (sel.experiments.length) return [];
  return db.all<ModelRow>('SELECT * FROM registered_models ORDER BY name');
}

export interface ExportPlan {
  content: BundleContent;
  /** Whether anything changed since the earlier bundle (an incremental bundle of nothing is still written: it keeps the chain). */
  counts: BundleManifest['counts'];
  /** Files of pulled runs recorded but not downloaded yet (lazy): not in the bundle. */
  lazyFiles: number;
}

/**
 * Reads what to export from the store: the catalog (metadata of everything selected, or of what
 * changed since the earlier bundle), the parts to stream, and the state the next `--since` diffs
 * against. Histories and files are read when the bundle is written, not here.
 */
/** Files of a pulled run or logged model (its owner key) recorded but never downloaded: not in a bundle. */
const lazyFileCount = (db: Database, owner: string) => db.get<{ n: number }>('SELECT COUNT(*) AS n FROM lazy_artifacts WHERE run_id = ?', [owner])?.n ?? 0;

export async function planExport(svc: ServiceContext, sel: ExportSelection, since: SinceBundle | null): Promise<ExportPlan> {
  const db = svc.store.db;
  const before = since?.state;
  const state: BundleState = { runs: { ...before?.runs }, models: { ...before?.models }, registry: { ...before?.registry }, experiments: { ...before?.experiments } };
  const experiments: SourceExperiment[] = [];
  const runs: SourceRun[] = [];
  const loggedModels: SourceLoggedModel[] = [];
  const parts: Part[] = [];
  const files = new Map<string, StoreArtifact>();
  let lazyFiles = 0;
  for (const row of selectExperiments(svc, sel)) {
    const exp = sourceExperiment(svc, row);
    let changed = before?.experiments[exp.id] !== experimentHash(exp);
    state.experiments[exp.id] = experimentHash(exp);
    for (const runId of runsParentsFirst(db, exp.id)) {
      const run = sourceRun(svc, runId);
      const local = await runArtifactFiles(svc, runId);
      for (const f of local) files.set(`run\0${runId}\0${f.path}`, f);
      const item = { run, series: svc.store.ctx.series.forRun(runId).map((m) => ({ key: m.key, points: m.points })), artifacts: local };
      state.runs[runId] = runState(item);
      lazyFiles += lazyFileCount(db, runId);
      const delta = runDelta(item, before?.runs[runId]);
      if (!delta) continue;
      changed = true;
      runs.push(delta.run);
      parts.push(...delta.parts);
    }
    for (const mrow of db.all<LoggedModelRow>('SELECT * FROM logged_models WHERE experiment_id = ? ORDER BY creation_time, model_id', [exp.id])) {
      const model = sourceLoggedModel(svc, mrow);
      const local = await modelArtifactFiles(svc, model);
      for (const f of local) files.set(`model\0${model.modelId}\0${f.path}`, f);
      const item = { model, artifacts: local };
      state.models[model.modelId] = modelState(item);
      lazyFiles += lazyFileCount(db, loggedModelStateKey(model.modelId));
      const delta = modelDelta(item, before?.models[model.modelId]);
      if (!delta) continue;
      changed = true;
      loggedModels.push(delta.model);
      parts.push(...delta.parts);
    }
    if (changed) experiments.push(exp);
  }
  const registeredModels: SourceRegisteredModel[] = [];
  for (const row of selectRegistry(svc, sel)) {
    const model = sourceRegisteredModel(svc, row);
    const h = registeredModelHash(model);
    if (before?.registry[model.name] !== h) registeredModels.push(model);
    state.registry[model.name] = h;
  }
  const counts = {
    experiments: experiments.length,
    runs: runs.length,
    loggedModels: loggedModels.length,
    registeredModels: registeredModels.length,
    points: parts.reduce((n, p) => n + (p.kind === 'series' ? p.points : 0), 0),
    artifacts: parts.filter((p) => p.kind !== 'series').length,
    bytes: parts.reduce((n, p) => n + (p.kind === 'series' ? p.points * 24 : p.size), 0),
  };
  const manifest: BundleManifest = {
    format: 1,
    bundleId: randomUUID(),
    storeId: svc.store.id,
    createdAt: svc.now(),
    since: since ? { bundleId: since.manifest.bundleId, createdAt: since.manifest.createdAt, file: basename(since.path) } : null,
    selection: { experiments: sel.experiments, models: sel.models },
    counts,
  };
  const catalog: BundleCatalog = { experiments, runs, loggedModels, registeredModels, parts, state };
  return {
    counts,
    lazyFiles,
    content: {
      manifest,
      catalog,
      async *partData(part) {
        if (part.kind === 'series') {
          const meta = svc.store.ctx.series.get(part.runId, part.key);
          if (!meta) throw new Error(`the history '${part.key}' of run ${part.runId} is gone from the store`);
          for (let at = part.from; at < part.from + part.points; at += POINTS_PER_READ) {
            const pts = svc.store.ctx.files.readRaw(meta, at, Math.min(POINTS_PER_READ, part.from + part.points - at));
            yield Buffer.from(pts.buffer, pts.byteOffset, pts.byteLength);
          }
          return;
        }
        const file = files.get(part.kind === 'artifact' ? `run\0${part.runId}\0${part.path}` : `model\0${part.modelId}\0${part.path}`)!;
        for await (const chunk of file.open({ start: 0, end: file.size })) yield chunk as Buffer; // plaintext: the bundle has its own protection
      },
    },
  };
}
