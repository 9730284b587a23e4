import type { LoggedModelDetails } from '../../../shared/ipc/contract-types';
import { listLoggedModelArtifacts, readLoggedModelArtifact, readLoggedModelText } from '../../services/logged-model-artifacts';
import { runRefs, runsUsingModel, versionsFromModels } from '../../services/logged-model-links';
import { getLoggedModel } from '../../services/logged-models-service';
import type { ServiceContext } from '../../services/service-context';
import type { Handlers } from '../dispatch';

type LoggedModelHandlers = Pick<Handlers, 'loggedModels.get' | 'loggedModels.artifacts.list' | 'loggedModels.artifacts.read' | 'loggedModels.versions' | 'runs.refs'>;

/** A logged model's page: the model, its files, the runs around it and the versions made from it. */
export function loggedModelHandlers(svc: ServiceContext): LoggedModelHandlers {
  return {
    'loggedModels.get': async ({ modelId }): Promise<LoggedModelDetails> => {
      const model = getLoggedModel(svc, modelId);
      const source = model.info.source_run_id;
      return {
        model,
        mlmodel: await readLoggedModelText(svc, modelId, 'MLmodel'),
        sourceRun: source ? (runRefs(svc, [source])[source] ?? null) : null,
        usedBy: runsUsingModel(svc, modelId),
        versions: versionsFromModels(svc, [modelId])[modelId] ?? [],
      };
    },
    'loggedModels.artifacts.list': ({ modelId, path }) => listLoggedModelArtifacts(svc, modelId, path),
    'loggedModels.artifacts.read': ({ modelId, path, maxBytes, offset }) => readLoggedModelArtifact(svc, modelId, path, maxBytes, offset),
    'loggedModels.versions': ({ modelIds }) => versionsFromModels(svc, modelIds),
    'runs.refs': ({ runIds }) => runRefs(svc, runIds),
  };
}
