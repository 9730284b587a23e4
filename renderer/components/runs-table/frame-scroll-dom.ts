import { flushSync } from 'react-dom';
import type { FrameScrollDeps } from './frame-scroll';

/** The browser's frames and timers; the listeners' updates rendered synchronously inside the frame. */
export const domFrameDeps: FrameScrollDeps = {
  requestFrame: (cb) => requestAnimationFrame(cb),
  cancelFrame: (id) => cancelAnimationFrame(id),
  setTimer: (cb, ms) => setTimeout(cb, ms),
  clearTimer: (id) => clearTimeout(id as ReturnType<typeof setTimeout>),
  now: () => performance.now(),
  batch: (fn) => flushSync(fn),
};
