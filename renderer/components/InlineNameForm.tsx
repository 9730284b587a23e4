import { useState } from 'react';

/** A one-field form for naming things in place (Electron has no window.prompt). */
export function InlineNameForm({ initial = '', label, onSubmit, onCancel }: { initial?: string; label: string; onSubmit: (name: string) => void; onCancel: () => void }) {
  const [name, setName] = useState(initial);
  return (
    <form
      className="inline-name-form"
      onSubmit={(e) => {
        e.preventDefault();
        const trimmed = name.trim();
        if (trimmed) onSubmit(trimmed);
      }}
    >
      <input
        autoFocus
        aria-label={label}
        placeholder={label}
        value={name}
        onChange={(e) => setName(e.target.value)}
        onKeyDown={(e) => e.key === 'Escape' && onCancel()}
        data-testid="inline-name-input"
      />
      <button type="submit" className="primary">OK</button>
      <button type="button" onClick={onCancel}>Cancel</button>
    </form>
  );
}
