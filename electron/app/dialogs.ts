import { dialog } from 'electron';
import { portTakenPrompt, type PortAnswer } from './port-choice';

/** The way out when the port is taken: a free port (optionally always) or quit. */
export async function askPortInUse(port: number): Promise<PortAnswer> {
  const prompt = portTakenPrompt(port);
  const { response, checkboxChecked } = await dialog.showMessageBox({
    type: 'warning',
    title: prompt.title,
    message: prompt.message,
    detail: prompt.detail,
    buttons: [...prompt.buttons],
    defaultId: 0,
    cancelId: 1,
    checkboxLabel: prompt.checkboxLabel,
    checkboxChecked: false,
    noLink: true,
  });
  return { choice: response === 0 ? 'free-port' : 'quit', remember: checkboxChecked };
}

/** Anything else that stops the start (a store open by another process, a corrupt journal …). */
export function showStartupError(err: unknown): void {
  const message = err instanceof Error ? err.message : String(err);
  dialog.showErrorBox('Sextant could not start', `${message}\n\nSextant will quit.`);
}
