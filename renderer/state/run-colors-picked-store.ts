import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';
import { isHexColor } from '../components/run-colors/color-space';

/** Where picked colours are kept; `null` (no localStorage) keeps them for the page session only. */
export type ColorStorage = Pick<Storage, 'getItem' | 'setItem'>;

export const PICKED_COLORS_KEY = 'sextant.runColors.v1';

export interface PickedColorsState {
  /** run id → '#rrggbb' the user picked for it. */
  picked: Readonly<Record<string, string>>;
  pick(runId: string, color: string): void;
  /** Back to the assigned colour. */
  reset(runId: string): void;
}

/** The saved picks, leaving out anything that is not a run id → '#rrggbb'. */
export function readPicked(storage: ColorStorage | null): Record<string, string> {
  try {
    const raw: unknown = JSON.parse(storage?.getItem(PICKED_COLORS_KEY) ?? '{}');
    if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return {};
    return Object.fromEntries(Object.entries(raw as Record<string, unknown>).filter((e): e is [string, string] => isHexColor(e[1])).map(([k, v]) => [k, v.toLowerCase()]));
  } catch {
    return {};
  }
}

/** The colours people picked for runs, kept in `storage` across restarts; `onChange` runs after each change. */
export function createPickedColorsStore(storage: ColorStorage | null, onChange: () => void = () => {}) {
  const save = (picked: Record<string, string>) => {
    try {
      storage?.setItem(PICKED_COLORS_KEY, JSON.stringify(picked));
    } catch {
      // storage full or refused: the pick still holds for this session
    }
  };
  const store = createStore<PickedColorsState>()((set, get) => ({
    picked: readPicked(storage),
    pick(runId, color) {
      if (!isHexColor(color)) throw new Error(`not a #rrggbb colour: ${color}`);
      const picked = { ...get().picked, [runId]: color.toLowerCase() };
      set({ picked });
      save(picked);
      onChange();
    },
    reset(runId) {
      if (!(runId in get().picked)) return;
      const picked = { ...get().picked };
      delete picked[runId];
      set({ picked });
      save(picked);
      onChange();
    },
  }));
  return store;
}

export type PickedColorsStore = ReturnType<typeof createPickedColorsStore>;
/** One run's picked colour, or undefined: a row's swatch subscribes to just this. */
export const usePickedColor = (store: PickedColorsStore, runId: string) => useStore(store, (s) => s.picked[runId]);
