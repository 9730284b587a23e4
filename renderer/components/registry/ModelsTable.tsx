import { STAGES, type RegisteredModel } from '../../../shared/domain/registry';
import { formatRoute } from '../../state/route';
import { AliasChips } from './AliasChips';
import { StageBadge } from './StageBadge';
import { When } from '../When';
import { firstLine } from './first-line';

const versionHref = (name: string, version: string) => formatRoute({ page: 'version', name, version });

/** MLflow's `latest_versions` holds the newest version of each stage; shown in stage order. */
function LatestVersions({ model }: { model: RegisteredModel }) {
  const latest = [...(model.latest_versions ?? [])].sort((a, b) => STAGES.indexOf(a.current_stage) - STAGES.indexOf(b.current_stage));
  if (latest.length === 0) return <span className="muted">no versions</span>;
  return (
    <span className="chip-list">
      {latest.map((v) => (
        <a key={v.current_stage} href={versionHref(model.name, v.version)} className="stage-control" title={`Latest version in ${v.current_stage}`}>
          <StageBadge stage={v.current_stage} /> v{v.version}
        </a>
      ))}
    </span>
  );
}

/** The registered models: name, aliases, latest version per stage, tags, last change. */
export function ModelsTable({ models }: { models: readonly RegisteredModel[] }) {
  return (
    <table className="reg-table" data-testid="models-table">
      <thead>
        <tr>
          <th>Name</th>
          <th>Aliases</th>
          <th>Latest per stage (legacy)</th>
          <th>Tags</th>
          <th>Last modified</th>
        </tr>
      </thead>
      <tbody>
        {models.map((m) => (
          <tr key={m.name} data-testid="model-row" data-name={m.name}>
            <td className="wrap">
              <a href={formatRoute({ page: 'model', name: m.name })}>{m.name}</a>
              {m.description && <div className="sub">{firstLine(m.description)}</div>}
            </td>
            <td><AliasChips aliases={[...(m.aliases ?? [])].sort((a, b) => a.alias.localeCompare(b.alias))} /></td>
            <td><LatestVersions model={m} /></td>
            <td>
              <span className="chip-list">
                {(m.tags ?? []).map((t) => (
                  <span key={t.key} className="tag-pill" title={`${t.key}: ${t.value}`}>{t.key}: {t.value}</span>
                ))}
              </span>
            </td>
            <td className="sub"><When ms={m.last_updated_timestamp} /></td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
