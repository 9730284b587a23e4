import type { PortInUsePolicy, SettingsPatch } from './settings';

/** What the user answered when the tracking server's port was taken. */
export interface PortAnswer {
  choice: 'free-port' | 'quit';
  /** "Always use a free port when this happens" */
  remember: boolean;
}

/** Another process has the port (EADDRINUSE), or the OS will not let us have it (EACCES, ports < 1024). */
export const isPortUnavailable = (err: unknown): boolean => {
  const code = (err as NodeJS.ErrnoException | null)?.code;
  return code === 'EADDRINUSE' || code === 'EACCES';
};

/**
 * After the server failed to listen on `port`: 'fail' for anything that is not a port conflict
 * (or when a free port itself failed), otherwise ask the user or, if they said so before, take
 * a free port straight away.
 */
export function afterListenFailure(err: unknown, port: number, policy: PortInUsePolicy): 'fail' | 'ask' | 'free-port' {
  if (!isPortUnavailable(err) || port === 0) return 'fail';
  return policy === 'free-port' ? 'free-port' : 'ask';
}

/** Only "use a free port, always" is remembered; quitting is never made permanent. */
export const settingsAfterAnswer = (answer: PortAnswer): SettingsPatch | null =>
  answer.choice === 'free-port' && answer.remember ? { onPortInUse: 'free-port' } : null;

/** The words of the dialog, kept with the logic so they are tested with it. */
export function portTakenPrompt(port: number) {
  return {
    title: 'Port in use',
    message: `Port ${port} is already in use, so Sextant cannot start its tracking server there.`,
    detail:
      `Another program (perhaps an "mlflow server", or Sextant started from a terminal) is listening on 127.0.0.1:${port}.\n\n` +
      'Sextant can start on a free port instead; the status bar then shows the address to use as MLFLOW_TRACKING_URI. ' +
      `Or quit, stop the other program, and start Sextant again.`,
    buttons: ['Use a free port', 'Quit'] as const,
    checkboxLabel: `Always use a free port when ${port} is taken`,
  };
}
