import { useMemo, useState } from 'react';
import { parse } from 'yaml';
import { CodeViewer } from './CodeViewer';
import { ModeSwitch } from './JsonViewer';
import { JsonTree } from './JsonTree';

/** YAML as highlighted text, or parsed into the same collapsible tree as JSON. */
export function YamlViewer({ text }: { text: string }) {
  const [mode, setMode] = useState<'tree' | 'text'>('text');
  const parsed = useMemo((): { ok: true; value: unknown } | { ok: false; error: string } | null => {
    if (mode !== 'tree') return null;
    try {
      return { ok: true, value: parse(text, { maxAliasCount: 50 }) as unknown };
    } catch (e) {
      return { ok: false, error: (e as Error).message };
    }
  }, [mode, text]);
  return (
    <>
      <ModeSwitch mode={mode} onChange={setMode} />
      {parsed?.ok === false && <p className="viewer-note">Not valid YAML: {parsed.error}</p>}
      {parsed?.ok ? <JsonTree value={parsed.value} /> : <CodeViewer text={text} language="yaml" />}
    </>
  );
}
