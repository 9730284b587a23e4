import { useMemo, useState } from 'react';
import { CodeViewer } from './CodeViewer';
import { JsonTree } from './JsonTree';

const TREE_LIMIT = 1024 * 1024;

/** JSON as a collapsible tree or pretty-printed text; text that does not parse is shown as it is. */
export function JsonViewer({ text }: { text: string }) {
  const parsed = useMemo((): { ok: true; value: unknown } | { ok: false; error: string } => {
    try {
      return { ok: true, value: JSON.parse(text) };
    } catch (e) {
      return { ok: false, error: (e as Error).message };
    }
  }, [text]);
  const [mode, setMode] = useState<'tree' | 'text'>(text.length > TREE_LIMIT ? 'text' : 'tree');
  const pretty = useMemo(() => (parsed.ok ? JSON.stringify(parsed.value, null, 2) : text), [parsed, text]);

  if (!parsed.ok) {
    return (
      <>
        <p className="viewer-note">Not valid JSON ({parsed.error}); showing the text.</p>
        <CodeViewer text={text} language="json" />
      </>
    );
  }
  return (
    <>
      <ModeSwitch mode={mode} onChange={setMode} />
      {mode === 'tree' ? <JsonTree value={parsed.value} /> : <CodeViewer text={pretty} language="json" />}
    </>
  );
}

export function ModeSwitch({ mode, onChange }: { mode: 'tree' | 'text'; onChange: (m: 'tree' | 'text') => void }) {
  return (
    <div className="mode-switch" role="group" aria-label="View as">
      <button type="button" aria-pressed={mode === 'tree'} onClick={() => onChange('tree')}>Tree</button>
      <button type="button" aria-pressed={mode === 'text'} onClick={() => onChange('text')}>Text</button>
    </div>
  );
}
