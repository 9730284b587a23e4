/** Tree or Text: how the JSON and YAML viewers show a document. */
export function ModeSwitch({ mode, onChange }: { mode: 'tree' | 'text'; onChange: (m: 'tree' | 'text') => void }) {
  return (
    <div className="mode-switch" role="group" aria-label="View as">
      <button type="button" aria-pressed={mode === 'tree'} onClick={() => onChange('tree')}>Tree</button>
      <button type="button" aria-pressed={mode === 'text'} onClick={() => onChange('text')}>Text</button>
    </div>
  );
}
