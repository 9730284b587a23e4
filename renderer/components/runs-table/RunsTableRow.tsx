import { memo, type MouseEvent, type ReactNode } from 'react';
import type { RunRemoteState } from '../../../shared/ipc/sync-types';
import { AggregateCell } from './AggregateCell';
import { RowSwatch } from './RowSwatch';
import { SyncIcon } from '../sync/SyncBadge';
import { cellText } from './columns';
import type { GroupRow, RunRow } from './display-rows';
import { formatAggregate } from './grouping';
import { CHECK_WIDTH, INDENT, type FixedBlock, type PlacedColumn, type RowActions } from './layout';
import { formatShort } from './run-values';

/** The DOM id of a row, for the grid's aria-activedescendant. */
export const rowDomId = (key: string) => `rt-row-${key}`;

/** A cell whose column's values are being read: a placeholder, never an empty cell that looks like no value. */
const PENDING: ReactNode = <span className="rt-pending" aria-label="loading" data-testid="cell-pending" />;

interface RunRowProps {
  row: RunRow;
  top: number;
  height: number;
  width: number;
  fixed: FixedBlock;
  cols: PlacedColumn[];
  /** The keyboard cursor is on this row (drawn only while the grid has the focus). */
  cursor: boolean;
  selected: boolean;
  pinned: boolean;
  hidden: boolean;
  now: number;
  sync?: RunRemoteState[] | undefined;
  /** Columns whose values are being read. */
  pending: ReadonlySet<string>;
  actions: RowActions;
}

/**
 * One run: checkbox, name (colour, nesting, pin/hide) fixed on the left, then the visible cells.
 * Text only, and cheap to update (the table keys rows by slot, so a row coming into view
 * rewrites a row that left: ~35 a frame while scrolling fast): no effects, no refs, no layout
 * reads; the grid body is one tab stop, so every control is tabIndex -1.
 */
export const RunRowView = memo(function RunRowView({ row, top, height, width, fixed, cols, cursor, selected, pinned, hidden, now, sync, pending, actions }: RunRowProps) {
  const r = row.record;
  const onCheck = (e: MouseEvent) => actions.toggleSelected(r.id, e.shiftKey);
  const onOpen = (e: MouseEvent) => {
    if (e.metaKey || e.ctrlKey || e.shiftKey || e.button !== 0) return;
    e.preventDefault();
    actions.openRun(r.id);
  };
  const cells = (placed: PlacedColumn[], pinnedCells: boolean) =>
    placed.map(({ column, left, width: w }) => {
      if (pending.size && pending.has(column.id)) {
        return (
          <div key={column.id} className={`rt-cell rt-${column.kind}${pinnedCells ? ' rt-pinned-cell' : ''}`} style={{ left, width: w }} data-col={column.id} aria-busy="true">
            {PENDING}
          </div>
        );
      }
      const text = cellText(r, column, now);
      const status = column.key === 'status' && column.kind === 'attribute' ? ` status-${r.status}` : '';
      return (
        <div key={column.id} className={`rt-cell rt-${column.kind}${status}${pinnedCells ? ' rt-pinned-cell' : ''}`} style={{ left, width: w }} data-col={column.id}>
          {row.aggregates && column.kind === 'metric' ? <AggregateCell agg={row.aggregates[column.key] ?? null} text={text} onReveal={row.expanded ? undefined : () => actions.toggleExpanded(r.id)} /> : text}
        </div>
      );
    });
  const cls = `rt-row${selected ? ' selected' : ''}${pinned ? ' pinned' : ''}${hidden ? ' is-hidden' : ''}${r.deleted ? ' is-deleted' : ''}${cursor ? ' cursor' : ''}`;
  return (
    <div
      id={rowDomId(row.key)}
      className={cls}
      role="row"
      aria-selected={selected}
      data-testid="run-row"
      data-run-id={r.id}
      data-row-key={row.key}
      style={{ transform: `translateY(${top}px)`, height, width }}
    >
      <div className="rt-fixed" style={{ width: fixed.width }}>
        {/* a light checkbox: thousands of rows scroll past, and React tracks every real <input> */}
        <button type="button" role="checkbox" className="rt-check" aria-checked={selected} onClick={onCheck} aria-label={`Select run ${r.name}`} data-testid="run-select" tabIndex={-1} />
        <div className="rt-name" style={{ paddingLeft: row.depth * INDENT, width: fixed.nameWidth }}>
          {row.childCount > 0 ? (
            <button type="button" className="rt-expander" tabIndex={-1} onClick={() => actions.toggleExpanded(r.id)} aria-expanded={row.expanded} title={`${row.childCount} nested run${row.childCount === 1 ? '' : 's'}`}>
              {row.expanded ? '▾' : '▸'}
              <span className="rt-child-count">{row.childCount}</span>
            </button>
          ) : (
            <span className="rt-expander-space" />
          )}
          <RowSwatch runId={r.id} />
          <a href={`#/runs/${encodeURIComponent(r.id)}`} tabIndex={-1} onClick={onOpen} title={r.name} data-testid="run-name">
            {r.name}
          </a>
          <SyncIcon states={sync} />
          <span className="rt-row-tools">
            <button type="button" tabIndex={-1} className={pinned ? 'on' : ''} onClick={() => actions.setPinned(r.id, !pinned)} title={pinned ? 'Unpin' : 'Pin to the top'} aria-pressed={pinned}>
              {pinned ? '★' : '☆'}
            </button>
            <button type="button" tabIndex={-1} onClick={() => actions.setHidden(r.id, !hidden)} title={hidden ? 'Show again' : 'Hide this run'}>
              {hidden ? '◉' : '⊘'}
            </button>
          </span>
        </div>
        {cells(fixed.pinned, true)}
      </div>
      {cells(cols, false)}
    </div>
  );
});

interface GroupRowProps {
  row: GroupRow;
  top: number;
  height: number;
  width: number;
  fixed: FixedBlock;
  cols: PlacedColumn[];
  cursor: boolean;
  /** Columns whose values are being read. */
  pending: ReadonlySet<string>;
  actions: RowActions;
}

/** A group's summary: its value and size on the left, min/mean/max under every metric column. */
export const GroupRowView = memo(function GroupRowView({ row, top, height, width, fixed, cols, cursor, pending, actions }: GroupRowProps) {
  const cells = (placed: PlacedColumn[], pinnedCells: boolean) =>
    placed.map(({ column, left, width: w }) => {
      if (pending.size && pending.has(column.id)) {
        return (
          <div key={column.id} className={`rt-cell rt-agg${pinnedCells ? ' rt-pinned-cell' : ''}`} style={{ left, width: w }} data-col={column.id} aria-busy="true">
            {PENDING}
          </div>
        );
      }
      const agg = column.kind === 'metric' ? row.aggregates[column.key] : null;
      return (
        <div key={column.id} className={`rt-cell rt-agg${pinnedCells ? ' rt-pinned-cell' : ''}`} style={{ left, width: w }} title={agg ? formatAggregate(agg) : undefined} data-col={column.id}>
          {column.id === row.column.id && <span>{row.value ?? ''}</span>}
          {agg && (
            <>
              <span className="rt-agg-mean">μ {formatShort(agg.mean)}</span>
              <span className="rt-agg-range">
                {formatShort(agg.min)} – {formatShort(agg.max)}
              </span>
            </>
          )}
        </div>
      );
    });
  return (
    <div
      id={rowDomId(row.key)}
      className={`rt-row rt-group${cursor ? ' cursor' : ''}`}
      role="row"
      data-testid="group-row"
      data-row-key={row.key}
      style={{ transform: `translateY(${top}px)`, height, width }}
    >
      <div className="rt-fixed" style={{ width: fixed.width }}>
        <button type="button" className="rt-group-toggle" tabIndex={-1} style={{ width: fixed.nameWidth + CHECK_WIDTH }} onClick={() => actions.toggleGroup(row.key)} aria-expanded={!row.collapsed}>
          <span>{row.collapsed ? '▸' : '▾'}</span>
          <span className="rt-group-label">
            {row.column.label} = {row.value ?? '(none)'}
          </span>
          <span className="muted">
            {row.count} run{row.count === 1 ? '' : 's'}
          </span>
        </button>
        {cells(fixed.pinned, true)}
      </div>
      {cells(cols, false)}
    </div>
  );
});
