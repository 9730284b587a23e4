import { memo } from 'react';
import { NAME_COLUMN } from './columns';
import { FIXED_WIDTH, HEADER_HEIGHT, type PlacedColumn } from './layout';
import { isClientSort, type Sort } from './sorting';

const KIND_LABEL = { attribute: '', metric: 'metric', param: 'param', tag: 'tag' } as const;

interface Props {
  cols: PlacedColumn[];
  width: number;
  sort: Sort | null;
  onSort(columnId: string): void;
  /** 'all' | 'some' | 'none' of the shown runs are selected. */
  selection: 'all' | 'some' | 'none';
  onSelectAll(): void;
}

function arrow(sort: Sort | null, id: string): string {
  if (!sort || sort.columnId !== id) return '';
  return sort.desc ? ' ↓' : ' ↑';
}

/** Column titles (click to sort: ascending, descending, default), sticky on vertical scroll. */
export const RunsTableHeader = memo(function RunsTableHeader({ cols, width, sort, onSort, selection, onSelectAll }: Props) {
  const sortTitle = (id: string) => `Sort by this column${sort?.columnId === id && isClientSort(sort) ? ' (sorted in the app: the server cannot order by it)' : ''}`;
  return (
    <div className="rt-header" role="row" style={{ width, height: HEADER_HEIGHT }}>
      <div className="rt-fixed" style={{ width: FIXED_WIDTH }}>
        <label className="rt-check">
          <input
            type="checkbox"
            checked={selection === 'all'}
            ref={(el) => {
              if (el) el.indeterminate = selection === 'some';
            }}
            onChange={onSelectAll}
            aria-label="Select all shown runs"
            data-testid="select-all"
          />
        </label>
        <button type="button" className="rt-head-cell rt-name-head" onClick={() => onSort(NAME_COLUMN.id)} title={sortTitle(NAME_COLUMN.id)} role="columnheader">
          {NAME_COLUMN.label}
          {arrow(sort, NAME_COLUMN.id)}
        </button>
      </div>
      {cols.map(({ column, left, width: w }) => (
        <button
          type="button"
          key={column.id}
          className="rt-head-cell"
          role="columnheader"
          aria-sort={sort?.columnId === column.id ? (sort.desc ? 'descending' : 'ascending') : 'none'}
          style={{ left, width: w }}
          onClick={() => onSort(column.id)}
          title={`${column.id}\n${sortTitle(column.id)}`}
          data-column-id={column.id}
        >
          {KIND_LABEL[column.kind] && <span className="rt-kind">{KIND_LABEL[column.kind]}</span>}
          <span className="rt-head-label">{column.label}</span>
          {arrow(sort, column.id)}
        </button>
      ))}
    </div>
  );
});
