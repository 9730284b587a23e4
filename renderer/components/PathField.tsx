import { useState, type ReactNode } from 'react';
import type { PickPurpose } from '../../shared/ipc/transfer-types';
import { useApp } from '../app-context';
import './path-field.css';

/** Whether the OS file picker exists: only in the desktop app (the preload's bridge); a browser types the path. */
export const hasNativePicker = () => typeof window !== 'undefined' && 'bridge' in window;

/** One Browse button: the OS picker for one kind of thing (a folder or a file: the picker takes one kind at a time). */
export interface PathPicker {
  purpose: PickPurpose;
  label: string;
  testId: string;
}

export const TYPED_PATH_HINT = 'Type the full path on the machine running Sextant (this browser cannot browse its files).';

interface Props {
  /** The input's id; by default its test id. */
  id?: string;
  label: ReactNode;
  value: string;
  onChange(path: string): void;
  /** After onChange, for a path the OS picker gave (e.g. open the project at once). */
  onPicked?(path: string): void;
  /** Enter in the field (e.g. open what it names). */
  onEnter?(): void;
  pickers: readonly PathPicker[];
  placeholder: string;
  testId: string;
  /** What browser mode says under the field, where there is no picker. */
  typedHint?: string;
  typedHintTestId?: string;
  /** The field's spacing where it is used (e.g. 'store-field'). */
  className?: string;
  disabled?: boolean;
  /** Only the Browse buttons wait (the path stays editable), e.g. while the path is being read. */
  busy?: boolean;
  autoFocus?: boolean;
  invalid?: boolean;
  /** More buttons at the end of the row (e.g. Open). */
  children?: ReactNode;
}

/**
 * A path on the machine running Sextant: typed, or chosen with the OS picker (Browse…) in the
 * desktop app. In browser mode there is no picker (the browser cannot see that machine's files):
 * the field says so, and the Browse buttons are not there. A path is no secret: a plain input.
 */
export function PathField({ id, label, value, onChange, onPicked, onEnter, pickers, placeholder, testId, typedHint = TYPED_PATH_HINT, typedHintTestId, className, disabled, busy, autoFocus, invalid, children }: Props) {
  const { api } = useApp();
  const [pickError, setPickError] = useState<string | null>(null);
  const native = hasNativePicker();
  const inputId = id ?? testId;
  const pick = (purpose: PickPurpose) => {
    setPickError(null);
    api.call('app.pickPath', { purpose }).then(
      ({ path }) => {
        if (path === null) return;
        onChange(path);
        onPicked?.(path);
      },
      (e: Error) => setPickError(e.message),
    );
  };
  return (
    <div className={className ? `path-field ${className}` : 'path-field'}>
      <label htmlFor={inputId}>{label}</label>
      <div className="path-field-row">
        <input
          id={inputId}
          type="text"
          spellCheck={false}
          autoComplete="off"
          autoFocus={autoFocus}
          placeholder={placeholder}
          value={value}
          disabled={disabled}
          aria-invalid={invalid ? true : undefined}
          onChange={(e) => onChange(e.target.value)}
          onKeyDown={
            onEnter &&
            ((e) => {
              if (e.key !== 'Enter') return;
              e.preventDefault();
              onEnter();
            })
          }
          data-testid={testId}
        />
        {native &&
          pickers.map((p) => (
            <button key={p.purpose} type="button" disabled={disabled || busy} onClick={() => pick(p.purpose)} data-testid={p.testId}>
              {p.label}
            </button>
          ))}
        {children}
      </div>
      {!native && (
        <p className="path-field-hint" data-testid={typedHintTestId}>
          {typedHint}
        </p>
      )}
      {pickError && (
        <p className="error-note" role="alert">
          {pickError}
        </p>
      )}
    </div>
  );
}
