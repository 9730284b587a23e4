import { useState, type FormEvent } from 'react';
import type { KeyValue } from '../../../../shared/domain/tracking';
import { isSystemTag } from '../columns';

interface Props {
  tags: KeyValue[];
  onSet(key: string, value: string): Promise<boolean>;
  onDelete(key: string): Promise<boolean>;
}

/** The experiment's own tags as chips (edit, delete, add); MLflow's system tags behind a toggle. */
export function ExperimentTags({ tags, onSet, onDelete }: Props) {
  const [showSystem, setShowSystem] = useState(false);
  const [form, setForm] = useState<{ key: string; value: string; editing: boolean } | null>(null);
  const system = tags.filter((t) => isSystemTag(t.key));
  const shown = showSystem ? tags : tags.filter((t) => !isSystemTag(t.key));
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (form && form.key.trim() && (await onSet(form.key.trim(), form.value))) setForm(null);
  };
  return (
    <div className="eh-tags" data-testid="experiment-tags">
      {shown.map((t) => (
        <span key={t.key} className="eh-tag" title={`${t.key} = ${t.value}`}>
          <span className="eh-tag-key">{t.key}</span>
          <span className="eh-tag-value">{t.value}</span>
          <button type="button" onClick={() => setForm({ key: t.key, value: t.value, editing: true })} aria-label={`Edit tag ${t.key}`}>✎</button>
          <button type="button" onClick={() => void onDelete(t.key)} aria-label={`Delete tag ${t.key}`}>×</button>
        </span>
      ))}
      {form ? (
        <form className="eh-tag-form" onSubmit={(e) => void submit(e)}>
          <input autoFocus={!form.editing} placeholder="key" value={form.key} readOnly={form.editing} onChange={(e) => setForm({ ...form, key: e.target.value })} aria-label="Tag key" maxLength={250} />
          <input autoFocus={form.editing} placeholder="value" value={form.value} onChange={(e) => setForm({ ...form, value: e.target.value })} aria-label="Tag value" maxLength={8000} />
          <button type="submit" className="primary" disabled={!form.key.trim()}>Save</button>
          <button type="button" onClick={() => setForm(null)}>Cancel</button>
        </form>
      ) : (
        <button type="button" className="eh-link" onClick={() => setForm({ key: '', value: '', editing: false })} data-testid="add-experiment-tag">
          + Tag
        </button>
      )}
      {system.length > 0 && (
        <button type="button" className="eh-link muted" onClick={() => setShowSystem((s) => !s)}>
          {showSystem ? 'Hide' : 'Show'} {system.length} system tag{system.length === 1 ? '' : 's'}
        </button>
      )}
    </div>
  );
}
