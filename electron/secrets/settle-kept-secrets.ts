import type { KeptSecrets } from '../ipc/kept-secrets';
import { setSecretRef } from '../services/remotes-service';
import type { ServiceContext } from '../services/service-context';
import { listRemotes } from '../store/sync/sync-repo';
import { openRemoteSecret, sealRemoteSecret } from './sealed-remote-secret';
import { secretPlaceOf, secretWord } from './secret-place';

/** What a move of kept secrets did, one sentence per remote (never a secret). */
export interface SettleReport {
  /** Remotes whose secret changed place (store → app keychain, or app keychain → store). */
  moved: string[];
  /** Remotes whose secret could not be kept any more: it must be entered again. */
  dropped: string[];
  notes: string[];
}

const emptyReport = (): SettleReport => ({ moved: [], dropped: [], notes: [] });

/**
 * Before an open encrypted store is decrypted: a plain store cannot keep secrets, so each one
 * sealed in it moves to the desktop app's OS keychain (first kept there, then the row says so:
 * interrupted in between, both hold it and the next settle finishes), or, headless or without a
 * keychain, is dropped from the row with a note saying which remotes need theirs entered again.
 */
export async function releaseStoreSecrets(svc: ServiceContext, app?: KeptSecrets): Promise<SettleReport> {
  const report = emptyReport();
  const why = app ? app.unavailable() : 'only the desktop app can keep a password or token outside the store';
  for (const row of listRemotes(svc.store.db)) {
    const place = secretPlaceOf(row);
    if (place.kind !== 'store') continue;
    const word = secretWord(row.authKind);
    let secret: string | undefined;
    try {
      secret = openRemoteSecret(svc.store, row.name, place.ref);
    } catch (err) {
      report.notes.push((err as Error).message);
    }
    if (secret !== undefined && app && !why) {
      app.keep(row.name, secret);
      await setSecretRef(svc, row, '');
      report.moved.push(row.name);
      report.notes.push(`the ${word} of remote '${row.name}' moved from the store to the OS keychain (a plain store cannot keep it)`);
      continue;
    }
    await setSecretRef(svc, row, '');
    report.dropped.push(row.name);
    report.notes.push(`the ${word} of remote '${row.name}' was dropped (a plain store cannot keep it${why ? `, and ${why}` : ''}): enter it again, or name an environment variable`);
  }
  return report;
}

/**
 * Puts kept secrets where this store wants them; run when a store opens (and after it was
 * encrypted or decrypted). Encrypted: secrets the app's keychain keeps for this store's remotes
 * move into the store (sealed in the row, then forgotten by the app), and app copies of secrets
 * already in the store are forgotten. Plain: sealed secrets it can no longer open (the store was
 * decrypted by a command, without the app) are dropped with a note. Remotes whose secret comes
 * from an environment variable, or none, lose any app copy left behind.
 */
export async function settleKeptSecrets(svc: ServiceContext, app?: KeptSecrets): Promise<SettleReport> {
  const report = emptyReport();
  const encrypted = svc.store.keys !== null;
  for (const row of listRemotes(svc.store.db)) {
    const place = secretPlaceOf(row);
    const word = secretWord(row.authKind);
    if (place.kind === 'store' && !encrypted) {
      await setSecretRef(svc, row, '');
      report.dropped.push(row.name);
      report.notes.push(`the ${word} of remote '${row.name}' was kept in the store when it was encrypted; a plain store cannot keep it: enter it again, or name an environment variable`);
      continue;
    }
    if (!app) continue;
    if (place.kind === 'app' && encrypted) {
      const secret = app.get(row.name);
      if (secret === undefined) continue;
      await setSecretRef(svc, row, sealRemoteSecret(svc.store, row.name, secret));
      app.forget(row.name);
      report.moved.push(row.name);
      report.notes.push(`the ${word} of remote '${row.name}' moved from the OS keychain into the encrypted store`);
    } else if (place.kind !== 'app' && app.has(row.name)) {
      app.forget(row.name); // a copy left by an interrupted move, or by a remote since given a variable
    }
  }
  return report;
}
