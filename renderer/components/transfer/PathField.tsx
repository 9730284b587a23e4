import { useState } from 'react';
import type { PickPurpose } from '../../../shared/ipc/transfer-types';
import { useApp } from '../../app-context';
import { useTransfer } from './transfer-context';

interface Props {
  label: string;
  value: string;
  onChange(path: string): void;
  /** One Browse button per kind of thing the path may be (a folder or a file: the OS picker takes one kind at a time). */
  pickers: { purpose: PickPurpose; label: string }[];
  placeholder: string;
  testId: string;
  disabled?: boolean;
  autoFocus?: boolean;
}

/**
 * A path on the machine running Sextant: typed, or chosen with the OS picker in the desktop app.
 * In browser mode there is no picker (the browser cannot see that machine's files): the field
 * says so, and the Browse buttons are not there.
 */
export function PathField({ label, value, onChange, pickers, placeholder, testId, disabled, autoFocus }: Props) {
  const { api } = useApp();
  const { nativePicker } = useTransfer();
  const [error, setError] = useState<string | null>(null);
  const pick = (purpose: PickPurpose) => {
    setError(null);
    api.call('app.pickPath', { purpose }).then(
      ({ path }) => path !== null && onChange(path),
      (e: Error) => setError(e.message),
    );
  };
  return (
    <div className="transfer-field">
      <label htmlFor={testId}>{label}</label>
      <div className="transfer-path-row">
        <input
          id={testId}
          type="text"
          spellCheck={false}
          autoComplete="off"
          value={value}
          placeholder={placeholder}
          disabled={disabled}
          autoFocus={autoFocus}
          onChange={(e) => onChange(e.target.value)}
          data-testid={testId}
        />
        {nativePicker &&
          pickers.map((p) => (
            <button key={p.purpose} type="button" disabled={disabled} onClick={() => pick(p.purpose)} data-testid={`${testId}-browse-${p.purpose}`}>
              {p.label}
            </button>
          ))}
      </div>
      {!nativePicker && (
        <p className="transfer-hint" data-testid={`${testId}-hint`}>
          Type the full path on the machine running Sextant (this browser cannot browse its files).
        </p>
      )}
      {error && <p className="error-note" role="alert">{error}</p>}
    </div>
  );
}
