import type { Run } from '../../shared/domain/tracking';
import type { Database } from '../store/database';
import { findRun } from '../store/repos/runs-repo';
import { pulledRun } from '../store/sync/pull-repo';
import { ORIGIN_RUN_TAG } from './lineage';
import { runFingerprint } from './pull-fingerprint';

export type RunClass =
  /**
   * A run whose lineage names a local run: pushed from here, or from the store a bundle brought it
   * from (run ids travel with bundles and imports, so the origin id alone says it is the same run).
   */
  | { kind: 'own'; localId: string }
  /** Pulled before, complete, not running, and showing the same in runs/search: only its files are listed again. */
  | { kind: 'unchanged' }
  /** New here, not yet complete, still running, or changed on the remote. */
  | { kind: 'copy' }
  /** A run of that id is here but did not come from this remote. */
  | { kind: 'foreign'; why: string };

/** What a pull does with one run of a remote's runs/search page, from the store alone. */
export function classifyRun(db: Database, remote: string, run: Run): RunClass {
  const tag = (key: string) => run.data.tags?.find((t) => t.key === key)?.value;
  const origin = tag(ORIGIN_RUN_TAG);
  if (origin !== undefined && origin !== run.info.run_id && findRun(db, origin)) return { kind: 'own', localId: origin };
  const runId = run.info.run_id;
  if (!findRun(db, runId)) return { kind: 'copy' };
  const pulled = pulledRun(db, runId);
  if (!pulled) return { kind: 'foreign', why: 'a run with this id exists here and was not pulled; left as it is' };
  if (pulled.remote !== remote) return { kind: 'foreign', why: `this run was pulled from '${pulled.remote}'; left as it is` };
  // A deleted run takes no logging (MLflow refuses it), even one left RUNNING.
  const live = run.info.status === 'RUNNING' && run.info.lifecycle_stage === 'active';
  if (pulled.complete && !live && pulled.fingerprint === runFingerprint(run)) return { kind: 'unchanged' };
  return { kind: 'copy' };
}
