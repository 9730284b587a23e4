import { invalidParam } from '../../shared/domain/mlflow-error';
import type { KeyValue, Run, RunInfo, RunStatus } from '../../shared/domain/tracking';
import { requireActiveExperiment, requireExperiment } from '../store/repos/experiments-repo';
import { getRun as readRun, requireRun, runsWithDescendants, toRunInfo } from '../store/repos/runs-repo';
import { randomName } from './run-names';
import type { ServiceContext } from './service-context';
import { validateExperimentId, validateNewRunTags, validateRunId } from './validation';

export interface CreateRunInput {
  experimentId?: string;
  userId?: string;
  runName?: string;
  startTime?: number;
  tags: KeyValue[];
}

export async function createRun(ctx: ServiceContext, input: CreateRunInput): Promise<Run> {
  const experimentId = validateExperimentId(input.experimentId || '0');
  const tags = validateNewRunTags(input.tags);
  const nameTag = tags.find((t) => t.key === 'mlflow.runName')?.value;
  if (input.runName && nameTag !== undefined && nameTag !== input.runName) {
    throw invalidParam(
      `Both 'run_name' argument and 'mlflow.runName' tag are specified, but with different values (run_name='${input.runName}', mlflow.runName='${nameTag}').`,
    );
  }
  const name = input.runName || nameTag || randomName();
  const finalTags = [...tags.filter((t) => t.key !== 'mlflow.runName'), { key: 'mlflow.runName', value: name }];
  const experiment = requireExperiment(ctx.store.db, experimentId);
  const runId = ctx.newId();
  const userId = input.userId ?? tags.find((t) => t.key === 'mlflow.user')?.value ?? '';
  await ctx.store.commit({
    type: 'run.create', runId, experimentId, name, userId, startTime: input.startTime ?? null,
    artifactUri: `${experiment.artifact_location}/${runId}/artifacts`, tags: finalTags, time: ctx.now(),
  });
  return readRun(ctx.store.db, runId);
}

export function getRun(ctx: ServiceContext, runId: string): Run {
  return readRun(ctx.store.db, validateRunId(runId));
}

export async function updateRun(ctx: ServiceContext, input: { runId: string; status?: RunStatus; endTime?: number; runName?: string }): Promise<RunInfo> {
  const runId = validateRunId(input.runId);
  await ctx.store.commit({
    type: 'run.update', runId, time: ctx.now(),
    ...(input.status !== undefined ? { status: input.status } : {}),
    ...(input.endTime !== undefined ? { endTime: input.endTime } : {}),
    ...(input.runName ? { name: input.runName } : {}),
  });
  return toRunInfo(requireRun(ctx.store.db, runId));
}

export async function setRunLifecycle(ctx: ServiceContext, runId: string, action: 'delete' | 'restore'): Promise<void> {
  await ctx.store.commit({ type: action === 'delete' ? 'run.delete' : 'run.restore', runId: validateRunId(runId), time: ctx.now() });
}

export async function deleteRunTag(ctx: ServiceContext, runId: string, key: string): Promise<void> {
  await ctx.store.commit({ type: 'run.deleteTag', runId: validateRunId(runId), key, time: ctx.now() });
}

/**
 * Moves runs, and the runs nested under them, to another experiment in one op; runs already
 * there are left alone. Returns how many moved.
 */
export async function moveRuns(ctx: ServiceContext, runIds: string[], experimentId: string): Promise<number> {
  const ids = [...new Set(runIds.map(validateRunId))];
  const target = validateExperimentId(experimentId);
  const op = await ctx.store.commit(() => {
    requireActiveExperiment(ctx.store.db, target);
    for (const id of ids) requireRun(ctx.store.db, id);
    const runs = runsWithDescendants(ctx.store.db, ids)
      .filter((r) => r.experiment_id !== target)
      .map((r) => ({ runId: r.run_id, from: r.experiment_id }));
    return { type: 'run.move' as const, runs, experimentId: target, time: ctx.now() };
  });
  return op.runs.length;
}
