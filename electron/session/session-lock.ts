import type { Socket } from 'node:net';
import type { StoreLock } from '../store/store-lock';

/** Takes the store's one-writer lock (acquireStoreLock), sending each connection to its socket to `onConnection`. */
export type TakeStoreLock = (dir: string, onConnection: (socket: Socket) => void) => Promise<StoreLock>;

/**
 * The store's one-writer lock as the store session holds it: from the start, also while the store
 * is locked or waiting for a choice of protection, so no other process can open the store then.
 * While the store is open its lock socket's connections (jobs the CLI hands over) go to the open
 * store's job host; otherwise to `refuse`, which answers each with one sentence.
 * It is let go only for a conversion (the converter takes the lock itself) and at the end.
 */
export class SessionLock {
  private lock: StoreLock | null = null;
  private route: ((socket: Socket) => void) | null = null;

  constructor(
    private readonly dir: string,
    private readonly take_: TakeStoreLock,
    private readonly refuse: (socket: Socket) => void,
  ) {}

  get held(): boolean {
    return this.lock !== null;
  }

  /** Takes the lock unless held; throws (StoreOpenError, naming the holder) when another process has it. */
  async take(): Promise<void> {
    if (this.lock) return;
    this.lock = await this.take_(this.dir, (socket) => (this.route ?? this.refuse)(socket));
  }

  /** Lets the lock go (a conversion's converter takes it, or the session ends). */
  async letGo(): Promise<void> {
    const lock = this.lock;
    this.lock = null;
    this.route = null;
    await lock?.release();
  }

  /**
   * The held lock for Store.open (StoreOptions.lock): its connections go to `onConnection` until
   * `unroute`; its release does nothing (the store closing does not let the session's lock go).
   * Null when the lock is not held.
   */
  lend(onConnection: (socket: Socket) => void): StoreLock | null {
    if (!this.lock) return null;
    this.route = onConnection;
    return { endpoint: this.lock.endpoint, release: async () => {} };
  }

  /** The store lent the lock closed (or did not open): connections are refused again. */
  unroute(): void {
    this.route = null;
  }
}
