import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';
import { readChartedCount, sessionChartStorage, writeChartedCount } from './chart-view-prefs';

/** The number of charted runs chosen per experiment, kept for the page session (see chart-view-prefs.ts). */
const chosen = createStore<{ counts: Record<string, number> }>()(() => ({ counts: {} }));

/** How many runs an experiment's Charts tab plots when nothing is selected or pinned. */
export function chartedCountOf(experimentId: string): number {
  return chosen.getState().counts[experimentId] ?? readChartedCount(sessionChartStorage(), experimentId);
}

export function setChartedCount(experimentId: string, count: number): void {
  writeChartedCount(sessionChartStorage(), experimentId, count);
  chosen.setState((s) => ({ counts: { ...s.counts, [experimentId]: count } }));
}

/** The count, re-rendering when it is changed. */
export const useChartedCount = (experimentId: string) => useStore(chosen, (s) => s.counts[experimentId] ?? readChartedCount(sessionChartStorage(), experimentId));
