import { useState } from 'react';
import type { KeyValue } from '../../../shared/domain/tracking';
import { ErrorNote } from '../ErrorNote';
import { splitTags } from './run-facts';
import { TagRow } from './TagRow';
import { KeyValueTable } from './KeyValueTable';

interface Props {
  tags: KeyValue[] | undefined;
  setTag(key: string, value: string): Promise<void>;
  deleteTag(key: string): Promise<void>;
}

/** User tags (add, edit, delete) and, folded away, MLflow's own `mlflow.*` tags (read-only). */
export function RunTags({ tags, setTag, deleteTag }: Props) {
  const { user, system } = splitTags(tags);
  const [key, setKey] = useState('');
  const [value, setValue] = useState('');
  const [error, setError] = useState<string | null>(null);
  const act = (fn: () => Promise<void>) => fn().then(() => setError(null), (e: Error) => { setError(e.message); throw e; });

  const add = () => {
    const k = key.trim();
    if (!k) return setError('A tag needs a key.');
    if (k.startsWith('mlflow.')) return setError('Keys starting with "mlflow." are reserved for MLflow.');
    void act(() => setTag(k, value)).then(() => { setKey(''); setValue(''); }, () => undefined);
  };

  return (
    <section className="run-section" data-testid="run-tags">
      <h2>Tags ({user.length})</h2>
      {error && <ErrorNote message={error} />}
      <table className="kv-table wide">
        <colgroup>
          <col className="key-col" />
          <col />
          <col className="actions-col" />
        </colgroup>
        <tbody>
          {user.map((t) => (
            <TagRow key={t.key} tag={t} onSave={(v) => act(() => setTag(t.key, v))} onDelete={() => act(() => deleteTag(t.key))} />
          ))}
        </tbody>
      </table>
      <form className="tag-add" onSubmit={(e) => { e.preventDefault(); add(); }}>
        <input placeholder="key" value={key} onChange={(e) => setKey(e.target.value)} aria-label="New tag key" maxLength={250} />
        <input placeholder="value" value={value} onChange={(e) => setValue(e.target.value)} aria-label="New tag value" maxLength={8000} />
        <button type="submit">Add tag</button>
      </form>
      {system.length > 0 && (
        <details className="system-tags">
          <summary>MLflow tags ({system.length})</summary>
          <KeyValueTable rows={system} />
        </details>
      )}
    </section>
  );
}
