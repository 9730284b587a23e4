import { useEffect, useMemo, useState } from 'react';
import { useApp } from '../app-context';
import { CompareTable, type TableSection } from '../components/registry/CompareTable';
import { compareRows, onlyDiffering, type CompareRow } from '../components/registry/compare-rows';
import { diffSchemas, type SchemaDiffRow } from '../components/registry/schema-diff';
import { readVersionMlmodel } from '../components/registry/version-mlmodel';
import { createCompareVersionsStore, useCompareVersions } from '../state/registry-compare-store';
import '../components/registry/registry.css';

const fromRun = (r: CompareRow) => ({ key: r.key, label: r.key, cells: r.cells, differs: r.differs });
const fromSchema = (r: SchemaDiffRow) => ({ key: `${r.part}:${r.name}`, label: `${r.part.slice(0, -1)} ${r.name}`, cells: r.cells, differs: r.differs });

/** Versions of one model side by side: their source runs' params and metrics, and their signatures. */
export function CompareVersionsPage({ name, versions }: { name: string; versions: string[] }) {
  const { api } = useApp();
  const [store] = useState(() => createCompareVersionsStore(api, name, versions));
  useEffect(() => store.getState().watch(), [store]);
  const columns = useCompareVersions(store, (s) => s.columns);
  const status = useCompareVersions(store, (s) => s.status);
  const [onlyDiff, setOnlyDiff] = useState(false);

  const sections = useMemo((): TableSection[] => {
    const runRows = compareRows(columns.map((c) => c.run));
    const signatures = columns.map((c) => {
      const parsed = readVersionMlmodel(c.details?.mlmodel ?? null);
      return parsed?.ok ? parsed.info.signature : null;
    });
    const pick = <T extends { differs: boolean }>(rows: T[]) => (onlyDiff ? onlyDiffering(rows) : rows);
    const none = (what: string) => (onlyDiff ? `No differences in ${what}.` : `No ${what}.`);
    return [
      { title: 'Params', rows: pick(runRows.filter((r) => r.section === 'params')).map(fromRun), empty: none('params') },
      { title: 'Metrics', rows: pick(runRows.filter((r) => r.section === 'metrics')).map(fromRun), empty: none('metrics') },
      { title: 'Schema', rows: pick(diffSchemas(signatures)).map(fromSchema), empty: onlyDiff ? 'The signatures are the same.' : 'No signatures.' },
    ];
  }, [columns, onlyDiff]);

  return (
    <section className="page registry-page" data-testid="compare-versions-page">
      <div className="reg-crumbs">
        <a href="#/models">Models</a> / <a href={`#/models/${encodeURIComponent(name)}`}>{name}</a> /
      </div>
      <div className="reg-head">
        <h1>Compare {versions.length} versions</h1>
        <label className="check">
          <input type="checkbox" data-testid="only-differences" checked={onlyDiff} onChange={(e) => setOnlyDiff(e.target.checked)} /> Only differences
        </label>
      </div>
      {status === 'loading' ? <p className="muted">Loading versions…</p> : <CompareTable name={name} columns={columns} sections={sections} />}
    </section>
  );
}
