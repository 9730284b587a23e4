import { runColor } from './run-colors';

/** The dot of a run's colour, as the table and legends show it. */
export function RunSwatch({ runId }: { runId: string }) {
  return <span className="rt-swatch" style={{ background: runColor(runId) }} />;
}
