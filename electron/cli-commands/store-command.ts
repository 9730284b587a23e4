import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { RateMeter } from '../jobs/rate-meter';
import { createProgressDisplay, type ProgressDisplay } from '../jobs/progress-display';
import { renderProgressLine } from '../jobs/progress-line';
import { ConvertCancelledError, convertStore, type ConvertTarget } from '../store/convert/convert-store';
import type { ConvertProgress } from '../store/convert/convert-progress';
import { rekeyedSentence } from '../store/convert/rekey-job';
import { StoreHeldError, storeIsHeld } from '../store/convert/store-holder';
import { rekeyStore } from '../store/convert/store-rekey';
import type { KekSource } from '../store/crypto/keys/kek-source';
import { defaultStoreDir } from '../user-data-dir';
import { KEY_FILE_ENV, keyFileSource } from './key-file-option';
import { rekeyInHolder } from './store-rekey-handoff';

export const storeHelp = `sextant store encrypt|decrypt|rekey --store DIR --key-file FILE [--new-key-file NEW]

Converts a whole store, or rotates its key. encrypt and decrypt need the store closed: when
the app or \`sextant serve\` has it open, stop it first. rekey runs in the app or \`sextant serve\`
when one has the store open.

  sextant store encrypt --store DIR --key-file FILE
      encrypts a plain store with the key in FILE (make one with sextant key generate).
  sextant store decrypt --store DIR --key-file FILE
      turns a store encrypted with FILE back into a plain one.
  sextant store rekey --store DIR --key-file OLD --new-key-file NEW
      from now on the store opens with NEW, no longer with OLD. Only the store's key header is
      rewritten (its data key is wrapped again), so it takes seconds whatever the store's size.

encrypt and decrypt write a converted copy beside the store (DIR.sextant-convert-*), check that
it opens and holds the same, then put it in the store's place. The disk needs room for that copy:
it is checked first. Progress goes to stderr; Ctrl-C cancels and removes the copy. A kill or a
power cut at any moment leaves the old store or the converted one, never a mix: run the command
again and it finishes (or cleans up) what it finds.

Options:
  --store DIR          store folder (default: ${defaultStoreDir()})
  --key-file FILE      encrypt: the new key; decrypt and rekey: the store's key now.
                       Or set ${KEY_FILE_ENV}=FILE
  --new-key-file NEW   rekey: the key the store opens with from now on
  -h, --help           show this help

Exit status: 0 done (or nothing to do), 1 refused or failed (one line on stderr), 2 bad usage,
130 cancelled.`;

/** Where the command prints, and how it hears Ctrl-C (tests pass their own). */
export interface StoreCommandIo {
  out(line: string): void;
  err: { write(text: string): unknown; isTTY?: boolean; columns?: number };
  onInterrupt?: (listener: () => void) => () => void;
  /** Ends the process at a second Ctrl-C (default: process.exit). */
  exit?: (code: number) => void;
  now?: () => number;
}

const defaultIo = (): StoreCommandIo => ({ out: (l) => console.log(l), err: process.stderr });

export async function storeCommand(argv: string[], io: StoreCommandIo = defaultIo()): Promise<number> {
  const usage = (msg: string) => {
    io.err.write(`sextant store: ${msg}\n\n${storeHelp}\n`);
    return 2;
  };
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { store: { type: 'string' }, 'key-file': { type: 'string' }, 'new-key-file': { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    });
  } catch (err) {
    return usage((err as Error).message);
  }
  const { values, positionals } = parsed;
  const [action, ...extra] = positionals;
  if (values.help || action === undefined) {
    io.out(storeHelp);
    return values.help ? 0 : 2;
  }
  if (action !== 'encrypt' && action !== 'decrypt' && action !== 'rekey') return usage(`unknown action '${action}' (encrypt, decrypt or rekey)`);
  if (extra.length) return usage(`${action} takes no arguments besides its options`);
  const dir = resolve(values.store ?? defaultStoreDir());
  const key = keyFileSource(values['key-file']);
  if (!key || key.kind !== 'key-file') return usage(`${action} needs --key-file FILE (or ${KEY_FILE_ENV})`);
  const fail = (err: unknown) => {
    io.err.write(`sextant store ${action}: ${(err as Error).message}\n`);
    return 1;
  };
  if (action === 'rekey') {
    if (!values['new-key-file']) return usage('rekey needs --new-key-file NEW');
    const to: KekSource = { kind: 'key-file', path: resolve(values['new-key-file']) };
    if (to.path === key.path) return usage('--new-key-file must be another file than --key-file');
    const args = { from: key.path, to: to.path };
    try {
      // The app or `sextant serve` holding the store rotates the key of its open store; else it is done here.
      let summary = (await storeIsHeld(dir)) ? await rekeyInHolder(dir, args) : null;
      if (summary === null) {
        await rekeyStore({ dir, from: key, to }).catch(async (err: unknown) => {
          if (!(err instanceof StoreHeldError)) throw err;
          summary = await rekeyInHolder(dir, args); // opened by another process meanwhile
          if (summary === null) throw err;
        });
      }
      io.out(summary ?? rekeyedSentence(dir, args));
    } catch (err) {
      return fail(err);
    }
    return 0;
  }
  if (values['new-key-file']) return usage('--new-key-file is for rekey only');
  return runConversion(dir, action === 'encrypt' ? 'encrypted' : 'plain', key, io);
}

async function runConversion(dir: string, to: ConvertTarget, key: KekSource, io: StoreCommandIo): Promise<number> {
  const verb = to === 'encrypted' ? 'encrypt' : 'decrypt';
  const now = io.now ?? Date.now;
  const progress = progressOut(io, verb, now);
  const cancel = new AbortController();
  let interrupts = 0;
  const stop = (io.onInterrupt ?? onSigint)(() => {
    if (++interrupts === 1) {
      cancel.abort(new ConvertCancelledError('cancelled'));
      progress.log('cancelling: removing the partial copy (Ctrl-C again to quit at once; the next run cleans up)');
    } else {
      progress.clear();
      (io.exit ?? ((code: number) => process.exit(code)))(130);
    }
  });
  try {
    const result = await convertStore({ dir, to, key, signal: cancel.signal, onProgress: (p) => progress.progress(p), log: (line) => progress.log(line) });
    progress.clear();
    io.out(result.summary);
    return 0;
  } catch (err) {
    progress.clear();
    if (err instanceof ConvertCancelledError) {
      io.err.write(`sextant store ${verb}: ${err.message}\n`);
      return 130;
    }
    io.err.write(`sextant store ${verb}: ${(err as Error).message}\n`);
    return 1;
  } finally {
    stop();
  }
}

/** Progress on stderr: one updating line on a terminal; elsewhere a plain line every few seconds. */
function progressOut(io: StoreCommandIo, verb: string, now: () => number): ProgressDisplay {
  if (io.err.isTTY) return createProgressDisplay({ out: io.err, kind: verb, columns: () => io.err.columns ?? 80, now });
  const meter = new RateMeter();
  let last = 0;
  return {
    progress(p: ConvertProgress) {
      meter.add(now(), p);
      if (now() - last < PLAIN_PROGRESS_EVERY_MS) return;
      last = now();
      io.err.write(`${renderProgressLine({ kind: verb, progress: { ...p, current: undefined }, rates: meter.rates(), width: 120 })}\n`);
    },
    log: (line) => io.err.write(`${line}\n`),
    clear() {},
  };
}

const PLAIN_PROGRESS_EVERY_MS = 5000;

function onSigint(listener: () => void): () => void {
  process.on('SIGINT', listener);
  return () => process.off('SIGINT', listener);
}
