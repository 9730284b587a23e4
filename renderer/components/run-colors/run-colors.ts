import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';
import { createPickedColorsStore, usePickedColor, type ColorStorage } from '../../state/run-colors-picked-store';
import { createRunColorAssigner } from './assigner';
import { RUN_COLORS, RUN_PALETTE } from './palette';

/**
 * Bumped whenever a run's colour changes (picked by hand or reset): what charts, which bake
 * colours into their options, depend on to redraw. Assigning a colour to a run asked for the
 * first time changes no colour anyone has drawn, so it bumps nothing (and can run during render).
 */
const versionStore = createStore<{ version: number }>()(() => ({ version: 0 }));
export const useRunColorVersion = () => useStore(versionStore, (s) => s.version);
export const bumpRunColorVersion = () => versionStore.setState((s) => ({ version: s.version + 1 }));

function browserStorage(): ColorStorage | null {
  try {
    return typeof window === 'undefined' ? null : window.localStorage;
  } catch {
    return null;
  }
}

/** Runs whose swatch is mounted (how many of their swatches): what is on screen. */
const mounted = new Map<string, number>();

/** Marks a run as on screen until the returned function is called (a swatch's mount effect). */
export function holdRunInView(runId: string): () => void {
  mounted.set(runId, (mounted.get(runId) ?? 0) + 1);
  return () => {
    const n = (mounted.get(runId) ?? 1) - 1;
    if (n > 0) mounted.set(runId, n);
    else mounted.delete(runId);
  };
}

/**
 * The current task of the event loop, as a number: a render and its layout effects (where
 * swatches say they are mounted) run in one task, so the colours asked for in it are taken.
 */
let task = 0;
let taskEnding = false;
function currentTask(): number {
  if (!taskEnding) {
    taskEnding = true;
    setTimeout(() => {
      task++;
      taskEnding = false;
    }, 0);
  }
  return task;
}

/** The app's one assigner and one set of picks: a run's colour is the same in every view. */
const assigner = createRunColorAssigner(RUN_COLORS, { inView: (id) => mounted.has(id), moment: currentTask });
export const pickedRunColors = createPickedColorsStore(browserStorage(), bumpRunColorVersion);

/** A run's colour, the same in the table, the legends and every chart: the one picked for it, else the one assigned. */
export function runColor(runId: string): string {
  return pickedRunColors.getState().picked[runId] ?? assigner.colorOf(runId);
}

/** The colours offered in the picker. */
export const PICKABLE_COLORS = RUN_PALETTE;

export const pickRunColor = (runId: string, color: string) => pickedRunColors.getState().pick(runId, color);
export const resetRunColor = (runId: string) => pickedRunColors.getState().reset(runId);
/** The colour picked for a run, or undefined; re-renders only when that run's pick changes. */
export const usePickedRunColor = (runId: string) => usePickedColor(pickedRunColors, runId);
