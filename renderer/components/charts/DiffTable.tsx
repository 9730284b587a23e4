import { Fragment, useMemo, useState } from 'react';
import type { Run } from '../../../shared/domain/tracking';
import { type DiffSection, diffRows, differing } from './diff';
import { RunSwatch } from '../run-colors/RunSwatch';
import { runMeta } from './run-meta';
import './charts.css';

const TITLES: Record<DiffSection, string> = { params: 'Params', metrics: 'Metrics (latest)', tags: 'Tags' };

/** Params, latest metrics and tags of the runs side by side, runs as columns; by default only what differs (when all is shown, differing rows are marked). */
export function DiffTable({ runs }: { runs: Run[] }) {
  const [onlyDiff, setOnlyDiff] = useState(true);
  const [systemTags, setSystemTags] = useState(false);
  const all = useMemo(() => diffRows(runs, { systemTags }), [runs, systemTags]);
  const rows = onlyDiff ? differing(all) : all;
  const metas = useMemo(() => runs.map(runMeta), [runs]);
  const sections = (['params', 'metrics', 'tags'] as const).map((s) => ({ section: s, rows: rows.filter((r) => r.section === s) }));

  return (
    <div className="diff-table-box" data-testid="diff-table">
      <div className="chart-panel-head">
        <label className="check">
          <input type="checkbox" checked={onlyDiff} onChange={(e) => setOnlyDiff(e.target.checked)} data-testid="only-differences" /> Only differences
        </label>
        <label className="check">
          <input type="checkbox" checked={systemTags} onChange={(e) => setSystemTags(e.target.checked)} /> Show mlflow.* tags
        </label>
        <span className="muted">{differing(all).length} of {all.length} keys differ</span>
      </div>
      {rows.length === 0 ? (
        <p className="muted">{onlyDiff ? 'Every param, metric and tag is the same across these runs.' : 'These runs have no params, metrics or tags.'}</p>
      ) : (
        <div className="diff-table-wrap">
          <table className="diff-table">
            <thead>
              <tr>
                <th scope="col">Key</th>
                {metas.map((m) => (
                  <th key={m.id} scope="col" title={m.id}>
                    <span className="diff-run">
                      <RunSwatch runId={m.id} />
                      <a href={`#/runs/${encodeURIComponent(m.id)}`}>{m.name}</a>
                    </span>
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {sections.filter((s) => s.rows.length > 0).map((s) => (
                <Fragment key={s.section}>
                  <tr className="diff-section"><td colSpan={metas.length + 1}>{TITLES[s.section]} ({s.rows.length})</td></tr>
                  {s.rows.map((r) => (
                    <tr key={`${r.section}:${r.key}`} className={r.differs && !onlyDiff ? 'differs' : ''}>
                      <td title={r.key}>{r.key}</td>
                      {r.values.map((v, i) => (
                        <td key={metas[i]!.id} className={v === null ? 'missing' : ''} title={v ?? 'not set'}>{v ?? '—'}</td>
                      ))}
                    </tr>
                  ))}
                </Fragment>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
