import { memo, type MouseEvent } from 'react';
import type { RunRemoteState } from '../../../shared/ipc/sync-types';
import { RunSwatch } from '../RunSwatch';
import { AggregateCell } from './AggregateCell';
import { SyncIcon } from '../sync/SyncBadge';
import { cellText } from './columns';
import type { GroupRow, RunRow } from './display-rows';
import { formatAggregate } from './grouping';
import { FIXED_WIDTH, INDENT, type PlacedColumn, type RowActions } from './layout';
import { formatShort } from './run-values';

interface RunRowProps {
  row: RunRow;
  top: number;
  height: number;
  width: number;
  cols: PlacedColumn[];
  selected: boolean;
  pinned: boolean;
  hidden: boolean;
  now: number;
  sync?: RunRemoteState[] | undefined;
  actions: RowActions;
}

/** One run: checkbox, name (colour, nesting, pin/hide) fixed on the left, then the visible cells. Text only. */
export const RunRowView = memo(function RunRowView({ row, top, height, width, cols, selected, pinned, hidden, now, sync, actions }: RunRowProps) {
  const r = row.record;
  const onCheck = (e: MouseEvent) => actions.toggleSelected(r.id, e.shiftKey);
  const onOpen = (e: MouseEvent) => {
    if (e.metaKey || e.ctrlKey || e.shiftKey || e.button !== 0) return;
    e.preventDefault();
    actions.openRun(r.id);
  };
  const cls = `rt-row${selected ? ' selected' : ''}${pinned ? ' pinned' : ''}${hidden ? ' is-hidden' : ''}${r.deleted ? ' is-deleted' : ''}`;
  return (
    <div className={cls} role="row" aria-selected={selected} data-testid="run-row" data-run-id={r.id} style={{ transform: `translateY(${top}px)`, height, width }}>
      <div className="rt-fixed" style={{ width: FIXED_WIDTH }}>
        {/* a light checkbox: thousands of rows scroll past, and React tracks every real <input> */}
        <button type="button" role="checkbox" className="rt-check" aria-checked={selected} onClick={onCheck} aria-label={`Select run ${r.name}`} data-testid="run-select" />
        <div className="rt-name" style={{ paddingLeft: row.depth * INDENT }}>
          {row.childCount > 0 ? (
            <button type="button" className="rt-expander" onClick={() => actions.toggleExpanded(r.id)} aria-expanded={row.expanded} title={`${row.childCount} nested run${row.childCount === 1 ? '' : 's'}`}>
              {row.expanded ? '▾' : '▸'}
              <span className="rt-child-count">{row.childCount}</span>
            </button>
          ) : (
            <span className="rt-expander-space" />
          )}
          <RunSwatch runId={r.id} />
          <a href={`#/runs/${encodeURIComponent(r.id)}`} onClick={onOpen} title={r.name} data-testid="run-name">
            {r.name}
          </a>
          <SyncIcon states={sync} />
          <span className="rt-row-tools">
            <button type="button" className={pinned ? 'on' : ''} onClick={() => actions.setPinned(r.id, !pinned)} title={pinned ? 'Unpin' : 'Pin to the top'} aria-pressed={pinned}>
              {pinned ? '★' : '☆'}
            </button>
            <button type="button" onClick={() => actions.setHidden(r.id, !hidden)} title={hidden ? 'Show again' : 'Hide this run'}>
              {hidden ? '◉' : '⊘'}
            </button>
          </span>
        </div>
      </div>
      {cols.map(({ column, left, width: w }) => {
        const text = cellText(r, column, now);
        return (
          <div key={column.id} className={`rt-cell rt-${column.kind}${column.key === 'status' && column.kind === 'attribute' ? ` status-${r.status}` : ''}`} style={{ left, width: w }}>
            {row.aggregates && column.kind === 'metric' ? <AggregateCell agg={row.aggregates[column.key] ?? null} text={text} /> : text}
          </div>
        );
      })}
    </div>
  );
});

interface GroupRowProps {
  row: GroupRow;
  top: number;
  height: number;
  width: number;
  cols: PlacedColumn[];
  actions: RowActions;
}

/** A group's summary: its value and size on the left, min/mean/max under every metric column. */
export const GroupRowView = memo(function GroupRowView({ row, top, height, width, cols, actions }: GroupRowProps) {
  return (
    <div className="rt-row rt-group" role="row" data-testid="group-row" style={{ transform: `translateY(${top}px)`, height, width }}>
      <div className="rt-fixed" style={{ width: FIXED_WIDTH }}>
        <button type="button" className="rt-group-toggle" onClick={() => actions.toggleGroup(row.key)} aria-expanded={!row.collapsed}>
          <span>{row.collapsed ? '▸' : '▾'}</span>
          <span className="rt-group-label">
            {row.column.label} = {row.value ?? '(none)'}
          </span>
          <span className="muted">
            {row.count} run{row.count === 1 ? '' : 's'}
          </span>
        </button>
      </div>
      {cols.map(({ column, left, width: w }) => {
        const agg = column.kind === 'metric' ? row.aggregates[column.key] : null;
        return (
          <div key={column.id} className="rt-cell rt-agg" style={{ left, width: w }} title={agg ? formatAggregate(agg) : undefined}>
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
      })}
    </div>
  );
});
