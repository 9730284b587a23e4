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

/**
 * What a CLI command handing a job to this process hears while the store is not open (it would
 * otherwise wait for an answer that cannot come): one sentence naming the store and what to do.
 */
export function handOffRefusalSentence(dir: string, state: StoreState, holder: StoreHolder, converting?: 'encrypt' | 'decrypt' | 'rekey'): string {
  const who = holder === 'app' ? 'the Sextant app' : 'sextant serve';
  switch (state) {
    case 'locked':
      return `store ${dir} is held by ${who} but locked: unlock it first`;
    case 'needs-protection':
      return `store ${dir} is held by ${who} but not created yet: choose how to protect it in the Sextant window first`;
    case 'converting':
      return `store ${dir} is held by ${who} and is being ${converting === 'decrypt' ? 'decrypted' : 'encrypted'}: run this again when that is done`;
    case 'open':
      return `store ${dir} is held by ${who} and is being reopened: run this again in a moment`;
  }
}
