import type { ModelVersion, RegisteredModel, Stage } from '../../../shared/domain/registry';
import { formatRoute } from '../../state/route';
import { AliasChips } from './AliasChips';
import { aliasesOf } from './alias-rules';
import { firstLine, formatTime } from './format-time';
import { StageControl } from './StageControl';

interface Props {
  model: RegisteredModel;
  versions: readonly ModelVersion[];
  selected: ReadonlySet<string>;
  onToggle(version: string): void;
  onTransition(version: string, stage: Stage, archiveExisting: boolean): Promise<void>;
}

/** A model's versions: aliases first, then the legacy stage, the source run, when, and what. */
export function VersionsTable({ model, versions, selected, onToggle, onTransition }: Props) {
  if (versions.length === 0) return <p className="muted">No versions yet. Register one from a run's page.</p>;
  return (
    <table className="reg-table" data-testid="versions-table">
      <thead>
        <tr>
          <th aria-label="Compare" />
          <th>Version</th>
          <th>Aliases</th>
          <th>Stage (legacy)</th>
          <th>Source run</th>
          <th>Registered</th>
          <th>Description</th>
        </tr>
      </thead>
      <tbody>
        {versions.map((v) => (
          <tr key={v.version} data-testid="version-row" data-version={v.version} className={selected.has(v.version) ? 'selected' : ''}>
            <td>
              <input type="checkbox" aria-label={`Select version ${v.version} to compare`} checked={selected.has(v.version)} onChange={() => onToggle(v.version)} />
            </td>
            <td><a href={formatRoute({ page: 'version', name: model.name, version: v.version })}>Version {v.version}</a></td>
            <td><AliasChips aliases={aliasesOf(model.aliases, v.version).map((alias) => ({ alias }))} /></td>
            <td>
              <StageControl name={model.name} version={v} versions={versions} onTransition={(stage, archive) => onTransition(v.version, stage, archive)} />
            </td>
            <td className="mono">{v.run_id ? <a href={formatRoute({ page: 'run', runId: v.run_id })}>{v.run_id.slice(0, 12)}</a> : <span className="muted">—</span>}</td>
            <td className="sub">{formatTime(v.creation_timestamp)}</td>
            <td className="wrap">{firstLine(v.description)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
