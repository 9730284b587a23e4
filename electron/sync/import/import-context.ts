import type { ClashChoice } from '../../../shared/ipc/transfer-types';
import type { JobProgress } from '../../jobs/job-types';

export type { ClashChoice };
import type { ServiceContext } from '../../services/service-context';
import type { ImportSourceInfo } from '../../store/ops/import-op-types';
import type { ImportSource } from './import-source';
import type { ImportClash, ImportCounts, MissingFile } from './import-report';


/**
 * How a step treats the store: `write` brings it to the source's state; `check` reads the source
 * through without writing (so a damaged item stops the import before a run is half written);
 * `dry` also reads without writing, and counts and reports as if it had written.
 */
export type Mode = 'write' | 'check' | 'dry';

/** What every step of one import shares. */
export interface ImportContext {
  svc: ServiceContext;
  source: ImportSource;
  info: ImportSourceInfo;
  dryRun: boolean;
  clash?: ClashChoice;
  signal?: AbortSignal;
  counts: ImportCounts;
  problem(item: string, message: string): void;
  missing(file: MissingFile): void;
  clashed(clash: ImportClash): void;
  /** Artifact bytes copied (progress). */
  copied(bytes: number): void;
  /** The source's artifact URI of each run seen, to find a model version's files. */
  runArtifactUris: Map<string, string>;
  /** The source's artifact location of each logged model seen. */
  modelLocations: Map<string, string>;
  /** Experiment ids planned in a dry run (not yet taken in the store). */
  plannedIds: Set<string>;
  progress(update: Partial<JobProgress>): void;
}

/** A run or model item as messages name it. */
export const runItem = (name: string, runId: string) => `run '${name}' (${runId})`;
