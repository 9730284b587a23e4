import { useRef, useState, type FormEvent } from 'react';
import { asSentence, useStoreStatus } from '../../state/store-status-store';
import type { StoreStatus } from '../../../shared/ipc/store-types';
import { GateFrame } from './GateFrame';
import { KeyFileField } from './KeyFileField';
import { clearPasswordFields } from './NewPassphraseFields';
import { useStoreStatusStore } from './store-status-context';

type Way = 'passphrase' | 'key-file';

/**
 * Shown instead of the app while the store is locked: a passphrase (or a key file's path) opens
 * it. Enter submits; the field is read once, handed to the call and emptied after it, so the
 * passphrase is kept nowhere in the page.
 */
export function UnlockScreen({ status }: { status: StoreStatus }) {
  const store = useStoreStatusStore();
  const busy = useStoreStatus(store, (s) => s.busy === 'unlock');
  const error = useStoreStatus(store, (s) => (s.error?.action === 'unlock' ? s.error.message : null));
  const [way, setWay] = useState<Way>(status.keyKind === 'key-file' ? 'key-file' : 'passphrase');
  const [keyFile, setKeyFile] = useState('');
  const form = useRef<HTMLFormElement>(null);

  if (status.keyKind === 'os-keychain') return <KeychainLocked status={status} />;

  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const el = form.current?.elements.namedItem('passphrase');
    const key = way === 'passphrase' ? { passphrase: el instanceof HTMLInputElement ? el.value : '' } : { keyFile: keyFile.trim() };
    if ('passphrase' in key ? !key.passphrase : !key.keyFile) return;
    const opened = await store.getState().unlock(key);
    clearPasswordFields(form.current);
    if (!opened) form.current?.querySelector<HTMLInputElement>('input')?.focus();
  };
  const switchTo = (next: Way) => {
    clearPasswordFields(form.current);
    store.getState().clearError();
    setWay(next);
  };

  return (
    <GateFrame testId="unlock-screen">
      <form ref={form} onSubmit={(e) => void submit(e)} aria-busy={busy}>
        <h1><span className="store-lock" aria-hidden="true" />Unlock the store</h1>
        <p className="store-gate-path" title={status.path}>
          <code>{status.path}</code>
        </p>
        <p className="muted">
          {way === 'passphrase' ? 'This store is encrypted with a passphrase. Enter it to open the store.' : "This store is encrypted with a key file. Enter the key file's full path on the machine running Sextant."}
        </p>
        {way === 'passphrase' ? (
          <div className="store-field">
            <label htmlFor="unlock-passphrase">Passphrase</label>
            <input id="unlock-passphrase" name="passphrase" type="password" autoComplete="current-password" spellCheck={false} autoFocus disabled={busy} aria-invalid={error ? true : undefined} data-testid="unlock-passphrase" />
          </div>
        ) : (
          <KeyFileField id="unlock-key-file" label="Key file" value={keyFile} onChange={setKeyFile} purpose="key-file" placeholder="/path/to/store.key" testId="unlock-key-file" disabled={busy} autoFocus invalid={!!error} />
        )}
        {error && <p className="error-note" role="alert" data-testid="unlock-error">{error}</p>}
        <div className="store-gate-buttons">
          {status.keyKind === null && (
            // the kind of key is not known: offer the other way in
            <button type="button" className="store-link" onClick={() => switchTo(way === 'passphrase' ? 'key-file' : 'passphrase')} disabled={busy} data-testid="unlock-switch">
              {way === 'passphrase' ? 'Use a key file instead' : 'Use a passphrase instead'}
            </button>
          )}
          <button type="submit" className="primary" disabled={busy} data-testid="unlock-submit">
            {busy ? (
              <>
                <span className="store-spinner" aria-hidden="true" />
                Unlocking…
              </>
            ) : (
              'Unlock'
            )}
          </button>
        </div>
        {busy && <p className="store-hint" role="status">Checking the key (this takes a moment on purpose, and longer after each wrong one: it makes guessing slow).</p>}
      </form>
    </GateFrame>
  );
}

/** A store wrapped with the OS keychain, which cannot be reached now: nothing to type, only the reason and what to do. */
function KeychainLocked({ status }: { status: StoreStatus }) {
  return (
    <GateFrame testId="unlock-screen">
      <h1><span className="store-lock" aria-hidden="true" />The store cannot be opened</h1>
      <p className="store-gate-path" title={status.path}>
        <code>{status.path}</code>
      </p>
      <p>This store&apos;s key is kept in the OS keychain, which cannot be reached right now{status.keychain.reason ? ':' : '.'}</p>
      {status.keychain.reason && <p className="store-reason">{status.keychain.reason}</p>}
      {status.lastError && <p className="error-note" role="alert" data-testid="unlock-error">{asSentence(status.lastError)}</p>}
      <p className="muted">Quit Sextant, unlock the keychain (or sign in to the desktop session that holds it), then start Sextant again. A store moved from another computer opens only there, or after it was rekeyed to a passphrase or a key file on that computer.</p>
    </GateFrame>
  );
}
