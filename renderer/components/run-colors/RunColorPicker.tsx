import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import { PICKABLE_COLORS, pickRunColor, resetRunColor } from './run-colors';

interface Props {
  runId: string;
  /** The colour the run shows now. */
  current: string;
  /** Whether `current` was picked (Reset has something to undo). */
  picked: boolean;
  /** What the picker opens next to. */
  anchor: HTMLElement;
  onClose: () => void;
}

const WIDTH = 196;

/** Where the panel goes: under the anchor, kept inside the window. */
function placeNear(anchor: HTMLElement, height: number): { left: number; top: number } {
  const r = anchor.getBoundingClientRect();
  const left = Math.max(4, Math.min(r.left - 6, window.innerWidth - WIDTH - 4));
  const below = r.bottom + 6;
  const top = below + height > window.innerHeight - 4 ? Math.max(4, r.top - height - 6) : below;
  return { left, top };
}

/**
 * A run's colour: the palette, any colour (the browser's colour input) and Reset. Rendered in
 * document.body (rows are transformed and clipped); closes on Esc or a click elsewhere.
 */
export function RunColorPicker({ runId, current, picked, anchor, onClose }: Props) {
  const panel = useRef<HTMLDivElement>(null);
  const [at, setAt] = useState<{ left: number; top: number } | null>(null);
  useLayoutEffect(() => {
    const place = () => setAt(placeNear(anchor, panel.current?.offsetHeight ?? 120));
    place();
    // follow the swatch when the window is resized or what holds it scrolls
    window.addEventListener('resize', place);
    document.addEventListener('scroll', place, true);
    return () => {
      window.removeEventListener('resize', place);
      document.removeEventListener('scroll', place, true);
    };
  }, [anchor]);
  useEffect(() => {
    const onDown = (e: MouseEvent) => {
      const t = e.target as Node;
      if (!panel.current?.contains(t) && !anchor.contains(t)) onClose();
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape') return;
      e.stopPropagation();
      onClose();
      anchor.focus();
    };
    document.addEventListener('mousedown', onDown);
    document.addEventListener('keydown', onKey, true);
    return () => {
      document.removeEventListener('mousedown', onDown);
      document.removeEventListener('keydown', onKey, true);
    };
  }, [anchor, onClose]);

  const choose = (color: string) => {
    pickRunColor(runId, color);
    onClose();
  };
  return createPortal(
    <div
      ref={panel}
      className="run-color-picker"
      role="dialog"
      aria-label="Run colour"
      data-testid="run-color-picker"
      style={{ left: at?.left ?? 0, top: at?.top ?? 0, width: WIDTH, visibility: at ? 'visible' : 'hidden' }}
      onClick={(e) => e.stopPropagation()}
    >
      <div className="run-color-grid">
        {PICKABLE_COLORS.map((c) => (
          <button
            key={c}
            type="button"
            className={`run-color-choice${c === current ? ' current' : ''}`}
            style={{ background: c }}
            title={c}
            aria-label={`Colour ${c}`}
            aria-pressed={c === current}
            onClick={() => choose(c)}
            data-testid="run-color-choice"
          />
        ))}
      </div>
      <div className="run-color-foot">
        <label className="run-color-custom">
          <input type="color" value={current} onChange={(e) => pickRunColor(runId, e.target.value)} data-testid="run-color-input" />
          <span>Other…</span>
        </label>
        <button type="button" onClick={() => { resetRunColor(runId); onClose(); }} disabled={!picked} data-testid="run-color-reset">
          Reset
        </button>
      </div>
    </div>,
    document.body,
  );
}
