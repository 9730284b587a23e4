import type { NewStoreKey } from '../../../shared/ipc/store-contract';
import type { StoreConversionAction, StoreStatus } from '../../../shared/ipc/store-types';
import { isAbsolutePath } from '../../../shared/ipc/transfer-types';
import type { KeyChoice } from './KeyChoiceFields';
import { keyKindLabel } from './store-texts';

/** The key the dialog's choice asks for, or why it cannot be used. `passphrase` is read from its fields only now. */
export function newKeyOf(choice: KeyChoice, passphrase: () => { passphrase: string } | { problem: string }): { key: NewStoreKey } | { problem: string } {
  if (choice.kind === 'os-keychain') return { key: { kind: 'os-keychain' } };
  if (choice.kind === 'passphrase') {
    const read = passphrase();
    return 'problem' in read ? read : { key: { kind: 'passphrase', passphrase: read.passphrase } };
  }
  const path = choice.path.trim();
  if (!path) return { problem: "Type the key file's full path." };
  if (!isAbsolutePath(path)) return { problem: 'Type the full path, from the root (e.g. /home/me/keys/store.key).' };
  return { key: { kind: 'key-file', path, ...(choice.generate ? { generate: true } : {}) } };
}

/** The first key kind offered: the OS keychain when this process has one, else a passphrase. */
export function defaultKeyChoice(status: Pick<StoreStatus, 'keychain'>): KeyChoice {
  return { kind: status.keychain.available ? 'os-keychain' : 'passphrase', path: '', generate: true };
}

export interface Confirmation {
  title: string;
  /** What will happen, in order; the last line is what the person must know before saying yes. */
  lines: string[];
  button: string;
  danger: boolean;
}

/** The confirmation step's words for an action and (encrypt, rekey) the chosen kind of key. */
export function confirmationFor(action: StoreConversionAction, status: Pick<StoreStatus, 'path' | 'keyKind'>, choice: KeyChoice): Confirmation {
  const with_ = `with ${choice.kind === 'os-keychain' ? 'a key in the OS keychain' : choice.kind === 'passphrase' ? 'your passphrase' : `the key file ${choice.path.trim()}`}`;
  const lose =
    choice.kind === 'passphrase'
      ? 'If the passphrase is forgotten, the store cannot be opened: nobody can recover it.'
      : choice.kind === 'key-file'
        ? 'If the key file is lost, the store cannot be opened: keep a copy somewhere safe.'
        : 'The store will open only for your account on this computer (copy it elsewhere with decrypt, or rekey to a key file first).';
  if (action === 'encrypt') {
    return {
      title: 'Encrypt the store?',
      lines: [
        `Store ${status.path} will be encrypted ${with_}.`,
        'Sextant closes the store, writes an encrypted copy beside it (the disk needs room for a second copy), checks it and puts it in its place. The app is unavailable until it ends.',
        lose,
      ],
      button: 'Encrypt the store',
      danger: false,
    };
  }
  if (action === 'decrypt') {
    return {
      title: 'Decrypt the store?',
      lines: [
        `Store ${status.path} will be turned back into plain files.`,
        'Sextant closes the store, writes a decrypted copy beside it (the disk needs room for a second copy), checks it and puts it in its place. The app is unavailable until it ends.',
        'Afterwards anyone who can read its folder (a lost laptop, a backup) can read every run, parameter and artifact.',
      ],
      button: 'Decrypt the store',
      danger: true,
    };
  }
  return {
    title: "Change the store's key?",
    lines: [
      `Store ${status.path} will open ${with_} from now on${status.keyKind ? `, no longer with its ${keyKindLabel(status.keyKind)}` : ''}.`,
      'Only the store\u2019s data key is wrapped again: no data is rewritten, so it takes seconds.',
      lose,
    ],
    button: 'Change the key',
    danger: false,
  };
}
