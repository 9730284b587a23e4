import { useMemo } from 'react';
import { parseDelimited } from '../delimited';

/** CSV/TSV as a table: the first 1,000 rows, with the row count. Cells are React text. */
export function TableViewer({ text, delimiter, truncated }: { text: string; delimiter?: string; truncated: boolean }) {
  const table = useMemo(() => parseDelimited(text, { ...(delimiter ? { delimiter } : {}), truncated }), [text, delimiter, truncated]);
  const count = table.totalRows.toLocaleString();
  return (
    <div className="table-view">
      <p className="viewer-note">
        {table.rows.length < table.totalRows ? `First ${table.rows.length.toLocaleString()} of ${count}${truncated ? '+' : ''} rows` : `${count}${truncated ? '+' : ''} rows`}
        {' · '}
        {table.header.length} columns{truncated ? ' · counted in the part of the file read' : ''}
      </p>
      {table.errors.length > 0 && <p className="viewer-note">Parse warnings: {table.errors.join('; ')}</p>}
      <div className="table-scroll">
        <table className="data-table">
          <thead>
            <tr>
              <th className="row-number">#</th>
              {table.header.map((h, i) => (
                <th key={i}>{h}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {table.rows.map((row, r) => (
              <tr key={r}>
                <td className="row-number">{r + 1}</td>
                {row.map((cell, c) => (
                  <td key={c}>{cell}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
