import { useEffect, useRef, useState, type ReactNode } from 'react';

interface Props {
  label: ReactNode;
  title: string;
  testId?: string;
  disabled?: boolean;
  /** Renders the panel; `close` shuts it. */
  children: (close: () => void) => ReactNode;
}

/** A button with a panel under it; the panel closes on Esc or a click elsewhere. */
export function Popover({ label, title, testId, disabled, children }: Props) {
  const [open, setOpen] = useState(false);
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!open) return;
    const onDown = (e: MouseEvent) => {
      if (ref.current && !ref.current.contains(e.target as Node)) setOpen(false);
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') {
        e.stopPropagation();
        setOpen(false);
      }
    };
    document.addEventListener('mousedown', onDown);
    document.addEventListener('keydown', onKey, true);
    return () => {
      document.removeEventListener('mousedown', onDown);
      document.removeEventListener('keydown', onKey, true);
    };
  }, [open]);
  return (
    <div className="rt-popover-anchor" ref={ref}>
      <button type="button" onClick={() => setOpen((o) => !o)} title={title} aria-expanded={open} disabled={disabled} data-testid={testId ? `${testId}-button` : undefined}>
        {label}
      </button>
      {open && (
        <div className="rt-popover" role="dialog" aria-label={title} data-testid={testId}>
          {children(() => setOpen(false))}
        </div>
      )}
    </div>
  );
}
