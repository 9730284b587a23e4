import { useEffect, useState } from 'react';
import type { LoggedModel } from '../../../shared/domain/tracking';
import { useApp } from '../../app-context';
import { ErrorNote } from '../ErrorNote';
import { When } from '../When';

/** The experiment's logged models (MLflow 3), newest first, as MLflow's Models tab lists them. */
export function ExperimentModels({ experimentId }: { experimentId: string }) {
  const { api } = useApp();
  const [models, setModels] = useState<LoggedModel[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    api.call('loggedModels.list', { experimentIds: [experimentId] }).then(
      (list) => live && setModels([...list].sort((a, b) => b.info.creation_timestamp_ms - a.info.creation_timestamp_ms)),
      (e: unknown) => live && setError(e instanceof Error ? e.message : String(e)),
    );
    return () => {
      live = false;
    };
  }, [api, experimentId]);
  if (error) return <ErrorNote message={error} />;
  if (!models) return <p className="muted">Loading models…</p>;
  if (models.length === 0) return <p className="muted" data-testid="no-logged-models">No run of this experiment has logged a model (mlflow.&lt;flavor&gt;.log_model) yet.</p>;
  return (
    <table className="kv-table wide" data-testid="experiment-models">
      <thead>
        <tr><th>Name</th><th>Model ID</th><th>Status</th><th>Source run</th><th>Created</th></tr>
      </thead>
      <tbody>
        {models.map((m) => (
          <tr key={m.info.model_id} data-testid="logged-model-row">
            <td>{m.info.name}</td>
            <td><code>{m.info.model_id}</code></td>
            <td>{m.info.status}</td>
            <td>{m.info.source_run_id ? <a href={`#/runs/${encodeURIComponent(m.info.source_run_id)}`}>{m.info.source_run_id}</a> : '—'}</td>
            <td><When ms={m.info.creation_timestamp_ms} /></td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
