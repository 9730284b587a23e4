import { downloadBlob } from '../download';
import { buildAllRunsCsv, buildRunsCsv } from './csv';
import { Popover } from './Popover';
import type { Sort } from './sorting';
import type { RunsTableModel } from './use-runs-table-model';

interface Props {
  model: RunsTableModel;
  sort: Sort | null;
  /** What the file is called: `<fileBase>-runs.csv`. */
  fileBase: string;
}

const n = (x: number) => x.toLocaleString();
const csvBlob = (text: string) => new Blob([text], { type: 'text/csv;charset=utf-8' });

/**
 * Export CSV, either way, each saying what it holds: every run the query matched (nested runs
 * folded under a collapsed parent too, with their parent's id), or the rows as the table shows them.
 */
export function ExportCsvMenu({ model, sort, fileBase }: Props) {
  const all = model.records.length;
  const shown = model.rows.length;
  return (
    <Popover label="Export CSV ▾" title="Download runs as CSV" testId="export-csv" disabled={all === 0}>
      {(close) => (
        <div className="rt-export-menu">
          <button
            type="button"
            data-testid="export-csv-all"
            onClick={() => {
              downloadBlob(`${fileBase}-runs.csv`, csvBlob(buildAllRunsCsv(model.records, model.columns, sort, Date.now())));
              close();
            }}
          >
            <strong>All {n(all)} matching run{all === 1 ? '' : 's'}</strong>
            <span className="muted">Nested runs too, each with its parent's id and depth; parents before their runs</span>
          </button>
          <button
            type="button"
            data-testid="export-csv-shown"
            disabled={shown === 0}
            onClick={() => {
              downloadBlob(`${fileBase}-runs-shown.csv`, csvBlob(buildRunsCsv(model.rows, model.columns, Date.now())));
              close();
            }}
          >
            <strong>As shown ({n(shown)} row{shown === 1 ? '' : 's'})</strong>
            <span className="muted">The rows and columns the table shows now, collapsed runs left out</span>
          </button>
        </div>
      )}
    </Popover>
  );
}
