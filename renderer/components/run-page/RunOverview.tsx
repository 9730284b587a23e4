import type { Run } from '../../../shared/domain/tracking';
import { useRunModels, type RunModelsStore } from '../../state/logged-model-run-store';
import type { RunStore } from '../../state/run-store';
import { DatasetsList } from './DatasetsList';
import { LoggedModels } from './LoggedModels';
import { MetricsTable } from './MetricsTable';
import { ParamsTable } from './ParamsTable';
import { RunDescription } from './RunDescription';
import { tagValue } from './run-facts';
import { RunTags } from './RunTags';

const NOTE_TAG = 'mlflow.note.content';

/** The overview tab: description, params and latest metrics side by side, tags, datasets, models. */
export function RunOverview({ run, store, runModels }: { run: Run; store: RunStore; runModels: RunModelsStore }) {
  const { setTag, deleteTag } = store.getState();
  const models = useRunModels(runModels, (s) => s.models);
  const versions = useRunModels(runModels, (s) => s.versions);
  return (
    <div className="run-overview">
      <RunDescription key={tagValue(run.data.tags, NOTE_TAG) ?? ''} text={tagValue(run.data.tags, NOTE_TAG)} onSave={(text) => setTag(NOTE_TAG, text)} />
      <div className="run-columns">
        <ParamsTable params={run.data.params} />
        <MetricsTable metrics={run.data.metrics} />
      </div>
      <div className="run-columns">
        <RunTags tags={run.data.tags} setTag={setTag} deleteTag={deleteTag} />
        <div>
          <DatasetsList inputs={run.inputs.dataset_inputs} />
          <LoggedModels run={run} models={models} versions={versions} />
        </div>
      </div>
    </div>
  );
}
