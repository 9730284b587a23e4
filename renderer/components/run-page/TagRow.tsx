import { useState, type KeyboardEvent } from 'react';
import type { KeyValue } from '../../../shared/domain/tracking';

interface Props {
  tag: KeyValue;
  onSave(value: string): Promise<void>;
  onDelete(): Promise<void>;
}

/** One user tag: shown as text, edited in place (Esc cancels), deleted after a confirm. */
export function TagRow({ tag, onSave, onDelete }: Props) {
  const [editing, setEditing] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const run = (fn: () => Promise<void>) => {
    setBusy(true);
    fn().then(() => setEditing(null), () => undefined).finally(() => setBusy(false));
  };
  // Esc anywhere in the form drops the edit unsaved, and stops there (page-level Esc handlers never see it).
  const cancelOnEscape = (e: KeyboardEvent<HTMLFormElement>) => {
    if (e.key !== 'Escape' || e.nativeEvent.isComposing) return;
    e.preventDefault();
    e.stopPropagation();
    setEditing(null);
  };
  return (
    <tr data-testid="run-tag" data-key={tag.key}>
      <th>{tag.key}</th>
      <td className="value">
        {editing === null ? (
          tag.value
        ) : (
          <form className="tag-edit" onSubmit={(e) => { e.preventDefault(); run(() => onSave(editing)); }} onKeyDown={cancelOnEscape}>
            <input value={editing} onChange={(e) => setEditing(e.target.value)} aria-label={`Value of ${tag.key}`} autoFocus maxLength={8000} />
            <button type="submit" className="primary" disabled={busy}>Save</button>
            <button type="button" onClick={() => setEditing(null)}>Cancel</button>
          </form>
        )}
      </td>
      <td className="actions">
        {editing === null && (
          <>
            <button type="button" onClick={() => setEditing(tag.value)} disabled={busy}>Edit</button>
            <button type="button" disabled={busy} onClick={() => { if (window.confirm(`Delete tag "${tag.key}"?`)) run(onDelete); }}>Delete</button>
          </>
        )}
      </td>
    </tr>
  );
}
