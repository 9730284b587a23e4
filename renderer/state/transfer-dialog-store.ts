import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';
import type { TransferCommand } from '../../shared/ipc/transfer-types';
import type { Client } from '../api/client';

export interface TransferDialogState {
  /** The import or export dialog that is open, if any. */
  open: TransferCommand | null;
  /** Experiments to tick when the export dialog opens (e.g. the one on screen). */
  preselect: string[];
  show(command: TransferCommand, preselect?: string[]): void;
  close(): void;
}

/**
 * App-level: which transfer dialog is open. The sidebar's menu and the desktop File menu
 * (`app.command`, sent to the app's window only) open them; one at a time.
 */
export function createTransferDialogStore(api: Client) {
  const store = createStore<TransferDialogState>()((set) => ({
    open: null,
    preselect: [],
    show(command, preselect = []) {
      set({ open: command, preselect });
    },
    close() {
      set({ open: null, preselect: [] });
    },
  }));
  // A job started in a dialog goes on in the progress panel when another dialog replaces it.
  api.on('app.command', ({ command }) => store.getState().show(command));
  return store;
}

export type TransferDialogStore = ReturnType<typeof createTransferDialogStore>;
export const useTransferDialog = <T,>(store: TransferDialogStore, pick: (s: TransferDialogState) => T) => useStore(store, pick);
