import type { StoreKeyKind, StoreStatus } from '../../../shared/ipc/store-types';
import { KeyFileField } from './KeyFileField';
import { NewPassphraseFields } from './NewPassphraseFields';

export interface KeyChoice {
  kind: StoreKeyKind;
  /** key-file: its full path on the machine holding the store. */
  path: string;
  /** key-file: write a new random key there first (an existing file is never overwritten). */
  generate: boolean;
}

interface Props {
  choice: KeyChoice;
  onChange(next: KeyChoice): void;
  keychain: StoreStatus['keychain'];
  disabled?: boolean;
}

/**
 * Which key to protect the store with: the OS keychain (when this process has one), a passphrase
 * (typed twice, in uncontrolled fields), or a key file by path (new or existing).
 */
export function KeyChoiceFields({ choice, onChange, keychain, disabled }: Props) {
  const radio = (kind: StoreKeyKind, label: string, note: string, unavailable?: string | null) => (
    <label className={`store-radio${unavailable ? ' unavailable' : ''}`}>
      <input type="radio" name="key-kind" value={kind} checked={choice.kind === kind} disabled={disabled || !!unavailable} onChange={() => onChange({ ...choice, kind })} data-testid={`key-kind-${kind}`} />
      <span>
        <strong>{label}</strong>
        <span className="muted">{unavailable ?? note}</span>
      </span>
    </label>
  );
  return (
    <fieldset className="store-key-choice" disabled={disabled}>
      <legend>Key</legend>
      {radio('os-keychain', 'OS keychain', 'Nothing to type: the key opens for your account on this computer only.', keychain.available ? null : `Not available: ${keychain.reason ?? 'this process has no OS keychain.'}`)}
      {radio('passphrase', 'Passphrase', 'Typed each time Sextant opens the store.')}
      {choice.kind === 'passphrase' && (
        <div className="store-radio-body">
          <NewPassphraseFields idPrefix="convert" disabled={disabled} autoFocus />
        </div>
      )}
      {radio('key-file', 'Key file', 'A file holding a random key, for headless use (sextant serve --key-file).')}
      {choice.kind === 'key-file' && (
        <div className="store-radio-body">
          <KeyFileField id="convert-key-file" label="Key file path" value={choice.path} onChange={(path) => onChange({ ...choice, path })} purpose={choice.generate ? 'key-file-out' : 'key-file'} placeholder="/home/me/keys/store.key" testId="convert-key-file" disabled={disabled} autoFocus />
          <label className="check">
            <input type="checkbox" checked={choice.generate} onChange={(e) => onChange({ ...choice, generate: e.target.checked })} data-testid="convert-key-generate" />
            Create a new key file there (leave unticked to use an existing one)
          </label>
          <p className="store-hint">Keep a copy of the key file somewhere safe: without it the store cannot be opened, and nobody can recover it.</p>
        </div>
      )}
    </fieldset>
  );
}
