import { NOTE_TAG, tagValue, useExperimentHeader, type ExperimentHeaderStore } from '../../../state/runs-experiment-store';
import { ErrorNote } from '../../ErrorNote';
import { When } from '../../When';
import { ExperimentDescription } from './ExperimentDescription';
import { ExperimentTags } from './ExperimentTags';
import { ExperimentTitle } from './ExperimentTitle';
import './experiment-header.css';
import './experiment-deleted.css';

/** Name, description and tags of the experiment on top of its page. */
export function ExperimentHeader({ store }: { store: ExperimentHeaderStore }) {
  const experiment = useExperimentHeader(store, (s) => s.experiment);
  const error = useExperimentHeader(store, (s) => s.error);
  const st = store.getState();
  if (!experiment) return <header className="experiment-header">{error ? <ErrorNote message={error} /> : <h1 className="muted">Loading…</h1>}</header>;
  if (experiment.lifecycle_stage === 'deleted') {
    return (
      <header className="experiment-header">
        <div className="eh-title">
          <h1 data-testid="experiment-name">{experiment.name}</h1>
          <span className="eh-badge">deleted</span>
          <span className="muted eh-id" title={experiment.artifact_location}>ID {experiment.experiment_id}</span>
        </div>
        <p className="experiment-deleted experiment-deleted-banner" role="status" data-testid="experiment-deleted">
          <span>
            This experiment is deleted. Restore it to log to it again.{' '}
            <span className="muted">
              Deleted <When ms={experiment.last_update_time} fallback="earlier" />; its runs were deleted with it and come back with it.
            </span>
          </span>
          <button type="button" className="primary" onClick={() => void st.restore()} data-testid="restore-experiment">Restore</button>
        </p>
        {error && <ErrorNote message={error} />}
      </header>
    );
  }
  return (
    <header className="experiment-header">
      <ExperimentTitle experiment={experiment} onRename={st.rename} />
      <ExperimentDescription source={tagValue(experiment, NOTE_TAG) ?? ''} onSave={st.setDescription} />
      <ExperimentTags tags={(experiment.tags ?? []).filter((t) => t.key !== NOTE_TAG)} onSet={st.setTag} onDelete={st.deleteTag} />
      {error && <ErrorNote message={error} />}
    </header>
  );
}
