import { CHARTED_COUNTS } from '../../state/chart-view-prefs';
import { setChartedCount, useChartedCount } from '../../state/chart-count';

/** How many runs an experiment's Charts tab plots when none are selected or pinned: 10, 25, 50 or 100, kept for the session. */
export function ChartedCountSelect({ experimentId }: { experimentId: string }) {
  const count = useChartedCount(experimentId);
  return (
    <select
      value={count}
      onChange={(e) => setChartedCount(experimentId, Number(e.target.value))}
      aria-label="How many runs to chart"
      title="How many runs are charted when none are selected or pinned in the table"
      data-testid="charted-count"
    >
      {CHARTED_COUNTS.map((n) => <option key={n} value={n}>First {n} runs</option>)}
    </select>
  );
}
