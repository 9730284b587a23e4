import type { ReactNode } from 'react';
import type { LoggedModelDetails } from '../../../shared/ipc/contract-types';
import { useApp } from '../../app-context';
import { useExperiments } from '../../state/experiments-store';
import { formatRoute } from '../../state/route';
import { When } from '../When';
import { statusText } from './logged-model-status';
import { RunRefLink } from './RunRefLink';

/** Where a logged model comes from and when: its id, status, source run, experiment, times and type. */
export function LoggedModelFacts({ details }: { details: LoggedModelDetails }) {
  const { experiments } = useApp();
  const { info } = details.model;
  const expName = useExperiments(experiments, (s) => s.list.find((e) => e.experiment_id === info.experiment_id)?.name);
  const source: ReactNode = details.sourceRun ? (
    <RunRefLink run={details.sourceRun} testId="model-source-run" />
  ) : info.source_run_id ? (
    <span className="muted">
      <code>{info.source_run_id}</code> (not in this store)
    </span>
  ) : (
    '—'
  );
  const rows: [string, ReactNode][] = [
    ['Model ID', <><code>{info.model_id}</code> <button type="button" className="link-btn" onClick={() => void navigator.clipboard?.writeText(info.model_id)}>Copy</button></>],
    ['Status', info.status_message ? `${statusText(info.status)} (${info.status_message})` : statusText(info.status)],
    ['Source run', source],
    ['Experiment', <a key="e" href={formatRoute({ page: 'experiment', experimentId: info.experiment_id })} data-testid="model-experiment">{expName ?? info.experiment_id}</a>],
    ['Created', <When key="c" ms={info.creation_timestamp_ms} fallback="—" />],
    ['Last updated', <When key="u" ms={info.last_updated_timestamp_ms} fallback="—" />],
    ...(info.model_type ? [['Type', info.model_type] as [string, ReactNode]] : []),
    ['Files', <code key="f">{info.artifact_uri}</code>],
  ];
  return (
    <table className="reg-table" data-testid="logged-model-facts">
      <tbody>
        {rows.map(([k, v]) => (
          <tr key={k}>
            <th>{k}</th>
            <td className="wrap">{v}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
