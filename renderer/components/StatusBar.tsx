import { useApp } from '../app-context';
import { useAppInfo } from '../state/app-info-store';

const formatBytes = (n: number) => (n < 1e6 ? `${(n / 1e3).toFixed(0)} kB` : n < 1e9 ? `${(n / 1e6).toFixed(1)} MB` : `${(n / 1e9).toFixed(2)} GB`);

/** The local server's URI (with a copy button), the store path and its size. */
export function StatusBar({ onShowShortcuts }: { onShowShortcuts: () => void }) {
  const { appInfo } = useApp();
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
      <span title={info.storePath}>Store {info.storePath} · {formatBytes(info.storeBytes)}</span>
      <span>Sextant {info.version}</span>
      <button type="button" onClick={onShowShortcuts} title="Keyboard shortcuts (?)">?</button>
    </footer>
  );
}
