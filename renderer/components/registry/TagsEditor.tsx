import { useState } from 'react';
import type { KeyValue } from '../../../shared/domain/tracking';
import { ErrorNote } from '../ErrorNote';

interface Props {
  tags: readonly KeyValue[] | undefined;
  setTag(key: string, value: string): Promise<void>;
  deleteTag(key: string): Promise<void>;
}

/** Tags of a model or version: add, edit a value in place, delete after a confirm. */
export function TagsEditor({ tags, setTag, deleteTag }: Props) {
  const [editing, setEditing] = useState<{ key: string; value: string } | null>(null);
  const [key, setKey] = useState('');
  const [value, setValue] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const list = [...(tags ?? [])].sort((a, b) => a.key.localeCompare(b.key));

  const run = (fn: () => Promise<void>, after?: () => void) => {
    setBusy(true);
    fn().then(() => { setError(null); after?.(); }, (e: Error) => setError(e.message)).finally(() => setBusy(false));
  };
  const add = () => {
    const k = key.trim();
    if (!k) return setError('A tag needs a key.');
    run(() => setTag(k, value), () => { setKey(''); setValue(''); });
  };

  return (
    <div className="tags-editor">
      {list.length > 0 && (
        <table className="reg-table">
          <tbody>
            {list.map((t) => (
              <tr key={t.key} data-testid="registry-tag" data-key={t.key}>
                <th className="wrap">{t.key}</th>
                <td className="mono">
                  {editing?.key === t.key ? (
                    <form className="reg-form" onSubmit={(e) => { e.preventDefault(); run(() => setTag(t.key, editing.value), () => setEditing(null)); }}>
                      <input value={editing.value} onChange={(e) => setEditing({ key: t.key, value: e.target.value })} aria-label={`Value of ${t.key}`} maxLength={8000} autoFocus />
                      <button type="submit" className="primary" disabled={busy}>Save</button>
                      <button type="button" onClick={() => setEditing(null)}>Cancel</button>
                    </form>
                  ) : (
                    t.value
                  )}
                </td>
                <td className="actions">
                  {editing?.key !== t.key && (
                    <>
                      <button type="button" disabled={busy} onClick={() => setEditing({ key: t.key, value: t.value })}>Edit</button>
                      <button type="button" disabled={busy} onClick={() => { if (window.confirm(`Delete tag "${t.key}"?`)) run(() => deleteTag(t.key)); }}>Delete</button>
                    </>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {list.length === 0 && <p className="muted">No tags.</p>}
      <form className="reg-form" onSubmit={(e) => { e.preventDefault(); add(); }}>
        <input placeholder="key" value={key} onChange={(e) => setKey(e.target.value)} aria-label="New tag key" maxLength={250} />
        <input placeholder="value" value={value} onChange={(e) => setValue(e.target.value)} aria-label="New tag value" maxLength={8000} />
        <button type="submit" disabled={busy}>Add tag</button>
      </form>
      {error && <ErrorNote message={error} />}
    </div>
  );
}
