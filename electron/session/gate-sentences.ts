import type { StoreHolder, StoreState } from '../../shared/ipc/store-types';

/**
 * What every MLflow REST call and contract method (but store.* and app.info) is answered with
 * while the store is not open: one sentence naming the store and what to do.
 */
export function unavailableSentence(dir: string, state: Exclude<StoreState, 'open'>, holder: StoreHolder, converting?: 'encrypt' | 'decrypt' | 'rekey'): string {
  const where = holder === 'app' ? 'in the Sextant window' : 'in the browser, at the URL sextant serve printed';
  switch (state) {
    case 'locked':
      return `store ${dir} is locked: unlock it ${where}`;
    case 'needs-protection':
      return `store ${dir} is not created yet: choose how to protect it ${where}`;
    case 'converting':
      return `store ${dir} is being ${converting === 'decrypt' ? 'decrypted' : 'encrypted'}; try again when that is done`;
  }
}
