import { describe, expect, it } from 'vitest';
import { frameScroll, type FrameScrollDeps, type ScrollTarget } from '../../../../../renderer/components/runs-table/frame-scroll';

/** A scroll element that counts reads of its offsets, and frames and timers run by hand. */
function fakes() {
  let top = 0;
  let left = 0;
  let reads = 0;
  let handler: (() => void) | null = null;
  const el: ScrollTarget = {
    get scrollTop() {
      reads++;
      return top;
    },
    set scrollTop(v) {
      top = v;
    },
    get scrollLeft() {
      reads++;
      return left;
    },
    set scrollLeft(v) {
      left = v;
    },
    addEventListener: (_t, fn) => void (handler = fn),
    removeEventListener: () => void (handler = null),
  };
  const frames: (() => void)[] = [];
  const timers = new Map<number, () => void>();
  let timerId = 0;
  const batches: number[] = [];
  const clock = { t: 0 };
  const deps: FrameScrollDeps = {
    now: () => clock.t,
    requestFrame: (cb) => frames.push(cb),
    cancelFrame: () => undefined,
    setTimer: (cb) => (timers.set(++timerId, cb), timerId),
    clearTimer: (id) => void timers.delete(id as number),
    batch: (fn) => {
      batches.push(1);
      fn();
    },
  };
  return {
    el, deps, frames, timers, batches, clock,
    scrollTo: (t: number, l = left) => {
      top = t;
      left = l;
      handler?.();
    },
    reads: () => reads,
    runFrames: () => frames.splice(0).forEach((f) => f()),
    /** Runs the timers set now (each removed as it runs, as a fired timer is). */
    runTimers: () => [...timers].forEach(([id, f]) => (timers.delete(id), f())),
  };
}

describe('frameScroll', () => {
  it('reads the offsets once per frame, never in a scroll event, and tells every listener in one batch', () => {
    const f = fakes();
    const fs = frameScroll(f.el, f.deps);
    const seenTop: [number, boolean][] = [];
    const seenLeft: number[] = [];
    fs.subscribe((o, s) => seenTop.push([o.top, s]));
    fs.subscribe((o) => seenLeft.push(o.left));
    const readsAtStart = f.reads();
    f.scrollTo(100);
    f.scrollTo(250, 40);
    f.scrollTo(300, 40);
    expect(f.reads()).toBe(readsAtStart); // scroll events read nothing
    expect(f.frames).toHaveLength(1); // one frame asked for, however many events
    f.runFrames();
    expect(f.reads()).toBe(readsAtStart + 2); // top and left, once
    expect(seenTop).toEqual([[300, true]]);
    expect(seenLeft).toEqual([40]);
    expect(f.batches).toHaveLength(1);
    f.scrollTo(400);
    f.runFrames();
    expect(seenTop.at(-1)).toEqual([400, true]);
    f.clock.t += 200;
    f.runTimers(); // scrolling stopped: the last offsets again, without reading
    const reads = f.reads();
    expect(seenTop.at(-1)).toEqual([400, false]);
    expect(f.reads()).toBe(reads);
  });

  it('one idle timer for a whole scroll: a frame during its wait makes it wait on, then the listeners hear the stop once', () => {
    const f = fakes();
    const fs = frameScroll(f.el, f.deps, 150);
    const heard: [number, boolean][] = [];
    fs.subscribe((o, s) => heard.push([o.top, s]));
    for (let i = 1; i <= 5; i++) {
      f.clock.t += 16;
      f.scrollTo(i * 100);
      f.runFrames();
    }
    expect(f.timers.size).toBe(1); // set once, never cleared and set again
    f.clock.t += 100; // 100 ms after the last frame: not idle yet
    f.runTimers();
    expect(heard.filter(([, s]) => !s)).toEqual([]);
    expect(f.timers.size).toBe(1); // waits the remaining 50 ms
    f.clock.t += 60;
    f.runTimers();
    expect(heard.at(-1)).toEqual([500, false]);
    expect(heard.filter(([, s]) => !s)).toHaveLength(1);
    expect(f.timers.size).toBe(0);
  });

  it('stops listening when disposed, and a removed listener hears nothing', () => {
    const f = fakes();
    const fs = frameScroll(f.el, f.deps);
    const heard: number[] = [];
    const off = fs.subscribe((o) => heard.push(o.top));
    f.scrollTo(10);
    f.runFrames();
    off();
    f.scrollTo(20);
    f.runFrames();
    expect(heard).toEqual([10]);
    fs.dispose();
    f.scrollTo(30);
    expect(f.frames).toHaveLength(0);
  });
});
