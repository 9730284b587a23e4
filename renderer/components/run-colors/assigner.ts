/**
 * Hands colours to runs as they are asked for. A new run gets the first colour (palette order)
 * that no run on screen holds: a colour is taken while one of its runs is in view (`inView`,
 * e.g. its swatch is mounted) or was asked for during the current `moment` (a render under
 * way, whose swatches are not mounted yet). Once every colour is taken, the one asked for least
 * recently is shared. A run keeps its colour while it keeps being asked for; only after
 * `capacity` other runs have been asked for since does it lose it (and may get another when
 * asked again). So the first N runs shown get N distinct colours (N up to the number of
 * colours), runs on screen keep theirs, and runs shown later get palette colours again once
 * the earlier ones have left the screen.
 *
 * Plain mutable state, no React: it is asked while rows, legends and chart options render, and
 * answering never changes anything a component renders from.
 */
export interface RunColorAssigner {
  colorOf(runId: string): string;
  /** Runs holding a colour now. */
  held(): number;
}

export interface AssignerOptions {
  /** Assignments kept: past this many runs, the least recently asked lets its colour go. */
  capacity?: number;
  /** Whether a run is on screen now; by default every run holding a colour counts as on screen. */
  inView?: (runId: string) => boolean;
  /** Which moment it is (e.g. a task of the event loop): a colour asked for during the current one is taken, whoever holds it. */
  moment?: () => number;
}

export function createRunColorAssigner(colors: readonly string[], opts: AssignerOptions = {}): RunColorAssigner {
  if (colors.length === 0) throw new Error('no colours to assign');
  const { capacity = 2000, inView = () => true, moment = () => 0 } = opts;
  /** run id → colour index, least recently asked first (a Map keeps insertion order). */
  const byRun = new Map<string, number>();
  const holders = colors.map(() => new Set<string>());
  /** Order of asking (a counter) and moment of the last ask, per colour. */
  const lastOrder = new Array<number>(colors.length).fill(-1);
  const lastMoment = new Array<number>(colors.length).fill(Number.NaN);
  let order = 0;

  const taken = (c: number, m: number) => {
    if (lastMoment[c] === m) return true;
    for (const id of holders[c]!) if (inView(id)) return true; // no array per colour: this runs for every run shown
    return false;
  };

  function pick(m: number): number {
    for (let c = 0; c < colors.length; c++) if (!taken(c, m)) return c;
    let stalest = 0;
    for (let c = 1; c < colors.length; c++) if (lastOrder[c]! < lastOrder[stalest]!) stalest = c;
    return stalest;
  }

  function colorOf(runId: string): string {
    const m = moment();
    let index = byRun.get(runId);
    if (index !== undefined) {
      byRun.delete(runId);
    } else {
      index = pick(m);
      holders[index]!.add(runId);
    }
    byRun.set(runId, index);
    lastOrder[index] = ++order;
    lastMoment[index] = m;
    if (byRun.size > capacity) {
      const [oldest, freed] = byRun.entries().next().value as [string, number];
      byRun.delete(oldest);
      holders[freed]!.delete(oldest);
    }
    return colors[index]!;
  }

  return { colorOf, held: () => byRun.size };
}
