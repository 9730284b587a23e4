/**
 * Hands colours to runs as they are asked for: a run gets the first colour no run holds, or,
 * once every colour is held, the one whose holders were asked for least recently. A run keeps
 * its colour while it keeps being asked for; only after `capacity` other runs have been asked
 * for since does it lose it (and may get another when asked again). So the first N runs shown
 * get N distinct colours (N up to the number of colours), and runs on screen keep theirs.
 *
 * Plain mutable state, no React: it is asked while rows, legends and chart options render, and
 * answering never changes anything a component renders from.
 */
export interface RunColorAssigner {
  colorOf(runId: string): string;
  /** Runs holding a colour now. */
  held(): number;
}

export function createRunColorAssigner(colors: readonly string[], capacity = 2000): RunColorAssigner {
  if (colors.length === 0) throw new Error('no colours to assign');
  /** run id → colour index, least recently asked first (a Map keeps insertion order). */
  const byRun = new Map<string, number>();
  const holders = new Array<number>(colors.length).fill(0);
  /** When each colour was last asked for (a counter of calls). */
  const lastAsked = new Array<number>(colors.length).fill(-1);
  let clock = 0;

  function stalest(): number {
    let best = 0;
    for (let i = 1; i < lastAsked.length; i++) if (lastAsked[i]! < lastAsked[best]!) best = i;
    return best;
  }

  function colorOf(runId: string): string {
    clock++;
    let index = byRun.get(runId);
    if (index !== undefined) {
      byRun.delete(runId);
    } else {
      index = holders.indexOf(0);
      if (index === -1) index = stalest();
      holders[index]!++;
    }
    byRun.set(runId, index);
    lastAsked[index] = clock;
    if (byRun.size > capacity) {
      const [oldest, freed] = byRun.entries().next().value as [string, number];
      byRun.delete(oldest);
      holders[freed]!--;
    }
    return colors[index]!;
  }

  return { colorOf, held: () => byRun.size };
}
