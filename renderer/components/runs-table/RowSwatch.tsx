import { useCallback, useRef, useState, type SyntheticEvent } from 'react';
import { runColor, usePickedRunColor } from '../run-colors/run-colors';
import { RunColorPicker } from '../run-colors/RunColorPicker';
import '../run-colors/run-colors.css';

const stop = (e: SyntheticEvent) => e.stopPropagation();

/**
 * A run's colour dot in a table row; a click opens the colour picker. Rows are recycled (after a
 * scroll the same button shows another run), so the picker is open for one run id: it closes
 * when its row shows another run, and never edits a run it was not opened for. Not in the tab
 * order (the grid's rows are walked with the keys). The table holds the colours of the runs on
 * screen itself (holdRunInView, once per render).
 */
export function RowSwatch({ runId }: { runId: string }) {
  const picked = usePickedRunColor(runId);
  const [openFor, setOpenFor] = useState<string | null>(null);
  const button = useRef<HTMLButtonElement>(null);
  const close = useCallback(() => setOpenFor(null), []);
  const open = openFor === runId;
  const color = picked ?? runColor(runId);
  return (
    <>
      <button
        ref={button}
        type="button"
        className="rt-swatch run-swatch-button"
        style={{ background: color }}
        title="Run colour (click to change)"
        aria-label="Run colour"
        aria-haspopup="dialog"
        aria-expanded={open}
        data-color={color}
        tabIndex={-1}
        onClick={(e) => {
          e.stopPropagation();
          e.preventDefault();
          setOpenFor(open ? null : runId);
        }}
        onMouseDown={stop}
        onDoubleClick={stop}
        onKeyDown={stop}
      />
      {open && button.current && <RunColorPicker runId={runId} current={color} picked={picked !== undefined} anchor={button.current} onClose={close} />}
    </>
  );
}
