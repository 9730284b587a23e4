import type { CompareColumn } from '../../state/registry-compare-store';
import { formatRoute } from '../../state/route';
import { AliasChips } from './AliasChips';
import { StageBadge } from './StageBadge';

/** A row of the comparison: a label and one cell per version (null: absent there). */
export interface TableRow {
  key: string;
  label: string;
  cells: (string | null)[];
  differs: boolean;
}

export interface TableSection {
  title: string;
  rows: TableRow[];
  /** Shown when the section has no rows at all. */
  empty: string;
}

function Head({ name, column }: { name: string; column: CompareColumn }) {
  const v = column.details?.version;
  return (
    <th className="compare-head-cell">
      <div className="compare-head">
        <a href={formatRoute({ page: 'version', name, version: column.version })}>Version {column.version}</a>
        {v && <StageBadge stage={v.current_stage} />}
        {v && <AliasChips aliases={(v.aliases ?? []).map((alias) => ({ alias }))} />}
        {v?.run_id && <a className="sub" href={formatRoute({ page: 'run', runId: v.run_id })}>{column.run?.info.run_name ?? v.run_id.slice(0, 12)}</a>}
        {column.error && <span className="error-note">{column.error}</span>}
      </div>
    </th>
  );
}

/** Versions side by side: one column each, sections of rows, differing cells marked. */
export function CompareTable({ name, columns, sections }: { name: string; columns: readonly CompareColumn[]; sections: readonly TableSection[] }) {
  return (
    <table className="reg-table compare-section" data-testid="compare-versions-table">
      <thead>
        <tr>
          <th />
          {columns.map((c) => <Head key={c.version} name={name} column={c} />)}
        </tr>
      </thead>
      <tbody>
        {sections.map((section) => [
          <tr key={`h-${section.title}`}>
            <th colSpan={columns.length + 1}>{section.title}</th>
          </tr>,
          section.rows.length === 0 ? (
            <tr key={`e-${section.title}`}>
              <td colSpan={columns.length + 1} className="missing">{section.empty}</td>
            </tr>
          ) : (
            section.rows.map((row) => (
              <tr key={`${section.title}-${row.key}`} data-testid="compare-row" data-differs={row.differs}>
                <th className="wrap">{row.label}</th>
                {row.cells.map((cell, i) => (
                  <td key={i} className={`mono ${cell === null ? 'missing' : ''} ${row.differs ? 'differs' : ''}`}>{cell ?? '—'}</td>
                ))}
              </tr>
            ))
          ),
        ])}
      </tbody>
    </table>
  );
}
