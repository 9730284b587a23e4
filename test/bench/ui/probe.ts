// The in-page half of the UI benchmark. `installProbe` runs in every page load before the app's
// own scripts (an init script): it records long tasks and long animation frames from the start,
// watches for the first run rows, and offers the rAF-paced table scroll. Everything here runs in
// Chromium, so it may use only what the function itself defines (it is sent as source text).
// All times are performance.now() values of the page (ms since its navigation started).

export interface TaskEntry {
  start: number;
  duration: number;
}

export interface FrameScript {
  invoker: string;
  source: string;
  duration: number;
}

/** A long animation frame (Chromium's LoAF): a frame that took 50 ms or more, with the scripts that ran in it. */
export interface LongFrame {
  start: number;
  duration: number;
  blocking: number;
  scripts: FrameScript[];
}

export interface RowsSeen {
  /** When the watch was armed (0 = navigation start). */
  t0: number;
  /** When a `[data-testid="run-row"]` first existed in the DOM. */
  inDom?: number;
  /** The first frame after that was painted (rAF, then a task queued from it: it runs after the paint). */
  drawn?: number;
}

/**
 * The scroll: `verticalStepPx` per frame down to the bottom (and back up, bouncing, when that
 * takes fewer than `verticalFrames` frames), then sideways `horizontalStepPx` per frame to the
 * last column and back, half-way down the table.
 */
export interface ScrollPlan {
  verticalFrames: number;
  verticalStepPx: number;
  horizontalStepPx: number;
}

export interface ScrollResult {
  t0: number;
  t1: number;
  frames: number;
  /** Intervals between consecutive rAF callbacks, ms. */
  frameIntervals: number[];
  scrollHeight: number;
  scrollWidth: number;
  clientHeight: number;
  clientWidth: number;
  /** Frames after which the rows drawn cover neither the position just set nor the one before. */
  lagFrames: number;
  /** The last run row was drawn after the vertical pass (the table really reached the bottom). */
  reachedBottom: boolean;
}

/** An input event as the Event Timing API saw it: from the input to the next frame painted after its handlers. */
export interface InputEvent {
  name: string;
  start: number;
  duration: number;
  /** Time spent in the event's handlers. */
  processing: number;
}

export interface Probe {
  supported: string[];
  longTasks: TaskEntry[];
  longFrames: LongFrame[];
  /** Input events (keys, clicks) that took 16 ms or more to a painted frame. */
  inputs: InputEvent[];
  /** Every key that went down, with the event's own time stamp. */
  keydowns: { key: string; t: number }[];
  rows: RowsSeen;
  /**
   * Starts watching, from now, for the first element that matches `selector` (by default any
   * run row): e.g. the row of the run a new sort or filter puts first.
   */
  armRows(selector?: string): number;
  scroll(plan: ScrollPlan): Promise<ScrollResult>;
}

declare global {
  interface Window {
    __sextantBench?: Probe;
  }
}

/**
 * tsx compiles with esbuild's keepNames, which wraps named functions in `__name(fn, "name")`.
 * Code serialised into the page needs that helper too; this defines it as a no-op first.
 */
export const NAME_SHIM = 'globalThis.__name = globalThis.__name || function (f) { return f; };';

export function installProbe(): void {
  const supported = [...(PerformanceObserver.supportedEntryTypes ?? [])];
  const probe: Probe = {
    supported,
    longTasks: [],
    longFrames: [],
    inputs: [],
    keydowns: [],
    rows: { t0: 0 },
    armRows: () => 0,
    scroll: () => Promise.reject(new Error('not ready')),
  };
  window.__sextantBench = probe;
  // the default of 250 entries drops the later pages of a 50,000-run load
  performance.setResourceTimingBufferSize(20_000);

  if (supported.includes('longtask')) {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) probe.longTasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask', buffered: true });
  }
  if (supported.includes('long-animation-frame')) {
    interface LoafScript { invoker?: string; sourceURL?: string; sourceFunctionName?: string; duration: number }
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) {
        const loaf = e as PerformanceEntry & { blockingDuration?: number; scripts?: LoafScript[] };
        const scripts = (loaf.scripts ?? [])
          .map((s) => ({ invoker: s.invoker ?? '', source: `${s.sourceFunctionName || '(anonymous)'} ${(s.sourceURL ?? '').replace(/^.*\//, '')}`, duration: s.duration }))
          .sort((a, b) => b.duration - a.duration)
          .slice(0, 3);
        probe.longFrames.push({ start: e.startTime, duration: e.duration, blocking: loaf.blockingDuration ?? 0, scripts });
      }
    }).observe({ type: 'long-animation-frame', buffered: true });
  }

  if (supported.includes('event')) {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) {
        const ev = e as PerformanceEntry & { processingStart: number; processingEnd: number };
        probe.inputs.push({ name: e.name, start: e.startTime, duration: e.duration, processing: ev.processingEnd - ev.processingStart });
      }
    }).observe({ type: 'event', buffered: true, durationThreshold: 16 } as PerformanceObserverInit);
  }
  window.addEventListener('keydown', (e) => probe.keydowns.push({ key: e.key, t: e.timeStamp }), { capture: true });

  // First run rows: a MutationObserver notices the first row in the commit that adds it; the
  // paint is the next frame's, and a message posted from that frame's rAF runs after it.
  let observer: MutationObserver | null = null;
  const afterPaint = (fn: (t: number) => void) =>
    requestAnimationFrame(() => {
      const ch = new MessageChannel();
      ch.port1.onmessage = () => fn(performance.now());
      ch.port2.postMessage(null);
    });
  probe.armRows = (selector = '[data-testid="run-row"]') => {
    observer?.disconnect();
    const rows: RowsSeen = { t0: performance.now() };
    probe.rows = rows;
    const check = () => {
      if (rows.inDom !== undefined || !document.querySelector(selector)) return;
      rows.inDom = performance.now();
      observer?.disconnect();
      afterPaint((t) => (rows.drawn = t));
    };
    observer = new MutationObserver(check);
    observer.observe(document, { childList: true, subtree: true });
    return rows.t0;
  };
  // a page load of an experiment's URL: armed at document start, so the page load is the start
  if (window.location.hash.startsWith('#/experiments/')) {
    probe.armRows();
    probe.rows.t0 = 0;
  }

  const nextFrame = () => new Promise<number>((resolve) => requestAnimationFrame(resolve));
  probe.scroll = async (plan) => {
    const el = document.querySelector<HTMLElement>('[data-testid="runs-table"]');
    if (!el) throw new Error('no runs table on the page');
    const { clientHeight, clientWidth, scrollHeight, scrollWidth } = el;
    const maxTop = scrollHeight - clientHeight;
    const maxLeft = scrollWidth - clientWidth;
    if (maxTop <= 0) throw new Error(`the runs table does not scroll (scrollHeight ${scrollHeight}, clientHeight ${clientHeight})`);
    // Is the viewport's band of rows drawn for the given scrollTop (just under the sticky header,
    // and at the bottom edge)? Rows are placed with translateY(top): reading inline styles forces
    // no layout. The row height comes from the spacing of the drawn rows (30 px today).
    const covered = (top: number) => {
      const tops: number[] = [];
      el.querySelectorAll<HTMLElement>('[data-testid="run-row"]').forEach((row) => {
        const m = /translateY\((-?[\d.]+)px\)/.exec(row.style.transform);
        if (m) tops.push(Number(m[1]));
      });
      tops.sort((a, b) => a - b);
      let height = Infinity;
      for (let i = 1; i < tops.length; i++) if (tops[i]! > tops[i - 1]!) height = Math.min(height, tops[i]! - tops[i - 1]!);
      if (!Number.isFinite(height)) height = 30;
      return [top + 40, top + clientHeight - 2].every((y) => tops.some((t) => t <= y && y < t + height));
    };
    const positions: [number, number][] = [];
    let bottomIndex = -1;
    let top = 0;
    let down = true;
    const verticalFrames = Math.max(plan.verticalFrames, Math.ceil(maxTop / plan.verticalStepPx));
    for (let i = 0; i < verticalFrames; i++) {
      top += down ? plan.verticalStepPx : -plan.verticalStepPx;
      if (top >= maxTop) {
        top = maxTop;
        down = false;
        if (bottomIndex < 0) bottomIndex = positions.length;
      } else if (top <= 0) {
        top = 0;
        down = true;
      }
      positions.push([top, 0]);
    }
    const midTop = Math.round(maxTop / 2);
    const lefts: number[] = [];
    for (let left = 0; left < maxLeft; left += plan.horizontalStepPx) lefts.push(left);
    lefts.push(maxLeft);
    for (const left of lefts) positions.push([midTop, left]);
    for (const left of lefts.reverse()) positions.push([midTop, left]);

    el.scrollTop = 0;
    el.scrollLeft = 0;
    await nextFrame();
    await nextFrame();
    const stamps: number[] = [];
    let lagFrames = 0;
    let reachedBottom = false;
    // the same name as trace.ts's SYNC_MARK (this function cannot import it): aligns a trace's clock
    const t0 = performance.mark('sextant-bench:scroll-start').startTime;
    let prevTop: number | null = null;
    for (let i = 0; i < positions.length; i++) {
      const [top, left] = positions[i]!;
      el.scrollTop = top;
      el.scrollLeft = left;
      stamps.push(await nextFrame());
      // behind: a frame after a position was set, neither it nor the one before is drawn (a table
      // that draws the new rows in the frame the scroll is seen, before this callback, covers
      // `top` already; one that draws them in a task after the frame covers `prevTop`)
      if (prevTop !== null && !covered(prevTop) && !covered(top)) lagFrames++;
      prevTop = top;
      if (i === bottomIndex) {
        // give the last position one more frame, then check the bottom row is there
        stamps.push(await nextFrame());
        reachedBottom = covered(top);
      }
    }
    stamps.push(await nextFrame());
    const t1 = performance.now();
    const frameIntervals: number[] = [];
    for (let i = 1; i < stamps.length; i++) frameIntervals.push(stamps[i]! - stamps[i - 1]!);
    return { t0, t1, frames: stamps.length, frameIntervals, scrollHeight, scrollWidth, clientHeight, clientWidth, lagFrames, reachedBottom };
  };
}
