import { useState } from 'react';
import { useApp } from '../../app-context';

/** Whether the OS file picker exists: only in the desktop app (the preload's bridge); a browser types the path. */
export const hasNativePicker = () => typeof window !== 'undefined' && 'bridge' in window;

interface Props {
  id: string;
  label: string;
  value: string;
  onChange(path: string): void;
  /** key-file: an existing key file; key-file-out: where a new one is written. */
  purpose: 'key-file' | 'key-file-out';
  placeholder: string;
  testId: string;
  disabled?: boolean;
  autoFocus?: boolean;
  invalid?: boolean;
}

/**
 * A key file's full path on the machine holding the store: typed, or chosen with the OS picker
 * (Browse…) in the desktop app. A path is no secret: the field is a plain controlled input.
 */
export function KeyFileField({ id, label, value, onChange, purpose, placeholder, testId, disabled, autoFocus, invalid }: Props) {
  const { api } = useApp();
  const [pickError, setPickError] = useState<string | null>(null);
  const native = hasNativePicker();
  const browse = () => {
    setPickError(null);
    api.call('app.pickPath', { purpose }).then(
      ({ path }) => path !== null && onChange(path),
      (e: Error) => setPickError(e.message),
    );
  };
  return (
    <div className="store-field">
      <label htmlFor={id}>{label}</label>
      <div className="store-path-row">
        <input id={id} className="store-path-input" type="text" spellCheck={false} autoComplete="off" autoFocus={autoFocus} placeholder={placeholder} value={value} onChange={(e) => onChange(e.target.value)} disabled={disabled} aria-invalid={invalid ? true : undefined} data-testid={testId} />
        {native && (
          <button type="button" onClick={browse} disabled={disabled} data-testid={`${testId}-browse`}>
            Browse…
          </button>
        )}
      </div>
      {!native && <span className="store-hint" data-testid={`${testId}-typed`}>The full path on the machine running Sextant (this browser cannot browse its files).</span>}
      {pickError && <span className="store-hint store-warn" role="alert">{pickError}</span>}
    </div>
  );
}
