import type { ReactNode } from 'react';
import type { ModelVersion } from '../../../shared/domain/registry';
import { formatRoute } from '../../state/route';
import { When } from '../When';

interface Props {
  version: ModelVersion;
  runName: string | null;
  downloadUri: string;
  facts: readonly { key: string; value: string }[];
}

/** Where a version comes from (run, logged model, source URI) and when; plus facts from its MLmodel. */
export function VersionFacts({ version: v, runName, downloadUri, facts }: Props) {
  const rows: [string, ReactNode][] = [
    ['Source run', v.run_id ? <a href={formatRoute({ page: 'run', runId: v.run_id })} data-testid="source-run">{runName ?? v.run_id}</a> : '—'],
    ['Logged model', v.model_id ? <a href={formatRoute({ page: 'loggedModel', modelId: v.model_id })} data-testid="logged-model-link"><code data-testid="logged-model-id">{v.model_id}</code></a> : '—'],
    ['Source', <code key="s">{v.source}</code>],
    ['Files', <code key="f">{downloadUri}</code>],
    ['Status', v.status_message ? `${v.status} (${v.status_message})` : v.status],
    ['Registered', <When key="r" ms={v.creation_timestamp} fallback="—" />],
    ['Last modified', <When key="m" ms={v.last_updated_timestamp} fallback="—" />],
    ...facts.filter((f) => f.key === 'mlflow_version' || f.key === 'model_size_bytes').map((f): [string, ReactNode] => [f.key, f.value]),
  ];
  return (
    <table className="reg-table" data-testid="version-facts">
      <tbody>
        {rows.map(([k, value]) => (
          <tr key={k}>
            <th>{k}</th>
            <td className="wrap">{value}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
