import { useTransferDialog } from '../../state/transfer-dialog-store';
import { ExportDialog } from './ExportDialog';
import { ImportDialog } from './ImportDialog';
import { useTransfer } from './transfer-context';

/** The open import or export dialog, if any (one at a time; each opens fresh). */
export function TransferDialogs() {
  const { dialogs } = useTransfer();
  const open = useTransferDialog(dialogs, (s) => s.open);
  const preselect = useTransferDialog(dialogs, (s) => s.preselect);
  const close = dialogs.getState().close;
  if (open === 'import-mlflow') return <ImportDialog key="mlflow" flavor="mlflow" onClose={close} />;
  if (open === 'import-bundle') return <ImportDialog key="bundle" flavor="bundle" onClose={close} />;
  if (open === 'export-bundle') return <ExportDialog preselect={preselect} onClose={close} />;
  return null;
}
