import { createContext, useContext } from 'react';
import type { TransferDialogStore } from '../../state/transfer-dialog-store';

/** What the transfer entry points and dialogs share: which dialog is open (PathField knows whether a native picker exists). */
export interface TransferContextValue {
  dialogs: TransferDialogStore;
}

export const TransferContext = createContext<TransferContextValue | null>(null);

export function useTransfer(): TransferContextValue {
  const ctx = useContext(TransferContext);
  if (!ctx) throw new Error('useTransfer outside <TransferContext.Provider>');
  return ctx;
}
