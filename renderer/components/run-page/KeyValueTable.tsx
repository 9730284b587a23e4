import type { KeyValue } from '../../../shared/domain/tracking';

/** Keys and their values, two columns that wrap long text within the page's column. */
export function KeyValueTable({ rows }: { rows: readonly KeyValue[] }) {
  return (
    <table className="kv-table wide">
      <colgroup>
        <col className="key-col" />
        <col />
      </colgroup>
      <tbody>
        {rows.map((r) => (
          <tr key={r.key}>
            <th>{r.key}</th>
            <td className="value">{r.value}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
