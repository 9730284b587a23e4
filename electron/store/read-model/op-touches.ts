import type { Op } from '../ops/op-types';

/**
 * Which runs an op changes, as search_runs sees them (their columns, params, latest metrics,
 * tags, inputs, outputs): none, some runs by id, every run of an experiment, or everything.
 */
export type RunsTouched =
  | { kind: 'none' }
  | { kind: 'runs'; runIds: readonly string[] }
  | { kind: 'experiment'; experimentId: string }
  | { kind: 'all' };

const NONE: RunsTouched = { kind: 'none' };
const runs = (...runIds: string[]): RunsTouched => ({ kind: 'runs', runIds });

/**
 * The runs an op touches (read from electron/store/apply: the tables of runs, params, tags,
 * latest_metrics, inputs, input_tags, datasets and run_outputs). Imports, bundles and pulls
 * write runs through the ordinary run ops, so they need nothing of their own here; their own
 * ops only record bookkeeping (sources, id maps, pulled files, sync state). An experiment's
 * delete and restore change the lifecycle of its runs; its name and tags are not part of them.
 * Logged models, the registry, remotes and sync state live in tables of their own (a run's
 * inputs and outputs name models by id only). The switch is exhaustive: a new op type does
 * not compile until it is placed here.
 */
export function runsTouchedBy(op: Op): RunsTouched {
  switch (op.type) {
    case 'run.create':
    case 'run.update':
    case 'run.delete':
    case 'run.restore':
    case 'run.log':
    case 'run.deleteTag':
    case 'run.logInputs':
    case 'run.logOutputs':
    case 'pull.startRun':
    case 'import.startRun':
      return runs(op.runId);
    case 'run.move':
      return runs(...op.runs.map((r) => r.runId));
    case 'experiment.delete':
    case 'experiment.restore':
      return { kind: 'experiment', experimentId: op.id };
    case 'experiment.create':
    case 'experiment.rename':
    case 'experiment.setTag':
    case 'experiment.deleteTag':
    case 'model.create':
    case 'model.finalize':
    case 'model.delete':
    case 'model.setTags':
    case 'model.deleteTag':
    case 'model.logParams':
    case 'import.modelMetrics':
    case 'pull.loggedModel':
    case 'registry.createModel':
    case 'registry.renameModel':
    case 'registry.updateModel':
    case 'registry.deleteModel':
    case 'registry.setModelTag':
    case 'registry.deleteModelTag':
    case 'registry.setAlias':
    case 'registry.deleteAlias':
    case 'registry.createVersion':
    case 'registry.updateVersion':
    case 'registry.transitionStage':
    case 'registry.deleteVersion':
    case 'registry.setVersionTag':
    case 'registry.deleteVersionTag':
    case 'pull.model':
    case 'pull.version':
    case 'remote.add':
    case 'remote.update':
    case 'remote.remove':
    case 'sync.record':
    case 'pull.finishRun':
    case 'artifact.lazy':
    case 'artifact.local':
    case 'artifact.gone':
    case 'import.map':
    case 'import.finishRun':
    case 'import.finish':
    case 'bundle.imported':
      return NONE;
    default:
      return unknownOp(op);
  }
}

/** An op this code does not know (a newer journal read by older code): everything is stale. */
function unknownOp(op: never): RunsTouched {
  void op;
  return { kind: 'all' };
}
