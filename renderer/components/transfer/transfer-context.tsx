import { createContext, useContext } from 'react';
import type { TransferDialogStore } from '../../state/transfer-dialog-store';

/** What the transfer entry points and dialogs share: which dialog is open, and whether a native picker exists. */
export interface TransferContextValue {
  dialogs: TransferDialogStore;
  /** True in the desktop app (the preload's bridge is there): Browse opens the OS picker. Browser mode types paths. */
  nativePicker: boolean;
}

export const TransferContext = createContext<TransferContextValue | null>(null);

export function useTransfer(): TransferContextValue {
  const ctx = useContext(TransferContext);
  if (!ctx) throw new Error('useTransfer outside <TransferContext.Provider>');
  return ctx;
}
