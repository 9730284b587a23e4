import type { Run } from '../../shared/domain/tracking';
import type { PullRunContext } from './pull-context';
import { pullLoggedModels } from './pull-logged-models';
import { emptyModelLinks, noteModelLinks, type ModelLinks } from './pull-model-links';
import { emptyRegistryCounts, pullRegisteredModels } from './pull-registry';
import { experimentsOfRemoteModels, remoteModelsOfRuns } from './pull-registry-scope';

const formatCount = (n: number) => n.toLocaleString('en-US');
const plural = (n: number, one: string, many = `${one}s`) => `${formatCount(n)} ${n === 1 ? one : many}`;

/** What a pull copied of models: MLflow 3 logged models and registered models with their versions. */
export interface PullModelDetails {
  loggedModels: { created: number; updated: number; unchanged: number; files: number; removed: number };
  models: { created: number; updated: number };
  versions: { created: number; updated: number };
}

/**
 * The model steps of a pull, around its runs: the experiments asked-for registered models come
 * from, the logged models of each pulled experiment (with the runs' links to them), and last the
 * registered models (the asked-for ones, and those with a version from a pulled run).
 */
export class PullModelsStep {
  private readonly logged = { created: 0, updated: 0, unchanged: 0, files: 0, removed: 0 };
  private readonly registry = emptyRegistryCounts();
  private links: ModelLinks = emptyModelLinks();
  private readonly runIds = new Set<string>();
  private names: string[] = [];

  /** `tell`: shows what is being copied in the job's progress. */
  constructor(
    private readonly ctx: PullRunContext,
    private readonly models: string[],
    private readonly tell: (current?: string) => void = () => undefined,
  ) {}

  /**
   * The remote experiments to pull: those asked for, with the ones the asked-for models' versions
   * come from. Null: nothing to pull before the registry (only models were asked for, and none of
   * them has a version; an empty list would mean every experiment).
   */
  async experiments(asked: string[]): Promise<string[] | null> {
    if (!this.models.length) return asked;
    const { experiments, found } = await experimentsOfRemoteModels(this.ctx, this.models);
    this.names = found;
    const all = [...new Set([...asked, ...experiments])];
    return all.length ? all : null;
  }

  /** A runs/search page of the experiment being pulled. */
  noteRuns(runs: readonly Run[]): void {
    noteModelLinks(this.links, runs);
    for (const r of runs) this.runIds.add(r.info.run_id);
  }

  /** After the runs of an experiment: its logged models, and the runs' links to them. */
  async afterExperiment(remoteExperimentId: string, localExperimentId: string): Promise<void> {
    const links = this.links;
    this.links = emptyModelLinks();
    if (this.ctx.signal?.aborted) return;
    this.tell(`logged models of experiment ${localExperimentId}`);
    const r = await pullLoggedModels(this.ctx, remoteExperimentId, localExperimentId, links);
    for (const k of ['created', 'updated', 'unchanged', 'files', 'removed'] as const) this.logged[k] += r[k];
  }

  /** Last: the registered models. */
  async finish(): Promise<void> {
    if (this.ctx.signal?.aborted) return;
    const ofRuns = this.runIds.size ? await remoteModelsOfRuns(this.ctx, this.runIds) : [];
    const asked = new Set(this.models);
    // An asked-for model in conflict was reported before its experiments were looked for.
    const names = [...new Set([...this.names, ...ofRuns])].filter((n) => !(asked.has(n) && !this.names.includes(n)));
    for (const name of names) {
      this.tell(`registered model '${name}'`);
      await pullRegisteredModels(this.ctx, [name], this.registry);
    }
  }

  details(): PullModelDetails {
    const r = this.registry;
    return {
      loggedModels: { ...this.logged },
      models: { created: r.modelsCreated, updated: r.modelsUpdated },
      versions: { created: r.versionsCreated, updated: r.versionsUpdated },
    };
  }

  /** The summary line's part on models (empty when no model was looked at). */
  summaryPart(): string {
    const d = this.details();
    const parts: string[] = [];
    const models = d.models.created + d.models.updated;
    const versions = d.versions.created + d.versions.updated;
    const logged = d.loggedModels.created + d.loggedModels.updated;
    if (models || versions || this.names.length) {
      parts.push(`${plural(models, 'registered model')} (${formatCount(d.models.created)} new, ${formatCount(d.models.updated)} updated)`);
      parts.push(`${plural(versions, 'model version')} (${formatCount(d.versions.created)} new, ${formatCount(d.versions.updated)} updated)`);
    }
    const removed = d.loggedModels.removed ? `, ${formatCount(d.loggedModels.removed)} removed` : '';
    if (logged) parts.push(`${plural(logged, 'logged model')} (${formatCount(d.loggedModels.created)} new, ${formatCount(d.loggedModels.updated)} updated, ${plural(d.loggedModels.files, 'file')}${removed})`);
    return parts.join(', ');
  }
}

/** The summary line with the models part put before its duration (" in 1.2 s"). */
export function withModelsPart(summary: string, part: string): string {
  if (!part) return summary;
  const at = summary.search(/ in \d[\d.,]* s(;|$)/);
  return at < 0 ? `${summary}, ${part}` : `${summary.slice(0, at)}, ${part}${summary.slice(at)}`;
}
