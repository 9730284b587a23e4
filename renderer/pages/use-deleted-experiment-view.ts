import { useEffect, useRef } from 'react';
import type { RunsViewStore } from '../state/runs-view-store';

/**
 * A deleted experiment's runs are deleted with it, so its page, left at "active runs", would
 * show none: while the experiment is deleted the page shows active and deleted runs, and once
 * it is restored (its runs with it) goes back to active runs, if it was this hook that switched.
 */
export function useDeletedExperimentView(store: RunsViewStore, lifecycleStage: string | null) {
  const switched = useRef(false);
  useEffect(() => {
    const s = store.getState();
    if (lifecycleStage === 'deleted' && s.lifecycle === 'active') {
      switched.current = true;
      s.setLifecycle('all');
    } else if (lifecycleStage === 'active' && switched.current) {
      switched.current = false;
      if (s.lifecycle === 'all') s.setLifecycle('active');
    }
  }, [store, lifecycleStage]);
}
