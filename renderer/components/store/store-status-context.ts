import { createContext, useContext } from 'react';
import type { StoreStatusStore } from '../../state/store-status-store';

/** The app-level store status (made once by App, over the API client). */
export const StoreStatusContext = createContext<StoreStatusStore | null>(null);

export function useStoreStatusStore(): StoreStatusStore {
  const store = useContext(StoreStatusContext);
  if (!store) throw new Error('useStoreStatusStore outside <StoreStatusContext.Provider>');
  return store;
}
