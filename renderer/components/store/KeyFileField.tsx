import { PathField } from '../PathField';

interface Props {
  id: string;
  label: string;
  value: string;
  onChange(path: string): void;
  /** key-file: an existing key file; key-file-out: where a new one is written. */
  purpose: 'key-file' | 'key-file-out';
  placeholder: string;
  testId: string;
  disabled?: boolean;
  autoFocus?: boolean;
  invalid?: boolean;
}

/** A key file's full path on the machine holding the store: typed, or chosen with Browse… in the desktop app. */
export function KeyFileField({ purpose, testId, ...field }: Props) {
  return <PathField {...field} className="store-field" pickers={[{ purpose, label: 'Browse…', testId: `${testId}-browse` }]} testId={testId} typedHintTestId={`${testId}-typed`} />;
}
