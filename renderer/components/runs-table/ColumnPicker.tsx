import { useMemo, useState } from 'react';
import type { AvailableKeys, Column } from './columns';
import { moveColumn, pickerSections, toggleColumn } from './column-picker-model';
import './column-picker.css';

interface Props {
  keys: AvailableKeys;
  /** The columns shown now, in order. */
  columns: Column[];
  onChange(ids: string[] | null): void;
}

/** Choose and order the table's columns: search all attributes, metrics, params and tags. */
export function ColumnPicker({ keys, columns, onChange }: Props) {
  const [query, setQuery] = useState('');
  const sections = useMemo(() => pickerSections(keys, query), [keys, query]);
  const ids = useMemo(() => columns.map((c) => c.id), [columns]);
  const shown = useMemo(() => new Set(ids), [ids]);
  const allIds = sections.flatMap((s) => s.items.map((i) => i.id));

  return (
    <div className="column-picker">
      <input type="search" autoFocus placeholder="Search columns" value={query} onChange={(e) => setQuery(e.target.value)} aria-label="Search columns" data-testid="column-search" />
      <div className="cp-actions">
        <button type="button" onClick={() => onChange(null)} title="The usual attributes, then metrics, params and user tags (up to 30)">Defaults</button>
        <button type="button" onClick={() => onChange([...ids, ...allIds.filter((id) => !shown.has(id))])} title="Add every column listed below">Add all listed</button>
        <button type="button" onClick={() => onChange(ids.filter((id) => !allIds.includes(id)))} title="Remove every column listed below">Remove listed</button>
        <span className="muted">{ids.length} shown</span>
      </div>
      {query === '' && ids.length > 0 && (
        <section>
          <h4>Shown, in order</h4>
          <ul className="cp-order">
            {columns.map((c) => (
              <li key={c.id}>
                <span title={c.id}>{c.kind === 'attribute' ? c.label : c.id}</span>
                <button type="button" onClick={() => onChange(moveColumn(ids, c.id, -1))} title="Move left" aria-label={`Move ${c.id} left`}>←</button>
                <button type="button" onClick={() => onChange(moveColumn(ids, c.id, 1))} title="Move right" aria-label={`Move ${c.id} right`}>→</button>
                <button type="button" onClick={() => onChange(toggleColumn(ids, c.id))} title="Remove" aria-label={`Remove ${c.id}`}>×</button>
              </li>
            ))}
          </ul>
        </section>
      )}
      {sections.map((s) => (
        <section key={s.kind}>
          <h4>{s.title}</h4>
          <ul>
            {s.items.map((item) => (
              <li key={item.id}>
                <label className="check">
                  <input type="checkbox" checked={shown.has(item.id)} onChange={() => onChange(toggleColumn(ids, item.id))} />
                  <span className={item.system ? 'muted' : ''} title={item.id}>{item.label}</span>
                </label>
              </li>
            ))}
          </ul>
          {s.more > 0 && <p className="muted">{s.more} more: refine the search.</p>}
        </section>
      ))}
      {sections.length === 0 && <p className="muted">No column matches.</p>}
    </div>
  );
}
