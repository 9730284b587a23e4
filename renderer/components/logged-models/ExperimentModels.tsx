import { useEffect, useMemo, useState } from 'react';
import { useApp } from '../../app-context';
import { createLoggedModelListStore, useLoggedModelList } from '../../state/logged-model-list-store';
import { formatRoute } from '../../state/route';
import { ErrorNote } from '../ErrorNote';
import { formatMetricValue } from '../run-page/run-facts';
import { When } from '../When';
import { statusText } from './logged-model-status';
import { latestMetric, metricColumns } from './model-metric-columns';
import { RunRefLink } from './RunRefLink';
import { VersionLinks } from './VersionLinks';
import '../registry/registry.css';
import './logged-models.css';

/**
 * The experiment's logged models (MLflow 3), newest first, as MLflow's Models tab lists them:
 * each linked to its page, with its status, source run, the versions registered from it, its
 * metrics when there are few keys, and when it was made. Live.
 */
export function ExperimentModels({ experimentId }: { experimentId: string }) {
  const { api } = useApp();
  const [store] = useState(() => createLoggedModelListStore(api, experimentId));
  useEffect(() => store.getState().watch(), [store]);
  const models = useLoggedModelList(store, (s) => s.models);
  const runs = useLoggedModelList(store, (s) => s.runs);
  const versions = useLoggedModelList(store, (s) => s.versions);
  const error = useLoggedModelList(store, (s) => s.error);
  const keys = useMemo(() => metricColumns(models ?? []), [models]);

  if (!models) return error ? <ErrorNote message={error} /> : <p className="muted">Loading models…</p>;
  if (models.length === 0) {
    return (
      <p className="muted" data-testid="no-logged-models">
        No run of this experiment has logged a model yet. A model logged with <code>mlflow.&lt;flavor&gt;.log_model(model, name=…)</code> is listed here.
      </p>
    );
  }
  return (
    <div className="experiment-models">
      {error && <ErrorNote message={error} />}
      <table className="reg-table" data-testid="experiment-models">
        <thead>
          <tr>
            <th>Model</th>
            <th>Status</th>
            <th>Source run</th>
            <th>Registered versions</th>
            {keys.map((k) => <th key={k} className="num" title={`${k} (last logged)`}>{k}</th>)}
            <th>Created</th>
          </tr>
        </thead>
        <tbody>
          {models.map(({ info, data }) => {
            const run = info.source_run_id ? runs[info.source_run_id] : undefined;
            return (
              <tr key={info.model_id} data-testid="logged-model-row" data-model-id={info.model_id}>
                <td className="wrap">
                  <a href={formatRoute({ page: 'loggedModel', modelId: info.model_id })} data-testid="logged-model-link">{info.name}</a>
                  <div className="sub mono model-id" title={info.model_id}>{info.model_id}</div>
                </td>
                <td>{statusText(info.status)}</td>
                <td className="wrap">{run ? <RunRefLink run={run} testId="logged-model-source-run" /> : info.source_run_id ? <code className="sub">{info.source_run_id.slice(0, 12)}</code> : <span className="muted">—</span>}</td>
                <td className="wrap"><VersionLinks inline versions={versions[info.model_id] ?? []} empty={<span className="muted">—</span>} /></td>
                {keys.map((k) => {
                  const m = latestMetric({ info, data }, k);
                  return <td key={k} className="num">{m ? formatMetricValue(m.value as number | string | null) : ''}</td>;
                })}
                <td className="sub created"><When ms={info.creation_timestamp_ms} /></td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
