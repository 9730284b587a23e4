import { STAGES, type ModelVersion, type Stage } from '../../../shared/domain/registry';

/** MLflow only archives the others when moving into Staging or Production. */
export const offersArchive = (stage: Stage) => stage === 'Staging' || stage === 'Production';

/** Stages a version can move to: every stage but its own. */
export const targetStages = (current: Stage): Stage[] => STAGES.filter((s) => s !== current);

/** A sensible first choice: the next step up the ladder None → Staging → Production. */
export function defaultTarget(current: Stage): Stage {
  if (current === 'None') return 'Staging';
  if (current === 'Staging') return 'Production';
  return current === 'Production' ? 'Archived' : 'None';
}

/** The other versions that archiving would move out of `target`, lowest first. */
export function versionsToArchive(versions: readonly ModelVersion[], target: Stage, moving: string): ModelVersion[] {
  if (!offersArchive(target)) return [];
  return versions.filter((v) => v.current_stage === target && v.version !== moving).sort((a, b) => Number(a.version) - Number(b.version));
}
