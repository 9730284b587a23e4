import { useCallback, useLayoutEffect, useRef, useState, type SyntheticEvent } from 'react';
import { holdRunInView, runColor, usePickedRunColor } from './run-colors';
import { RunColorPicker } from './RunColorPicker';
import './run-colors.css';

const stop = (e: SyntheticEvent) => e.stopPropagation();

/**
 * The dot of a run's colour, as the table and legends show it; a click opens the colour picker.
 * Cheap for thousands of rows: one small subscription (this run's pick), a count of the runs on
 * screen kept up on mount and unmount, the picker only when open.
 */
export function RunSwatch({ runId, large = false }: { runId: string; /** The run page's header: a bigger, square dot. */ large?: boolean }) {
  // while shown, no other run is given this run's colour (a layout effect: in the render's own task)
  useLayoutEffect(() => holdRunInView(runId), [runId]);
  return <SwatchButton runId={runId} large={large} />;
}

/**
 * The swatch without its hold on the run's colour: for lists that hold the runs they show
 * themselves (the runs table, once per render, not an effect per row). Not in the tab order
 * with `untabbable` (the table's rows are walked with the keys).
 */
export function SwatchButton({ runId, large = false, untabbable = false }: { runId: string; large?: boolean; untabbable?: boolean }) {
  const picked = usePickedRunColor(runId);
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const close = useCallback(() => setOpen(false), []);
  const color = picked ?? runColor(runId);
  return (
    <>
      <button
        ref={button}
        type="button"
        className={`rt-swatch run-swatch-button${large ? ' large' : ''}`}
        style={{ background: color }}
        title="Run colour (click to change)"
        aria-label="Run colour"
        aria-haspopup="dialog"
        aria-expanded={open}
        data-color={color}
        tabIndex={untabbable ? -1 : undefined}
        onClick={(e) => {
          e.stopPropagation();
          e.preventDefault();
          setOpen((o) => !o);
        }}
        onMouseDown={stop}
        onDoubleClick={stop}
        onKeyDown={stop}
      />
      {open && button.current && <RunColorPicker runId={runId} current={color} picked={picked !== undefined} anchor={button.current} onClose={close} />}
    </>
  );
}
