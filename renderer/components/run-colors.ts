import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';
/** A run's colour, the same in the table, the legends and every chart: a stable hash of its id. */
const PALETTE = [
  '#2b6cd4', '#d9622b', '#2e9e5b', '#b8397a', '#8a5cd1', '#c79a1a', '#1b9aaa', '#d43f3f', '#5f7d2a',
  '#e6550d', '#e377c2', '#17becf', '#0f5f9e', '#a65628', '#4daf4a', '#984ea3', '#ff7f00', '#6a3d9a', '#b15928', '#1f78b4',
];

export function runColor(runId: string): string {
  let h = 2166136261;
  for (let i = 0; i < runId.length; i++) h = Math.imul(h ^ runId.charCodeAt(i), 16777619);
  return PALETTE[Math.abs(h) % PALETTE.length]!;
}

/**
 * Bumped whenever a run's colour changes (assigned anew or picked by hand): what charts, which
 * bake colours into their options, depend on to redraw.
 */
const versionStore = createStore<{ version: number }>()(() => ({ version: 0 }));
export const useRunColorVersion = () => useStore(versionStore, (s) => s.version);
export const bumpRunColorVersion = () => versionStore.setState((s) => ({ version: s.version + 1 }));
