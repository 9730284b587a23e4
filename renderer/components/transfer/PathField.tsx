import type { PickPurpose } from '../../../shared/ipc/transfer-types';
import { PathField as SharedPathField } from '../PathField';

interface Props {
  label: string;
  value: string;
  onChange(path: string): void;
  /** One Browse button per kind of thing the path may be (a folder or a file: the OS picker takes one kind at a time). */
  pickers: { purpose: PickPurpose; label: string }[];
  placeholder: string;
  testId: string;
  disabled?: boolean;
  autoFocus?: boolean;
}

/** An import source or export target: the shared path field, with the transfer dialogs' test ids. */
export function PathField({ pickers, testId, ...field }: Props) {
  return <SharedPathField {...field} className="transfer-field" pickers={pickers.map((p) => ({ ...p, testId: `${testId}-browse-${p.purpose}` }))} testId={testId} typedHintTestId={`${testId}-hint`} />;
}
