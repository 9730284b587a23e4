import type { Op, OpOf, OpType } from '../ops/op-types';
import type { ApplyContext } from './apply-context';
import { createExperiment, deleteExperimentTag, renameExperiment, setExperimentLifecycle, setExperimentTag } from './experiment-ops';
import { logInputs, logOutputs } from './input-ops';
import { createLoggedModel, deleteLoggedModel, deleteLoggedModelTag, finalizeLoggedModel, logLoggedModelParams, setLoggedModelTags } from './logged-model-ops';
import { createRun, deleteRunTag, setRunLifecycle, updateRun } from './run-ops';
import { logToRun } from './run-log';

type Appliers = { [T in OpType]: (ctx: ApplyContext, op: OpOf<T>) => void };

const appliers: Appliers = {
  'experiment.create': createExperiment,
  'experiment.rename': renameExperiment,
  'experiment.delete': setExperimentLifecycle,
  'experiment.restore': setExperimentLifecycle,
  'experiment.setTag': setExperimentTag,
  'experiment.deleteTag': deleteExperimentTag,
  'run.create': createRun,
  'run.update': updateRun,
  'run.delete': setRunLifecycle,
  'run.restore': setRunLifecycle,
  'run.log': logToRun,
  'run.deleteTag': deleteRunTag,
  'run.logInputs': logInputs,
  'run.logOutputs': logOutputs,
  'model.create': createLoggedModel,
  'model.finalize': finalizeLoggedModel,
  'model.delete': deleteLoggedModel,
  'model.setTags': setLoggedModelTags,
  'model.deleteTag': deleteLoggedModelTag,
  'model.logParams': logLoggedModelParams,
};

/** Applies one op to the database and metric histories, in one transaction. */
export function applyOp(ctx: ApplyContext, op: Op): void {
  const fn = appliers[op.type] as (ctx: ApplyContext, op: Op) => void;
  ctx.db.transaction(() => fn(ctx, op));
}
