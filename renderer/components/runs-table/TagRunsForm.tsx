import { useState, type FormEvent } from 'react';

interface Props {
  count: number;
  onSet(key: string, value: string): Promise<boolean>;
  onRemove(key: string): Promise<boolean>;
  onDone(): void;
}

/** Sets (or removes) one tag on every selected run. */
export function TagRunsForm({ count, onSet, onRemove, onDone }: Props) {
  const [key, setKey] = useState('');
  const [value, setValue] = useState('');
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (key.trim() && (await onSet(key.trim(), value))) onDone();
  };
  return (
    <form className="tag-runs-form" onSubmit={(e) => void submit(e)} data-testid="tag-runs-form">
      <p className="muted">
        Tag {count} selected run{count === 1 ? '' : 's'}
      </p>
      <input autoFocus placeholder="key" value={key} onChange={(e) => setKey(e.target.value)} aria-label="Tag key" maxLength={250} />
      <input placeholder="value" value={value} onChange={(e) => setValue(e.target.value)} aria-label="Tag value" maxLength={8000} />
      <div className="tag-runs-actions">
        <button type="submit" className="primary" disabled={!key.trim()}>Set tag</button>
        <button type="button" disabled={!key.trim()} onClick={() => void onRemove(key.trim()).then((ok) => ok && onDone())}>Remove tag</button>
      </div>
    </form>
  );
}
