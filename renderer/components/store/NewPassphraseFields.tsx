import { useRef, useState } from 'react';
import { passphraseStrength, type PassphraseStrength } from './passphrase-strength';
import { newPassphraseProblem } from './store-texts';

export const NEW_PASSPHRASE = 'new-passphrase';
export const CONFIRM_PASSPHRASE = 'confirm-passphrase';

/**
 * A new passphrase typed twice, with a strength hint. The inputs are uncontrolled: what is typed
 * stays in the two fields (read once on submit with readNewPassphrase), never in React or app
 * state; only the hint and whether the entries differ are kept.
 */
export function NewPassphraseFields({ idPrefix, disabled, autoFocus }: { idPrefix: string; disabled?: boolean; autoFocus?: boolean }) {
  const first = useRef<HTMLInputElement>(null);
  const second = useRef<HTMLInputElement>(null);
  const [strength, setStrength] = useState<PassphraseStrength | null>(null);
  const [differ, setDiffer] = useState(false);
  const update = () => {
    const a = first.current?.value ?? '';
    const b = second.current?.value ?? '';
    setStrength(a ? passphraseStrength(a) : null);
    setDiffer(b.length > 0 && a !== b);
  };
  return (
    <div className="store-passphrase-fields">
      <div className="store-field">
        <label htmlFor={`${idPrefix}-new`}>New passphrase</label>
        <input ref={first} id={`${idPrefix}-new`} name={NEW_PASSPHRASE} type="password" autoComplete="new-password" spellCheck={false} disabled={disabled} autoFocus={autoFocus} onInput={update} data-testid={`${idPrefix}-new`} />
        <div className="strength" data-level={strength?.level ?? 'none'} data-testid={`${idPrefix}-strength`}>
          <div className="strength-meter" aria-hidden="true">
            {[1, 2, 3, 4].map((i) => (
              <span key={i} className={strength && strength.score >= i ? 'on' : undefined} />
            ))}
          </div>
          <span className="strength-hint" aria-live="polite">{strength?.hint ?? 'Several unrelated words make a strong passphrase that is easy to remember.'}</span>
        </div>
      </div>
      <div className="store-field">
        <label htmlFor={`${idPrefix}-confirm`}>Type it again</label>
        <input ref={second} id={`${idPrefix}-confirm`} name={CONFIRM_PASSPHRASE} type="password" autoComplete="new-password" spellCheck={false} disabled={disabled} onInput={update} data-testid={`${idPrefix}-confirm`} />
        {differ && <span className="store-hint store-warn" data-testid={`${idPrefix}-differ`}>The two entries differ.</span>}
      </div>
    </div>
  );
}

const valueOf = (form: HTMLFormElement, name: string) => {
  const el = form.elements.namedItem(name);
  return el instanceof HTMLInputElement ? el.value : '';
};

/** The new passphrase in the form, or why it cannot be used. */
export function readNewPassphrase(form: HTMLFormElement): { passphrase: string } | { problem: string } {
  const passphrase = valueOf(form, NEW_PASSPHRASE);
  const problem = newPassphraseProblem(passphrase, valueOf(form, CONFIRM_PASSPHRASE));
  return problem ? { problem } : { passphrase };
}

/** Empties every password field of the form (after the call that used them). */
export function clearPasswordFields(form: HTMLFormElement | null): void {
  form?.querySelectorAll<HTMLInputElement>('input[type="password"]').forEach((input) => {
    input.value = '';
    input.dispatchEvent(new Event('input', { bubbles: true })); // the strength hint follows
  });
}
