/**
 * Turns a stream of "these runs changed" notices into few re-reads: notices are collected, a
 * re-read starts after `delayMs` (or the last re-read's duration, if longer: a slow store is not
 * hammered), and notices that arrive during a re-read wait for the next one. A training script
 * logging every 100 ms thus causes a re-read every half second or so, not ten a second.
 */
export const ALL_RUNS = '*';

export interface RefreshScheduler {
  /** Run ids that changed; `ALL_RUNS` when unknown. */
  notify(ids: readonly string[]): void;
  dispose(): void;
}

export function createRefreshScheduler(delayMs: number, run: (ids: string[]) => Promise<void>): RefreshScheduler {
  const pending = new Set<string>();
  let timer: ReturnType<typeof setTimeout> | null = null;
  let running = false;
  let disposed = false;
  let lastMs = 0;

  const kick = () => {
    if (timer || running || disposed || pending.size === 0) return;
    timer = setTimeout(fire, Math.max(delayMs, lastMs));
  };

  const fire = async () => {
    timer = null;
    running = true;
    const ids = pending.has(ALL_RUNS) ? [ALL_RUNS] : [...pending];
    pending.clear();
    const t0 = Date.now();
    try {
      await run(ids);
    } catch {
      // the store reports its own errors; the next notice tries again
    } finally {
      lastMs = Date.now() - t0;
      running = false;
      kick();
    }
  };

  return {
    notify(ids) {
      if (disposed) return;
      if (ids.length === 0) pending.add(ALL_RUNS);
      for (const id of ids) pending.add(id);
      kick();
    },
    dispose() {
      disposed = true;
      if (timer) clearTimeout(timer);
      timer = null;
      pending.clear();
    },
  };
}
