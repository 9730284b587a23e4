import type { Options } from '../options';

export const fmt = (n: number) => n.toLocaleString('en-US');

/** The UI workload's row labels, from its scale (the table and chart shapes, the repetitions). */
export function uiLabels(o: Options['ui'], loadReps: number, shown: { tableText: string; chartText: string; compareRuns: number; chartedRuns: number }) {
  const { tableText, chartText, compareRuns, chartedRuns } = shown;
  return {
  rows: `open experiment (${tableText}) → first rows drawn: median of ${o.reps}`,
  rowsLoad: `page load of its URL → first rows drawn: median of ${loadReps}`,
  allRuns: `open experiment → all ${fmt(o.runs)} runs in the table`,
  loadTask: `longest task while the ${fmt(o.runs)} runs load`,
  search: 'first runs.searchTable RPC (100 runs; runs.search before it) as the page saw it',
  chart: `compare ${chartText} → first chart drawn: median of ${o.reps}`,
  series: `metrics.series RPC (${o.chartRuns} runs, downsampled in the server)`,
  scrollTask: `longest task while scrolling the table (worst of ${o.scrollReps})`,
  scrollFrame: 'longest frame (rAF interval) while scrolling',
  scrollCpu: 'most CPU time of one task while scrolling (trace)',
  loadCpu: `open experiment → all ${fmt(o.runs)} runs in: main-thread CPU (trace)`,
  loadMaxCpu: `… the most CPU one task used (trace)`,
  heap: `renderer JS heap with the ${fmt(o.runs)} runs loaded (after a GC)`,
  payload: `the table's search answers for all ${fmt(o.runs)} runs (JSON text; runs.searchTable, runs.search before it)`,
  sort: `click a metric column's header → first sorted rows drawn: median of ${loadReps}`,
  sortAll: `… → all ${fmt(o.runs)} runs in the new order`,
  sortTask: 'longest task from the sort click until all runs are in',
  filterKey: `longest keystroke → next frame while typing a filter (Event Timing, worst of ${loadReps})`,
  filter: `typing a filter: its last key (then Enter) → first matching rows drawn: median of ${loadReps}`,
  filterTask: 'longest task from that key until all matching runs are in',
  selectClick: `longest checkbox click → next frame while selecting ${compareRuns} runs (Event Timing)`,
  compare: `select ${compareRuns} runs in the table, Compare → first metric chart drawn (scrolled to): median of ${loadReps}`,
  chartsTab: `Charts tab (first ${chartedRuns} runs) → first metric chart drawn (scrolled to): median of ${loadReps}`,
  chartsTask: 'longest task from the Charts tab click until a second after its first chart',
  sortCpu: '… of it on the main thread\'s CPU (trace): median',
  sortMaxCpu: 'most CPU one task used from the sort click until all runs are in (trace)',
  filterCpu: '… of it on the main thread\'s CPU (trace): median',
  filterMaxCpu: 'most CPU one task used from that key until all matching runs are in (trace)',
  compareCpu: '… of it on the main thread\'s CPU (trace): median',
  chartsCpu: '… of it on the main thread\'s CPU (trace): median',
  chartsMaxCpu: 'most CPU one task used from the Charts tab click until a second after its first chart (trace)',
  };
}
