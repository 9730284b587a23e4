import { useRef, useState, type FormEvent } from 'react';
import type { StoreConversionAction, StoreStatus } from '../../../shared/ipc/store-types';
import { useStoreStatus, type ConversionRequest } from '../../state/store-status-store';
import { TransferModal } from '../transfer/TransferModal';
import type { NewStoreKey } from '../../../shared/ipc/store-contract';
import { confirmationFor, defaultKeyChoice, newKeyOf } from './convert-request';
import { CurrentKeyField, readCurrentKey } from './CurrentKeyField';
import { KeyChoiceFields, type KeyChoice } from './KeyChoiceFields';
import { clearPasswordFields, readNewPassphrase } from './NewPassphraseFields';
import { useStoreStatusStore } from './store-status-context';

const TITLES: Record<StoreConversionAction, string> = { encrypt: 'Encrypt the store', decrypt: 'Decrypt the store', rekey: "Change the store's key" };

/**
 * Encrypt…, Decrypt… and Change key…: choose the key (encrypt, rekey), then confirm; a decrypt
 * or rekey is confirmed with the current key (CurrentKeyField). The passphrase fields stay mounted
 * (hidden) during the confirmation and are read once, when the person confirms; they are emptied
 * after the call. Once the conversion starts the dialog closes:
 * the app shows its progress.
 */
export function ConvertDialog({ action, status, onClose }: { action: StoreConversionAction; status: StoreStatus; onClose(): void }) {
  const store = useStoreStatusStore();
  const busy = useStoreStatus(store, (s) => s.busy === 'convert');
  const refused = useStoreStatus(store, (s) => (s.error?.action === 'convert' ? s.error.message : null));
  const [step, setStep] = useState<'choose' | 'confirm'>(action === 'decrypt' ? 'confirm' : 'choose');
  const [choice, setChoice] = useState<KeyChoice>(() => defaultKeyChoice(status));
  const [problem, setProblem] = useState<string | null>(null);
  const [currentKeyFile, setCurrentKeyFile] = useState('');
  const form = useRef<HTMLFormElement>(null);
  /** What the person types next makes the last refusal go (not the fields emptied after a call, which dispatch input too). */
  const clearRefusal = () => {
    setProblem(null);
    if (refused) store.getState().clearError();
  };
  const close = () => {
    if (busy) return;
    clearPasswordFields(form.current);
    store.getState().clearError();
    onClose();
  };
  /** The new key (encrypt, rekey), or why it cannot be used. */
  const newKey = (f: HTMLFormElement): { key: NewStoreKey | null } | { problem: string } => (action === 'decrypt' ? { key: null } : newKeyOf(choice, () => readNewPassphrase(f)));
  /** The whole request, read at the confirmation (the current key is asked there). */
  const request = (f: HTMLFormElement, key: NewStoreKey | null): ConversionRequest | { problem: string } => {
    if (action === 'encrypt') return { action, key: key! };
    const read = readCurrentKey(f, status, currentKeyFile);
    if ('problem' in read) return read;
    return action === 'decrypt' ? { action, current: read.current } : { action, key: key!, current: read.current };
  };
  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const f = form.current;
    if (!f) return;
    const chosen = newKey(f);
    if ('problem' in chosen) {
      setStep('choose');
      return setProblem(chosen.problem);
    }
    if (step === 'choose') {
      setProblem(null);
      return setStep('confirm');
    }
    const r = request(f, chosen.key);
    if ('problem' in r) return setProblem(r.problem);
    setProblem(null);
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
      <form id="convert-form" ref={form} onSubmit={(e) => void submit(e)} onInput={(e) => e.nativeEvent.isTrusted && clearRefusal()} aria-busy={busy}>
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
            {action !== 'encrypt' && <CurrentKeyField status={status} keyFile={currentKeyFile} onKeyFile={setCurrentKeyFile} disabled={busy} />}
          </div>
        )}
        {(problem ?? refused) && <p className="error-note" role="alert" data-testid="convert-error">{problem ?? refused}</p>}
      </form>
    </TransferModal>
  );
}
