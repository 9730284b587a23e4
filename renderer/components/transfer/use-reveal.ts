import { useEffect, useRef } from 'react';

/** Scrolls the element into the dialog's view when it appears (a preview, a progress line, a summary below the form). */
export function useReveal<T extends HTMLElement>() {
  const ref = useRef<T>(null);
  useEffect(() => {
    ref.current?.scrollIntoView?.({ block: 'nearest' });
  }, []);
  return ref;
}
