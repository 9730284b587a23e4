import { RunSwatch } from '../run-colors/RunSwatch';
import type { RunMeta } from './chart-types';

/** The runs and their colours, once for all charts (React escapes the names). */
export function RunLegend({ runs }: { runs: RunMeta[] }) {
  return (
    <ul className="run-legend" aria-label="Runs">
      {runs.map((r) => (
        <li key={r.id} title={r.id}>
          <RunSwatch runId={r.id} />
          <a href={`#/runs/${encodeURIComponent(r.id)}`}>{r.name}</a>
        </li>
      ))}
    </ul>
  );
}
