import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useStoreStatus } from '../../state/store-status-store';
import type { StoreStatus } from '../../../shared/ipc/store-types';
import { GateFrame } from './GateFrame';
import { clearPasswordFields, NewPassphraseFields, readNewPassphrase } from './NewPassphraseFields';
import { useStoreStatusStore } from './store-status-context';

/**
 * A new store, and no OS keychain to keep its key: say so, with the backend's reason, and offer a
 * passphrase. Keeping the store unencrypted is a second, deliberate choice behind its own
 * confirmation, never what Enter does.
 */
export function KeychainUnavailableScreen({ status }: { status: StoreStatus }) {
  const store = useStoreStatusStore();
  const busy = useStoreStatus(store, (s) => s.busy === 'protect');
  const error = useStoreStatus(store, (s) => (s.error?.action === 'protect' ? s.error.message : null));
  const [problem, setProblem] = useState<string | null>(null);
  const [plainAsked, setPlainAsked] = useState(false);
  const form = useRef<HTMLFormElement>(null);
  const back = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    // the confirmation may open below the fold of a small window: bring it in, focus the safe button
    if (!plainAsked) return;
    back.current?.scrollIntoView({ block: 'nearest' });
    back.current?.focus();
  }, [plainAsked]);

  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    if (!form.current) return;
    const read = readNewPassphrase(form.current);
    if ('problem' in read) return setProblem(read.problem);
    setProblem(null);
    await store.getState().protect({ with: 'passphrase', passphrase: read.passphrase });
    clearPasswordFields(form.current);
  };

  return (
    <GateFrame testId="keychain-unavailable-screen" width="wide">
      <h1><span className="store-lock open" aria-hidden="true" />No OS keychain to protect the new store</h1>
      <p>
        Sextant encrypts a new store with a key kept in the OS keychain, but the keychain is not available on this computer
        {status.keychain.reason ? ':' : '.'}
      </p>
      {status.keychain.reason && <p className="store-reason" data-testid="keychain-reason">{status.keychain.reason}</p>}
      <p className="store-gate-path" title={status.path}>
        New store: <code>{status.path}</code>
      </p>

      <form ref={form} className="store-choice recommended" onSubmit={(e) => void submit(e)} aria-busy={busy} data-testid="protect-passphrase-form">
        <h2>Protect it with a passphrase <span className="store-badge">Recommended</span></h2>
        <p className="muted">You will type it each time Sextant opens the store. Nobody can recover a forgotten passphrase, so keep it in a password manager.</p>
        <NewPassphraseFields idPrefix="protect" disabled={busy} autoFocus />
        {(problem ?? error) && <p className="error-note" role="alert" data-testid="protect-error">{problem ?? error}</p>}
        <div className="store-gate-buttons">
          <button type="submit" className="primary" disabled={busy} data-testid="protect-submit">
            {busy ? (
              <>
                <span className="store-spinner" aria-hidden="true" />
                Encrypting…
              </>
            ) : (
              'Create the encrypted store'
            )}
          </button>
        </div>
      </form>

      <div className="store-choice" data-testid="protect-plain">
        {!plainAsked ? (
          <p className="muted">
            Or{' '}
            <button type="button" className="store-link" onClick={() => setPlainAsked(true)} disabled={busy} data-testid="protect-plain-ask">
              keep this store unencrypted…
            </button>
          </p>
        ) : (
          <>
            <h2>Keep the store unencrypted?</h2>
            <p>Anyone who can read this computer&apos;s disk (a lost laptop, a backup, another account) can read every run, parameter and artifact in it. You can encrypt it later in Store settings.</p>
            <div className="store-gate-buttons">
              <button ref={back} type="button" onClick={() => setPlainAsked(false)} disabled={busy}>Back</button>
              <button type="button" className="danger" onClick={() => void store.getState().protect({ with: 'none' })} disabled={busy} data-testid="protect-plain-confirm">
                Keep it unencrypted
              </button>
            </div>
          </>
        )}
      </div>
    </GateFrame>
  );
}
