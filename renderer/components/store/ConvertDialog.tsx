import { useRef, useState, type FormEvent } from 'react';
import type { StoreConversionAction, StoreStatus } from '../../../shared/ipc/store-types';
import { useStoreStatus, type ConversionRequest } from '../../state/store-status-store';
import { TransferModal } from '../transfer/TransferModal';
import { confirmationFor, defaultKeyChoice, newKeyOf } from './convert-request';
import { KeyChoiceFields, type KeyChoice } from './KeyChoiceFields';
import { clearPasswordFields, readNewPassphrase } from './NewPassphraseFields';
import { useStoreStatusStore } from './store-status-context';

const TITLES: Record<StoreConversionAction, string> = { encrypt: 'Encrypt the store', decrypt: 'Decrypt the store', rekey: "Change the store's key" };

/**
 * Encrypt…, Decrypt… and Change key…: choose the key (encrypt, rekey), then confirm. The
 * passphrase fields stay mounted (hidden) during the confirmation and are read once, when the
 * person confirms; they are emptied after the call. Once the conversion starts the dialog closes:
 * the app shows its progress.
 */
export function ConvertDialog({ action, status, onClose }: { action: StoreConversionAction; status: StoreStatus; onClose(): void }) {
  const store = useStoreStatusStore();
  const busy = useStoreStatus(store, (s) => s.busy === 'convert');
  const refused = useStoreStatus(store, (s) => (s.error?.action === 'convert' ? s.error.message : null));
  const [step, setStep] = useState<'choose' | 'confirm'>(action === 'decrypt' ? 'confirm' : 'choose');
  const [choice, setChoice] = useState<KeyChoice>(() => defaultKeyChoice(status));
  const [problem, setProblem] = useState<string | null>(null);
  const form = useRef<HTMLFormElement>(null);
  const close = () => {
    if (busy) return;
    clearPasswordFields(form.current);
    store.getState().clearError();
    onClose();
  };
  const request = (): ConversionRequest | { problem: string } => {
    if (action === 'decrypt') return { action };
    const read = newKeyOf(choice, () => (form.current ? readNewPassphrase(form.current) : { problem: 'The form is gone.' }));
    return 'problem' in read ? read : { action, key: read.key };
  };
  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const r = request();
    if ('problem' in r) {
      setStep(action === 'decrypt' ? 'confirm' : 'choose');
      return setProblem(r.problem);
    }
    setProblem(null);
    if (step === 'choose') return setStep('confirm');
    const started = await store.getState().convert(r);
    clearPasswordFields(form.current);
    if (started) onClose();
    else if (action !== 'decrypt') setStep('choose');
  };
  const c = confirmationFor(action, status, choice);
  const confirming = step === 'confirm';
  return (
    <TransferModal
      title={confirming ? c.title : TITLES[action]}
      testId="convert-dialog"
      onClose={close}
      footer={
        <>
          {confirming && action !== 'decrypt' ? (
            <button type="button" onClick={() => setStep('choose')} disabled={busy}>Back</button>
          ) : (
            <button type="button" onClick={close} disabled={busy}>Cancel</button>
          )}
          <button type="submit" form="convert-form" className={confirming && c.danger ? 'danger-solid' : 'primary'} disabled={busy} data-testid="convert-submit">
            {confirming ? (busy ? 'Starting…' : c.button) : 'Next…'}
          </button>
        </>
      }
    >
      <form id="convert-form" ref={form} onSubmit={(e) => void submit(e)} aria-busy={busy}>
        <div hidden={confirming}>
          <p className="store-intro">
            {action === 'encrypt'
              ? 'Every file of the store will be encrypted with a random data key, protected by the key you choose here.'
              : "The store's data key will be protected by the key you choose here instead of the current one."}
          </p>
          <KeyChoiceFields choice={choice} onChange={(next) => (setProblem(null), setChoice(next))} keychain={status.keychain} disabled={busy} />
        </div>
        {confirming && (
          <div className="store-confirm" data-testid="convert-confirmation">
            {c.lines.map((line, i) => (
              <p key={i} className={i === c.lines.length - 1 ? 'store-confirm-warn' : undefined}>{line}</p>
            ))}
          </div>
        )}
        {(problem ?? refused) && <p className="error-note" role="alert" data-testid="convert-error">{problem ?? refused}</p>}
      </form>
    </TransferModal>
  );
}
