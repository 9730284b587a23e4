import { useMemo, useState } from 'react';
import { CodeViewer } from './CodeViewer';
import { JsonTree } from './JsonTree';
import { ModeSwitch } from './ModeSwitch';
import { PartialPreviewNote } from './PartialPreviewNote';

const TREE_LIMIT = 1024 * 1024;

interface Props {
  text: string;
  /** Only the start of the file was read: it is never parsed (a cut document is not invalid). */
  truncated?: boolean;
  onLoadWhole?: (() => void) | undefined;
}

/** JSON as a collapsible tree or pretty-printed text; a partial preview, or text that does not parse, as it is. */
export function JsonViewer({ text, truncated = false, onLoadWhole }: Props) {
  if (truncated) {
    return (
      <>
        <PartialPreviewNote format="JSON" onLoadWhole={onLoadWhole} />
        <CodeViewer text={text} language="json" partial />
      </>
    );
  }
  return <WholeJsonViewer text={text} />;
}

function WholeJsonViewer({ text }: { text: string }) {
  const parsed = useMemo((): { ok: true; value: unknown } | { ok: false; error: string } => {
    try {
      return { ok: true, value: JSON.parse(text) };
    } catch (e) {
      return { ok: false, error: (e as Error).message };
    }
  }, [text]);
  const [mode, setMode] = useState<'tree' | 'text'>(text.length > TREE_LIMIT ? 'text' : 'tree');
  const pretty = useMemo(() => (parsed.ok && mode === 'text' ? JSON.stringify(parsed.value, null, 2) : text), [parsed, mode, text]);

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
