import { useEffect, type ReactNode } from 'react';
import { useStoreStatus } from '../../state/store-status-store';
import { ConvertingScreen } from './ConvertingScreen';
import { KeychainUnavailableScreen } from './KeychainUnavailableScreen';
import { useStoreStatusStore } from './store-status-context';
import { UnlockScreen } from './UnlockScreen';
import './store.css';

/**
 * The app (`children`) only while the store is open; otherwise the screen its state asks for:
 * unlock, choose a protection (no keychain), or the conversion's progress. A status that cannot
 * be read at all lets the app through, to say why as it does for any unreachable backend.
 */
export function StoreGate({ children }: { children: ReactNode }) {
  const store = useStoreStatusStore();
  const status = useStoreStatus(store, (s) => s.status);
  const loadError = useStoreStatus(store, (s) => s.loadError);
  useEffect(() => void store.getState().refresh(), [store]);

  if (!status) return loadError ? children : <div className="store-gate" data-app-ready="false" aria-busy="true" />;
  switch (status.state) {
    case 'locked':
      return <UnlockScreen key={status.path} status={status} />;
    case 'needs-protection':
      return <KeychainUnavailableScreen status={status} />;
    case 'converting':
      return <ConvertingScreen status={status} />;
    case 'open':
      return children;
  }
}
