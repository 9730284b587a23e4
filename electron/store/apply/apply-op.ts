import type { Op, OpOf, OpType } from '../ops/op-types';
import type { ApplyContext } from './apply-context';
import { createExperiment, deleteExperimentTag, renameExperiment, setExperimentLifecycle, setExperimentTag } from './experiment-ops';
import { logInputs, logOutputs } from './input-ops';
import { createLoggedModel, deleteLoggedModel, deleteLoggedModelTag, finalizeLoggedModel, logLoggedModelParams, setLoggedModelTags } from './logged-model-ops';
import { createRun, deleteRunTag, moveRuns, setRunLifecycle, updateRun } from './run-ops';
import { logToRun } from './run-log';
import { importAppliers } from './import-ops';
import { bundleAppliers } from './bundle-ops';
import { createModel, deleteAlias, deleteModel, deleteModelTag, renameModel, setAlias, setModelTag, updateModel } from './registry-model-ops';
import { addRemote, recordSync, removeRemote, updateRemote } from './sync-ops';
import { finishPulledRun, forgetArtifacts, recordLazyArtifacts, recordLocalArtifact, startPulledRun } from './pull-ops';
import { pullLoggedModel, pullModel, pullVersion } from './pull-model-ops';
import { createVersion, deleteVersion, deleteVersionTag, setVersionTag, transitionStage, updateVersion } from './registry-version-ops';

type Appliers = { [T in OpType]: (ctx: ApplyContext, op: OpOf<T>) => void };

const appliers: Appliers = {
  ...importAppliers,
  ...bundleAppliers,
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
  'run.move': moveRuns,
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
  'registry.createModel': createModel,
  'registry.renameModel': renameModel,
  'registry.updateModel': updateModel,
  'registry.deleteModel': deleteModel,
  'registry.setModelTag': setModelTag,
  'registry.deleteModelTag': deleteModelTag,
  'registry.setAlias': setAlias,
  'registry.deleteAlias': deleteAlias,
  'registry.createVersion': createVersion,
  'registry.updateVersion': updateVersion,
  'registry.transitionStage': transitionStage,
  'registry.deleteVersion': deleteVersion,
  'registry.setVersionTag': setVersionTag,
  'registry.deleteVersionTag': deleteVersionTag,
  'remote.add': addRemote,
  'remote.update': updateRemote,
  'remote.remove': removeRemote,
  'sync.record': recordSync,
  'pull.startRun': startPulledRun,
  'pull.finishRun': finishPulledRun,
  'artifact.lazy': recordLazyArtifacts,
  'artifact.local': recordLocalArtifact,
  'artifact.gone': forgetArtifacts,
  'pull.model': pullModel,
  'pull.version': pullVersion,
  'pull.loggedModel': pullLoggedModel,
};

/** Applies one op to the database and metric histories, in one transaction. */
export function applyOp(ctx: ApplyContext, op: Op): void {
  const fn = appliers[op.type] as (ctx: ApplyContext, op: Op) => void;
  ctx.db.transaction(() => fn(ctx, op));
}
