/**
 * Calls `emit` at most once per `intervalMs`: the first call goes out at once, calls within the
 * interval are folded into one trailing call made when it ends (so the last value is never lost).
 * `cancel` drops a pending trailing call (the caller is about to say something final).
 */
export interface Throttle {
  call(): void;
  cancel(): void;
}

export function createThrottle(intervalMs: number, emit: () => void, now: () => number = Date.now): Throttle {
  let last = -Infinity;
  let timer: ReturnType<typeof setTimeout> | null = null;
  const fire = () => {
    timer = null;
    last = now();
    emit();
  };
  return {
    call() {
      if (timer) return;
      const wait = last + intervalMs - now();
      if (wait <= 0) fire();
      else timer = setTimeout(fire, wait);
    },
    cancel() {
      if (timer) clearTimeout(timer);
      timer = null;
    },
  };
}
