import { app } from 'electron';

/**
 * Holds the quit until `close` has run once (stop the server, flush and checkpoint the store),
 * then lets it through. Ctrl+C or a kill from a terminal quits the same way.
 */
export function closeBeforeQuit(close: () => Promise<void>, log: (msg: string) => void): void {
  let closed = false;
  app.on('will-quit', (event) => {
    if (closed) return;
    closed = true;
    event.preventDefault();
    log('closing the tracking server and flushing the store');
    close()
      .catch((err: Error) => log(`error while closing: ${err.stack ?? err.message}`))
      .finally(() => app.quit());
  });
}

/** Signals from a terminal or a supervisor become an ordinary quit (which flushes). */
export function quitOnSignals(): void {
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => app.quit());
}
