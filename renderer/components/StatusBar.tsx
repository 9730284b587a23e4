import { useContext } from 'react';
import { useApp } from '../app-context';
import { useAppInfo } from '../state/app-info-store';
import { useStoreStatus, type StoreStatusStore } from '../state/store-status-store';
import { StoreStatusContext } from './store/store-status-context';
import { formatSize } from './artifacts/format-size';
import { protectionLabel } from './store/store-texts';
import './store/store.css';

/** The local server's URI (with a copy button), the store (a link to its settings, with its encryption), its path and size. */
export function StatusBar({ onShowShortcuts }: { onShowShortcuts: () => void }) {
  const { appInfo } = useApp();
  const storeStatus = useContext(StoreStatusContext);
  const info = useAppInfo(appInfo, (s) => s.info);
  const error = useAppInfo(appInfo, (s) => s.error);
  if (!info) {
    return (
      <footer className="status-bar" role={error ? 'alert' : undefined} data-testid="connection-status">
        {error ?? 'Connecting…'}
      </footer>
    );
  }
  return (
    <footer className="status-bar">
      <span>
        Tracking server <code data-testid="tracking-uri">{info.trackingUri}</code>
        <button type="button" onClick={() => void navigator.clipboard?.writeText(info.trackingUri)} title="Copy the tracking URI">Copy</button>
      </span>
      <span className="status-store" title={info.storePath}>
        {storeStatus && <StoreLink store={storeStatus} />}
        <span className="status-store-path">{storeStatus ? '' : 'Store '}{info.storePath} · {formatSize(info.storeBytes)}</span>
      </span>
      <span>Sextant {info.version}</span>
      <button type="button" onClick={onShowShortcuts} title="Keyboard shortcuts (?)">?</button>
    </footer>
  );
}

/** "Store" with a lock (closed when encrypted): opens store settings. */
function StoreLink({ store }: { store: StoreStatusStore }) {
  const { route } = useApp();
  const status = useStoreStatus(store, (s) => s.status);
  const label = status ? protectionLabel(status) : 'Store';
  const encrypted = !!status?.encrypted;
  return (
    <button type="button" className={`status-store-button${encrypted ? ' encrypted' : ''}`} onClick={() => route.getState().navigate({ page: 'store' })} title={`Store settings (${label})`} aria-label={`Store settings: ${label}`} data-testid="status-store" data-encrypted={encrypted}>
      <span className={`store-lock${encrypted ? '' : ' open'}`} aria-hidden="true" />
      Store
    </button>
  );
}
