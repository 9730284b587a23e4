import { useLayoutEffect, useRef } from 'react';
import type { LogBuffer } from '../../state/project-log-buffer';
import './projects.css';

interface Props {
  log: LogBuffer;
  testId: string;
  /** Shown while nothing was written yet. */
  empty: string;
  label: string;
  /** Where the whole output is, said when earlier lines were dropped. */
  keptIn?: string;
}

/**
 * A process's output as it streams: monospace, the newest line in view. It follows the end only
 * while the person is at the end, so scrolling up to read an earlier line is not undone.
 */
export function LogView({ log, testId, empty, label, keptIn }: Props) {
  const ref = useRef<HTMLPreElement>(null);
  const atEnd = useRef(true);
  useLayoutEffect(() => {
    const el = ref.current;
    if (el && atEnd.current) el.scrollTop = el.scrollHeight;
  }, [log]);
  const nothing = log.lines.length === 0 && log.partial === '';
  return (
    <pre
      ref={ref}
      className="log-view"
      data-testid={testId}
      aria-label={label}
      aria-live="off"
      tabIndex={0}
      onScroll={(e) => {
        const el = e.currentTarget;
        atEnd.current = el.scrollHeight - el.scrollTop - el.clientHeight < 24;
      }}
    >
      {log.dropped > 0 && <span className="log-dropped">… earlier lines not shown{keptIn ? ` (the whole output: ${keptIn})` : ''}{'\n'}</span>}
      {nothing ? <span className="muted">{empty}</span> : log.lines.join('\n') + (log.partial ? `${log.lines.length ? '\n' : ''}${log.partial}` : '')}
    </pre>
  );
}
