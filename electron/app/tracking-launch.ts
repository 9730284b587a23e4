import { afterListenFailure, settingsAfterAnswer, type PortAnswer } from './port-choice';
import type { SettingsStore } from './settings';

export interface LaunchDeps<T> {
  /** Opens the store and starts the server on `port` (0 = any free port). */
  open(port: number): Promise<T>;
  settings: SettingsStore;
  /** Asks the user what to do about a taken port. */
  ask(port: number): Promise<PortAnswer>;
  log(msg: string): void;
}

/**
 * Starts tracking on the port from the settings. When that port is taken: ask (or follow the
 * remembered choice), then start on a free port, or give up. Resolves null when the user chose
 * to quit; rejects for every other failure (a locked or corrupt store, …).
 */
export async function launchTracking<T>(deps: LaunchDeps<T>): Promise<T | null> {
  const { port, onPortInUse } = deps.settings.get();
  try {
    return await deps.open(port);
  } catch (err) {
    const next = afterListenFailure(err, port, onPortInUse);
    if (next === 'fail') throw err;
    const answer: PortAnswer = next === 'ask' ? await deps.ask(port) : { choice: 'free-port', remember: false };
    const patch = settingsAfterAnswer(answer);
    if (patch) deps.settings.update(patch);
    if (answer.choice === 'quit') return null;
    deps.log(`port ${port} is taken; starting the tracking server on a free port`);
    return deps.open(0);
  }
}
