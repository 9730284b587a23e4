import { useState } from 'react';
import type { StoreConversionAction, StoreStatus } from '../../shared/ipc/store-types';
import { useApp } from '../app-context';
import { ConversionSummary } from '../components/store/ConversionSummary';
import { ConvertDialog } from '../components/store/ConvertDialog';
import { useStoreStatusStore } from '../components/store/store-status-context';
import { formatSize } from '../components/artifacts/format-size';
import { protectionLabel } from '../components/store/store-texts';
import { useAppInfo } from '../state/app-info-store';
import { useStoreStatus } from '../state/store-status-store';
import '../components/store/store.css';

function explanation(s: StoreStatus): string {
  if (!s.encrypted) return "The store's files are plain: anyone who can read its folder (a lost laptop, a backup, another account) can read its runs. Encrypt it with a key kept in the OS keychain, a passphrase or a key file.";
  const opens =
    s.keyKind === 'os-keychain'
      ? 'Its key is kept in the OS keychain: it opens for your account on this computer without a password.'
      : s.keyKind === 'passphrase'
        ? 'It opens with its passphrase, asked each time Sextant opens the store.'
        : s.keyKind === 'key-file'
          ? 'It opens with its key file (sextant serve --store DIR --key-file FILE).'
          : '';
  return `Everything the store writes (runs, metrics, artifacts, uploads in progress) is encrypted with AES-256-GCM. ${opens}`;
}

/** The store: where it is, its size, whether and how it is encrypted; encrypt, decrypt, change key. */
export function StoreSettingsPage() {
  const { appInfo } = useApp();
  const store = useStoreStatusStore();
  const status = useStoreStatus(store, (s) => s.status);
  const info = useAppInfo(appInfo, (s) => s.info);
  const [dialog, setDialog] = useState<StoreConversionAction | null>(null);
  if (!status) return null;
  const action = (a: StoreConversionAction, label: string, testId: string) => (
    <button type="button" className={a === 'encrypt' ? 'primary' : undefined} onClick={() => (store.getState().clearError(), setDialog(a))} data-testid={testId}>{label}</button>
  );
  return (
    <section className="page store-page" data-testid="store-page">
      <h1>Store</h1>
      <ConversionSummary status={status} />
      <dl className="store-facts">
        <dt>Folder</dt>
        <dd className="store-path-row">
          <code data-testid="store-path" title={status.path}>{status.path}</code>
          <button type="button" onClick={() => void navigator.clipboard?.writeText(status.path)} title="Copy the path">Copy</button>
        </dd>
        <dt>Size</dt>
        <dd data-testid="store-size">{info ? formatSize(info.storeBytes) : '…'}</dd>
        <dt>Encryption</dt>
        <dd>
          <span className={`store-protection ${status.encrypted ? 'on' : 'off'}`} data-testid="store-protection">
            <span className={`store-lock${status.encrypted ? '' : ' open'}`} aria-hidden="true" />
            {protectionLabel(status)}
          </span>
        </dd>
        <dt>Opened by</dt>
        <dd data-testid="store-holder">{status.holder === 'app' ? 'The Sextant desktop app' : 'sextant serve (this browser window is connected to it)'}</dd>
        <dt>OS keychain</dt>
        <dd data-testid="store-keychain">{status.keychain.available ? 'Available' : `Not available${status.keychain.reason ? `: ${status.keychain.reason}` : ''}`}</dd>
      </dl>
      <h2>Encryption</h2>
      <p className="store-explain">{explanation(status)}</p>
      <div className="store-actions">
        {!status.encrypted && action('encrypt', 'Encrypt…', 'store-encrypt')}
        {status.encrypted && action('rekey', 'Change key…', 'store-rekey')}
        {status.encrypted && action('decrypt', 'Decrypt…', 'store-decrypt')}
      </div>
      {status.encrypted && <p className="store-hint">Change key protects the data key with another key in seconds (no data is rewritten); Decrypt rewrites every file. Both ask for the current key first.</p>}
      {dialog && <ConvertDialog action={dialog} status={status} onClose={() => setDialog(null)} />}
    </section>
  );
}
