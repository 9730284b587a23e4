import type { PickPurpose } from '../../shared/ipc/transfer-types';

/** What the native picker shows for a purpose: plain data, so it is tested without Electron. */
export interface PickSpec {
  mode: 'file' | 'folder' | 'save';
  title: string;
  buttonLabel: string;
  filters?: { name: string; extensions: string[] }[];
  /** A save dialog's suggested file name. */
  defaultName?: string;
}

/** The file name extension Sextant suggests for bundles (the kind is read from the content, not the name). */
export const BUNDLE_EXTENSION = 'sxb';

/** The file name extension Sextant suggests for store key files (any name opens: the content is checked). */
export const KEY_FILE_EXTENSION = 'key';

const KEY_FILES = { name: 'Key files', extensions: [KEY_FILE_EXTENSION] };
const ALL_FILES = { name: 'All files', extensions: ['*'] };
const BUNDLES = { name: 'Sextant bundles', extensions: [BUNDLE_EXTENSION] };

export function pickSpec(purpose: PickPurpose, now: Date): PickSpec {
  switch (purpose) {
    case 'mlflow-db':
      return { mode: 'file', title: 'Import MLflow data: choose an MLflow SQLite database', buttonLabel: 'Choose', filters: [{ name: 'SQLite databases', extensions: ['db', 'sqlite', 'sqlite3'] }, ALL_FILES] };
    case 'mlruns-folder':
      return { mode: 'folder', title: 'Import MLflow data: choose an mlruns folder', buttonLabel: 'Choose' };
    case 'project-folder':
      return { mode: 'folder', title: 'Run project: choose a project folder', buttonLabel: 'Choose' };
    case 'artifacts-folder':
      return { mode: 'folder', title: 'Choose the folder the artifacts were moved to', buttonLabel: 'Choose' };
    case 'bundle':
      return { mode: 'file', title: 'Import bundle: choose a Sextant bundle', buttonLabel: 'Choose', filters: [BUNDLES, ALL_FILES] };
    case 'since-bundle':
      return { mode: 'file', title: 'Export changes since an earlier bundle: choose that bundle', buttonLabel: 'Choose', filters: [BUNDLES, ALL_FILES] };
    case 'key-file':
      return { mode: 'file', title: "Choose the store's key file", buttonLabel: 'Choose', filters: [KEY_FILES, ALL_FILES] };
    case 'key-file-out':
      return { mode: 'save', title: 'New key file: save as', buttonLabel: 'Create here', filters: [KEY_FILES], defaultName: `sextant-store.${KEY_FILE_EXTENSION}` };
    case 'bundle-out':
      return { mode: 'save', title: 'Export bundle: save as', buttonLabel: 'Export here', filters: [BUNDLES], defaultName: `sextant-${now.toISOString().slice(0, 10)}.${BUNDLE_EXTENSION}` };
  }
}
