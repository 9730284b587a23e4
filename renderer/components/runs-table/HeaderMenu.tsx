import { useEffect, useRef } from 'react';

export interface HeaderMenuItem {
  label: string;
  run(): void;
  disabled?: boolean;
}

interface Props {
  x: number;
  y: number;
  title: string;
  items: HeaderMenuItem[];
  onClose(): void;
}

/** A column header's context menu, where it was right-clicked; closes on Esc, a pick or a click elsewhere. */
export function HeaderMenu({ x, y, title, items, onClose }: Props) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    ref.current?.querySelector<HTMLElement>('button:not(:disabled)')?.focus({ preventScroll: true });
    const onDown = (e: MouseEvent) => {
      if (ref.current && !ref.current.contains(e.target as Node)) onClose();
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') {
        e.stopPropagation();
        onClose();
      }
    };
    document.addEventListener('mousedown', onDown);
    document.addEventListener('keydown', onKey, true);
    return () => {
      document.removeEventListener('mousedown', onDown);
      document.removeEventListener('keydown', onKey, true);
    };
  }, [onClose]);
  // kept inside the window
  const left = Math.max(4, Math.min(x, window.innerWidth - 220));
  const top = Math.max(4, Math.min(y, window.innerHeight - 40 - items.length * 28));
  return (
    <div className="rt-header-menu" role="menu" aria-label={title} style={{ left, top }} ref={ref} data-testid="column-menu">
      <div className="rt-header-menu-title">{title}</div>
      {items.map((item) => (
        <button
          key={item.label}
          type="button"
          role="menuitem"
          disabled={item.disabled}
          onClick={() => {
            onClose();
            item.run();
          }}
        >
          {item.label}
        </button>
      ))}
    </div>
  );
}
