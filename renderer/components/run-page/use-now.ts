import { useEffect, useState } from 'react';

/** The current time, ticking every `ms` while `live` (a running run's duration counts up). */
export function useNow(live: boolean, ms = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!live) return;
    const id = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(id);
  }, [live, ms]);
  return now;
}
