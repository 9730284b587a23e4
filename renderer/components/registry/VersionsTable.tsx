import type { ModelVersion, RegisteredModel, Stage } from '../../../shared/domain/registry';
import type { RunRef } from '../../../shared/ipc/contract-types';
import { formatRoute } from '../../state/route';
import { AliasChips } from './AliasChips';
import { aliasesOf } from './alias-rules';
import { RunRefLink } from '../logged-models/RunRefLink';
import { When } from '../When';
import { firstLine } from './first-line';
import { StageControl } from './StageControl';

interface Props {
  model: RegisteredModel;
  versions: readonly ModelVersion[];
  /** Source runs by id, for their names (an id shows until then, or for a run not in this store). */
  runs: Readonly<Record<string, RunRef>>;
  selected: ReadonlySet<string>;
  onToggle(version: string): void;
  onTransition(version: string, stage: Stage, archiveExisting: boolean): Promise<void>;
}

/** A model's versions: aliases first, then the legacy stage, the source run, when, and what. */
export function VersionsTable({ model, versions, runs, selected, onToggle, onTransition }: Props) {
  if (versions.length === 0) return <p className="muted">No versions yet. Register one from a run's page or a logged model's page.</p>;
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
            <td className="wrap" data-testid="version-source-run">{sourceRun(v, runs)}</td>
            <td className="sub"><When ms={v.creation_timestamp} /></td>
            <td className="wrap">{firstLine(v.description)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** A version's source run by name when the store has it, else its id (linked: the run page explains a missing one). */
function sourceRun(v: ModelVersion, runs: Readonly<Record<string, RunRef>>) {
  if (!v.run_id) return <span className="muted">—</span>;
  const run = runs[v.run_id];
  return run ? <RunRefLink run={run} /> : <a className="mono" href={formatRoute({ page: 'run', runId: v.run_id })} title={v.run_id}>{v.run_id.slice(0, 12)}</a>;
}
