/** The scroll offsets of one element, as a frame reads them. */
export interface ScrollOffsets {
  top: number;
  left: number;
}

type Listener = (offsets: ScrollOffsets, isScrolling: boolean) => void;

export interface FrameScrollDeps {
  requestFrame(cb: () => void): number;
  cancelFrame(id: number): void;
  setTimer(cb: () => void, ms: number): unknown;
  clearTimer(id: unknown): void;
  /** A clock in ms (performance.now). */
  now(): number;
  /** Runs the listeners' updates as one synchronous render (flushSync), before the frame's layout. */
  batch(fn: () => void): void;
}

export interface ScrollTarget {
  scrollTop: number;
  scrollLeft: number;
  addEventListener(type: 'scroll', fn: () => void, opts?: AddEventListenerOptions): void;
  removeEventListener(type: 'scroll', fn: () => void): void;
}

/**
 * Reads an element's scroll offsets once per animation frame, at its start (the layout is clean
 * there: the last writes were laid out by the frame before), never in the scroll event itself,
 * and hands them to every listener at once inside `batch`, so the rows that come into view are
 * written in the same frame and laid out once. A scroll event only asks for the next frame.
 * After `idleMs` without scrolling, listeners hear the last offsets with isScrolling false: one
 * timer at a time, which waits on when a frame came in meanwhile (not a timer cleared and set
 * again every frame of a scroll).
 */
export function frameScroll(el: ScrollTarget, deps: FrameScrollDeps, idleMs = 150) {
  const listeners = new Set<Listener>();
  let frame: number | null = null;
  let idle: unknown = null;
  let last: ScrollOffsets = { top: el.scrollTop, left: el.scrollLeft };
  let lastFrameAt = 0;
  const emit = (scrolling: boolean) => deps.batch(() => listeners.forEach((l) => l(last, scrolling)));
  const onIdle = () => {
    const wait = idleMs - (deps.now() - lastFrameAt);
    if (wait > 0) {
      idle = deps.setTimer(onIdle, wait);
      return;
    }
    idle = null;
    emit(false);
  };
  const onFrame = () => {
    frame = null;
    last = { top: el.scrollTop, left: el.scrollLeft };
    lastFrameAt = deps.now();
    emit(true);
    if (idle === null) idle = deps.setTimer(onIdle, idleMs);
  };
  const onScroll = () => {
    if (frame === null) frame = deps.requestFrame(onFrame);
  };
  el.addEventListener('scroll', onScroll, { passive: true });
  return {
    /** Adds a listener; returns the way to remove it (the last removal stops listening). */
    subscribe(l: Listener): () => void {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    /** The offsets the last frame read. */
    offsets: () => last,
    dispose(): void {
      el.removeEventListener('scroll', onScroll);
      if (frame !== null) deps.cancelFrame(frame);
      if (idle !== null) deps.clearTimer(idle);
      listeners.clear();
    },
  };
}

export type FrameScroll = ReturnType<typeof frameScroll>;
