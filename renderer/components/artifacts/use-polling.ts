import { useEffect } from 'react';

/** Calls `poll` every `everyMs` while `active`; stops when it turns false or the component goes. */
export function usePolling(active: boolean, poll: () => void, everyMs: number): void {
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(poll, everyMs);
    return () => clearInterval(timer);
  }, [active, poll, everyMs]);
}
