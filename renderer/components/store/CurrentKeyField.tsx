import type { CurrentStoreKey } from '../../../shared/ipc/store-contract';
import type { StoreStatus } from '../../../shared/ipc/store-types';
import { isAbsolutePath } from '../../../shared/ipc/transfer-types';
import { KeyFileField } from './KeyFileField';

export const CURRENT_PASSPHRASE = 'current-passphrase';
export const CURRENT_FOLDER = 'current-folder';

/** The store's folder name: the last part of its path (what an OS-keychain store's decrypt or rekey asks to type). */
export function storeFolderName(path: string): string {
  return path.replace(/[\\/]+$/, '').split(/[\\/]/).pop() ?? path;
}

interface Props {
  status: Pick<StoreStatus, 'path' | 'keyKind'>;
  /** The current key file's path (not a secret: kept in the dialog's state). */
  keyFile: string;
  onKeyFile(path: string): void;
  disabled?: boolean;
}

/**
 * What a decrypt or rekey asks before it starts, so an unlocked window left alone is not enough:
 * the current passphrase (an uncontrolled password field, read once and emptied after the call),
 * the current key file, or for an OS-keychain store (no secret to ask) its folder's name typed.
 */
export function CurrentKeyField({ status, keyFile, onKeyFile, disabled }: Props) {
  if (status.keyKind === 'passphrase') {
    return (
      <div className="store-field">
        <label htmlFor="current-passphrase">Current passphrase</label>
        <input id="current-passphrase" name={CURRENT_PASSPHRASE} type="password" autoComplete="current-password" spellCheck={false} autoFocus disabled={disabled} data-testid="current-passphrase" />
      </div>
    );
  }
  if (status.keyKind === 'key-file') {
    return <KeyFileField id="current-key-file" label="Current key file" value={keyFile} onChange={onKeyFile} purpose="key-file" placeholder="/home/me/keys/store.key" testId="current-key-file" disabled={disabled} autoFocus />;
  }
  const name = storeFolderName(status.path);
  return (
    <div className="store-field">
      <label htmlFor="current-folder">
        Type the store&apos;s folder name, <code>{name}</code>, to confirm
      </label>
      <input id="current-folder" name={CURRENT_FOLDER} type="text" spellCheck={false} autoComplete="off" autoFocus disabled={disabled} data-testid="current-folder" />
    </div>
  );
}

/** The current key the form holds, or what is missing. */
export function readCurrentKey(form: HTMLFormElement, status: Pick<StoreStatus, 'path' | 'keyKind'>, keyFile: string): { current: CurrentStoreKey } | { problem: string } {
  const value = (name: string) => {
    const el = form.elements.namedItem(name);
    return el instanceof HTMLInputElement ? el.value : '';
  };
  if (status.keyKind === 'passphrase') {
    const passphrase = value(CURRENT_PASSPHRASE);
    return passphrase ? { current: { passphrase } } : { problem: 'Enter the current passphrase.' };
  }
  if (status.keyKind === 'key-file') {
    const path = keyFile.trim();
    if (!path) return { problem: "Type the current key file's full path." };
    return isAbsolutePath(path) ? { current: { keyFile: path } } : { problem: 'Type the full path, from the root (e.g. /home/me/keys/store.key).' };
  }
  const typed = value(CURRENT_FOLDER).trim();
  const name = storeFolderName(status.path);
  if (!typed) return { problem: `Type the store's folder name, ${name}, to confirm.` };
  return typed === name ? { current: { folderName: typed } } : { problem: `That is not the store's folder name: type ${name} exactly.` };
}
