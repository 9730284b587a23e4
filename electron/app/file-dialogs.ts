import { dialog, type BrowserWindow, type OpenDialogOptions, type SaveDialogOptions } from 'electron';
import type { Handlers } from '../ipc/dispatch';
import { pickSpec } from './pick-spec';

/**
 * The desktop app's native file and folder picker behind the contract's `app.pickPath`: only for
 * calls from the app's window over IPC (the sender is checked there). A browser-mode call keeps
 * the shared handler, which refuses (a browser types the path; no server-side file browser).
 */
export function withFilePicker(handlers: Handlers, window: () => BrowserWindow | null): Handlers {
  return {
    ...handlers,
    'app.pickPath': async (input, ctx) => {
      if (ctx.transport !== 'ipc') return handlers['app.pickPath'](input, ctx);
      const spec = pickSpec(input.purpose, new Date());
      const win = window();
      if (spec.mode === 'save') {
        const options: SaveDialogOptions = { title: spec.title, buttonLabel: spec.buttonLabel, defaultPath: spec.defaultName, filters: spec.filters, properties: ['createDirectory'] };
        const r = await (win ? dialog.showSaveDialog(win, options) : dialog.showSaveDialog(options));
        return { path: r.canceled || !r.filePath ? null : r.filePath };
      }
      const options: OpenDialogOptions = {
        title: spec.title,
        buttonLabel: spec.buttonLabel,
        filters: spec.filters,
        properties: spec.mode === 'folder' ? ['openDirectory', 'showHiddenFiles'] : ['openFile', 'showHiddenFiles'],
      };
      const r = await (win ? dialog.showOpenDialog(win, options) : dialog.showOpenDialog(options));
      return { path: r.canceled ? null : (r.filePaths[0] ?? null) };
    },
  };
}
