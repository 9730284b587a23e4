import { useState, type DragEvent, type KeyboardEvent as ReactKeyboardEvent, type MouseEvent as ReactMouseEvent, type PointerEvent as ReactPointerEvent } from 'react';
import type { Column } from './columns';
import { headerTitle, sortArrow } from './header-title';
import type { Sort } from './sorting';

const KIND_LABEL = { attribute: '', metric: 'metric', param: 'param', tag: 'tag' } as const;
const DRAG_TYPE = 'application/x-sextant-column';

/** What one header cell can ask of the table. */
export interface HeaderActions {
  sort(columnId: string): void;
  resize(columnId: string, width: number): void;
  autoFit(columnId: string): void;
  setPinned(columnId: string, pinned: boolean): void;
  /** A header dropped on another: `moved` takes `target`'s place. */
  reorder(moved: string, target: string): void;
  openMenu(columnId: string, x: number, y: number): void;
}

/** Starts a width drag on the edge; the width follows the pointer until it is released. */
function startResize(e: ReactPointerEvent<HTMLElement>, width: number, onWidth: (w: number) => void) {
  if (e.button !== 0) return;
  e.preventDefault();
  e.stopPropagation();
  const handle = e.currentTarget;
  const startX = e.clientX;
  handle.setPointerCapture(e.pointerId);
  const move = (ev: PointerEvent) => onWidth(width + ev.clientX - startX);
  const up = () => {
    handle.removeEventListener('pointermove', move);
    handle.removeEventListener('pointerup', up);
    handle.removeEventListener('pointercancel', up);
  };
  handle.addEventListener('pointermove', move);
  handle.addEventListener('pointerup', up);
  handle.addEventListener('pointercancel', up);
}

interface ResizeHandleProps {
  columnId: string;
  width: number;
  actions: HeaderActions;
}

/** The draggable right edge of a header cell. */
export function ResizeHandle({ columnId, width, actions }: ResizeHandleProps) {
  return (
    <span
      className="rt-resize"
      aria-hidden="true"
      data-testid="column-resize"
      onPointerDown={(e) => startResize(e, width, (w) => actions.resize(columnId, w))}
      onClick={(e) => e.stopPropagation()}
      onDoubleClick={(e) => {
        e.stopPropagation();
        actions.autoFit(columnId);
      }}
    />
  );
}

interface Props {
  column: Column;
  left: number;
  width: number;
  sort: Sort | null;
  /** The sort is chosen but the rows are not in its order yet (its values being read, or the rows being ordered). */
  sortPending?: boolean;
  pinned: boolean;
  /** The header row's one tab stop. */
  tabbable: boolean;
  actions: HeaderActions;
  onKeyDown(e: ReactKeyboardEvent): void;
}

/** One column title: sort on click, drag to reorder, resize by its edge, pin from its button or menu. */
export function HeaderCell({ column, left, width, sort, sortPending = false, pinned, tabbable, actions, onKeyDown }: Props) {
  const busy = sortPending && sort?.columnId === column.id;
  const [dropHere, setDropHere] = useState(false);
  // the title is what drags (the edge beside it resizes)
  const onDragStart = (e: DragEvent) => {
    e.dataTransfer.setData(DRAG_TYPE, column.id);
    e.dataTransfer.effectAllowed = 'move';
  };
  const accepts = (e: DragEvent) => e.dataTransfer.types.includes(DRAG_TYPE);
  const onContextMenu = (e: ReactMouseEvent) => {
    e.preventDefault();
    actions.openMenu(column.id, e.clientX, e.clientY);
  };
  return (
    <div
      className={`rt-head-cell${pinned ? ' is-pinned' : ''}${dropHere ? ' drop-here' : ''}`}
      role="columnheader"
      aria-sort={sort?.columnId === column.id ? (sort.desc ? 'descending' : 'ascending') : 'none'}
      aria-busy={busy || undefined}
      style={{ left, width }}
      data-column-id={column.id}
      data-sort-pending={busy || undefined}
      onDragOver={(e) => {
        if (!accepts(e)) return;
        e.preventDefault();
        e.dataTransfer.dropEffect = 'move';
        setDropHere(true);
      }}
      onDragLeave={() => setDropHere(false)}
      onDrop={(e) => {
        setDropHere(false);
        const moved = e.dataTransfer.getData(DRAG_TYPE);
        if (!moved) return;
        e.preventDefault();
        actions.reorder(moved, column.id);
      }}
      onContextMenu={onContextMenu}
    >
      <button type="button" className="rt-head-sort" draggable onDragStart={onDragStart} onClick={() => actions.sort(column.id)} title={headerTitle(column, sort)} tabIndex={tabbable ? 0 : -1} data-head-id={column.id} onKeyDown={onKeyDown}>
        {KIND_LABEL[column.kind] && <span className="rt-kind">{KIND_LABEL[column.kind]}</span>}
        <span className="rt-head-line">
          <span className="rt-head-label">{column.label}</span>
          {sortArrow(sort, column.id)}
          {busy && <span className="rt-head-busy" title="Sorting: reading this column's values" data-testid="sort-pending">…</span>}
        </span>
      </button>
      <button
        type="button"
        className={`rt-head-pin${pinned ? ' on' : ''}`}
        tabIndex={-1}
        onClick={() => actions.setPinned(column.id, !pinned)}
        title={pinned ? 'Unpin this column' : 'Pin this column to the left, beside the run name'}
        aria-label={pinned ? `Unpin ${column.id}` : `Pin ${column.id}`}
        aria-pressed={pinned}
        data-testid="column-pin"
      >
        ⇤
      </button>
      <ResizeHandle columnId={column.id} width={width} actions={actions} />
    </div>
  );
}
