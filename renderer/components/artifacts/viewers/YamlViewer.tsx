import { useMemo, useState } from 'react';
import { parse } from 'yaml';
import { CodeViewer } from './CodeViewer';
import { JsonTree } from './JsonTree';
import { ModeSwitch } from './ModeSwitch';
import { PartialPreviewNote } from './PartialPreviewNote';

interface Props {
  text: string;
  /** Only the start of the file was read: shown as text, never parsed. */
  truncated?: boolean;
  onLoadWhole?: (() => void) | undefined;
}

/** YAML as highlighted text, or parsed into the same collapsible tree as JSON. */
export function YamlViewer({ text, truncated = false, onLoadWhole }: Props) {
  const [mode, setMode] = useState<'tree' | 'text'>('text');
  const parsed = useMemo((): { ok: true; value: unknown } | { ok: false; error: string } | null => {
    if (mode !== 'tree' || truncated) return null;
    try {
      return { ok: true, value: parse(text, { maxAliasCount: 50 }) as unknown };
    } catch (e) {
      return { ok: false, error: (e as Error).message };
    }
  }, [mode, text, truncated]);
  if (truncated) {
    return (
      <>
        <PartialPreviewNote format="YAML" onLoadWhole={onLoadWhole} />
        <CodeViewer text={text} language="yaml" partial />
      </>
    );
  }
  return (
    <>
      <ModeSwitch mode={mode} onChange={setMode} />
      {parsed?.ok === false && <p className="viewer-note">Not valid YAML: {parsed.error}</p>}
      {parsed?.ok ? <JsonTree value={parsed.value} /> : <CodeViewer text={text} language="yaml" />}
    </>
  );
}
