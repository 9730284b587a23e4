import { experimentArtifactLocation } from '../../services/experiments-service';
import { findExperiment, findExperimentByName, experimentTags, nextExperimentId, type ExperimentRow } from '../../store/repos/experiments-repo';
import { importedId } from '../../store/repos/imports-repo';
import type { ImportContext } from './import-context';
import type { SourceExperiment } from './import-source';
import type { ImportedExperiment } from './import-report';
import { freeName } from './free-name';

/**
 * The local experiment a source experiment goes to. It is created (or restored) only when
 * something is written to it, so a source experiment with nothing new changes nothing here.
 */
export interface ExperimentTarget {
  localId: string;
  localName: string;
  /** Whether it is in the store now (false for one to create, and in a dry run). */
  exists: boolean;
  /** Whether runs can be written to it now (it exists and is active). */
  activeHere(): boolean;
  /** Creates it or restores it, so runs can be written to it (and records where the source experiment went). */
  activate(): Promise<void>;
  /** Records where the source experiment went (a re-import finds it there). */
  map(): Promise<void>;
}

const DEFAULT_ID = '0';
const itemOf = (exp: SourceExperiment) => `experiment '${exp.name}' (${exp.id})`;

/**
 * Finds where a source experiment goes: the experiment a previous import of this source made (even
 * renamed since), else a new one keeping the source's id unless another experiment has it here. A
 * name taken here by an experiment not from this source is a clash: merged into it or imported
 * under a new name when the user chose so, else skipped (and reported). The source's and the
 * store's default experiments ("Default", id 0) are the same experiment.
 */
export function resolveExperiment(ctx: ImportContext, exp: SourceExperiment, report: ImportedExperiment): ExperimentTarget | null {
  const db = ctx.svc.store.db;
  const mapped = importedId(db, ctx.info.identity, 'experiment', exp.id);
  if (mapped !== undefined) {
    const row = findExperiment(db, mapped);
    if (row) return existing(ctx, exp, row, report);
    if (!findExperiment(db, mapped) && !ctx.plannedIds.has(mapped)) return fresh(ctx, exp, mapped, exp.name, report); // mapped, then interrupted before its creation
  }
  const byName = findExperimentByName(db, exp.name);
  if (byName && exp.id === DEFAULT_ID && byName.experiment_id === DEFAULT_ID) return existing(ctx, exp, byName, report);
  if (byName) {
    if (ctx.clash === 'merge') {
      ctx.clashed({ kind: 'experiment', name: exp.name, resolution: 'merged', localName: byName.name });
      return existing(ctx, exp, byName, report);
    }
    if (ctx.clash === 'rename') {
      const name = freeName(exp.name, (n) => findExperimentByName(db, n) !== undefined);
      ctx.clashed({ kind: 'experiment', name: exp.name, resolution: 'renamed', localName: name });
      return fresh(ctx, exp, pickId(ctx, exp.id), name, report);
    }
    ctx.clashed({ kind: 'experiment', name: exp.name, resolution: 'skipped' });
    ctx.problem(itemOf(exp), `an experiment named '${exp.name}' (id ${byName.experiment_id}) is already here and did not come from this source; not imported. Import again with --on-clash merge (into that experiment) or --on-clash rename`);
    report.action = 'skipped';
    return null;
  }
  return fresh(ctx, exp, pickId(ctx, exp.id), exp.name, report);
}

function pickId(ctx: ImportContext, wanted: string): string {
  const taken = (id: string) => findExperiment(ctx.svc.store.db, id) !== undefined || ctx.plannedIds.has(id);
  let id = taken(wanted) ? nextExperimentId(ctx.svc.store.db) : wanted;
  while (taken(id)) id = String(Number(id) + 1);
  ctx.plannedIds.add(id);
  return id;
}

/** Experiment ops carry the source's times, so the experiment shows them as MLflow did. */
const timeOf = (ctx: ImportContext, exp: SourceExperiment) => exp.lastUpdateTime ?? exp.creationTime ?? ctx.svc.now();

function fresh(ctx: ImportContext, exp: SourceExperiment, id: string, name: string, report: ImportedExperiment): ExperimentTarget {
  Object.assign(report, { localId: id, localName: name, action: 'new', renumbered: id !== exp.id });
  let created = false;
  return {
    localId: id,
    localName: name,
    exists: false,
    activeHere: () => created,
    map() {
      return this.activate();
    },
    async activate() {
      if (created) return;
      const { svc } = ctx;
      // Mapped first: an import killed between the two ops finds the mapping and creates the experiment under it.
      await svc.store.commit({ type: 'import.map', source: ctx.info, entries: [{ kind: 'experiment', sourceId: exp.id, localId: id }], time: svc.now() });
      await svc.store.commit({ type: 'experiment.create', id, name, artifactLocation: experimentArtifactLocation(id), tags: exp.tags, time: exp.creationTime ?? svc.now() });
      created = true;
      ctx.counts.experiments++;
    },
  };
}

function existing(ctx: ImportContext, exp: SourceExperiment, row: ExperimentRow, report: ImportedExperiment): ExperimentTarget {
  Object.assign(report, { localId: row.experiment_id, localName: row.name, action: 'merged', renumbered: row.experiment_id !== exp.id });
  const db = ctx.svc.store.db;
  const id = row.experiment_id;
  return {
    localId: id,
    localName: row.name,
    exists: true,
    activeHere: () => findExperiment(db, id)?.lifecycle_stage === 'active',
    async map() {
      if (importedId(db, ctx.info.identity, 'experiment', exp.id) === id) return;
      await ctx.svc.store.commit({ type: 'import.map', source: ctx.info, entries: [{ kind: 'experiment', sourceId: exp.id, localId: id }], time: ctx.svc.now() });
    },
    async activate() {
      await this.map();
      if (findExperiment(db, id)?.lifecycle_stage === 'deleted') await ctx.svc.store.commit({ type: 'experiment.restore', id, time: timeOf(ctx, exp) });
    },
  };
}

/**
 * After its runs: the experiment's tags take the source's values, and its lifecycle follows the
 * source (a deleted source experiment is deleted here once its runs are in). Answers whether
 * anything changed.
 */
export async function settleExperiment(ctx: ImportContext, exp: SourceExperiment, target: ExperimentTarget): Promise<boolean> {
  const { svc } = ctx;
  const db = svc.store.db;
  const row = findExperiment(db, target.localId);
  const here = new Map((row ? experimentTags(db, target.localId) : []).map((t) => [t.key, t.value]));
  const changed = exp.tags.filter((t) => here.get(t.key) !== t.value);
  const wasActive = row?.lifecycle_stage === 'active';
  const lifeDiffers = (row?.lifecycle_stage ?? 'active') !== exp.lifecycle && !(exp.lifecycle === 'deleted' && target.localId === DEFAULT_ID);
  const mapped = importedId(db, ctx.info.identity, 'experiment', exp.id) === target.localId;
  if (ctx.dryRun) {
    ctx.counts.tags += row ? changed.length : 0;
    return changed.length > 0 || lifeDiffers || !row;
  }
  if (!row || changed.length || (exp.lifecycle === 'active' && !wasActive)) await target.activate();
  else if (!mapped) await target.map();
  for (const tag of changed) await svc.store.commit({ type: 'experiment.setTag', id: target.localId, tag, time: timeOf(ctx, exp) });
  const now = findExperiment(db, target.localId)!;
  if (exp.lifecycle === 'deleted' && now.lifecycle_stage === 'active' && target.localId !== DEFAULT_ID) {
    await svc.store.commit({ type: 'experiment.delete', id: target.localId, time: timeOf(ctx, exp) });
  }
  return changed.length > 0 || lifeDiffers || !row;
}
