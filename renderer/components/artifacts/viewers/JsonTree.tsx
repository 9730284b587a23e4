import { useState } from 'react';

const PAGE = 200;
/** Nodes under the root start open only when the root has at most this many (else up to 200 × 200 rows). */
const OPEN_SIBLINGS = 20;
/** Longer strings show their start, with how much is left out. */
const STRING_PREVIEW = 10_000;

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

function Leaf({ value }: { value: Json }) {
  if (value === null) return <span className="json-null">null</span>;
  if (typeof value === 'string') {
    if (value.length <= STRING_PREVIEW) return <span className="json-string">{JSON.stringify(value)}</span>;
    return (
      <span className="json-string">
        {JSON.stringify(value.slice(0, STRING_PREVIEW)).slice(0, -1)}…&quot;
        <span className="muted"> ({(value.length - STRING_PREVIEW).toLocaleString()} more characters; see Text)</span>
      </span>
    );
  }
  if (typeof value === 'number') return <span className="json-number">{String(value)}</span>;
  return <span className="json-bool">{String(value)}</span>;
}

/** The root starts open, and its children too when there are few of them; deeper nodes start closed. */
const startsOpen = (depth: number, siblings: number): boolean => depth === 0 || (depth === 1 && siblings <= OPEN_SIBLINGS);

/**
 * One node of a collapsible JSON tree. Children render only while open, and at most 200 at
 * a time, so a big document costs what is on screen. Keys and values are React text.
 */
function JsonNode({ name, value, depth, siblings }: { name: string | null; value: Json; depth: number; siblings: number }) {
  const [open, setOpen] = useState(() => startsOpen(depth, siblings));
  const [shown, setShown] = useState(PAGE);
  const label = name === null ? null : <span className="json-key">{name}: </span>;
  if (value === null || typeof value !== 'object') {
    return (
      <div className="json-row">
        {label}
        <Leaf value={value} />
      </div>
    );
  }
  const entries: [string, Json][] = Array.isArray(value) ? value.map((v, i) => [String(i), v]) : Object.entries(value);
  const [openMark, closeMark] = Array.isArray(value) ? ['[', ']'] : ['{', '}'];
  return (
    <div className="json-row">
      <button type="button" className="json-toggle" onClick={() => setOpen(!open)} aria-expanded={open}>
        {open ? '▾' : '▸'} {label}
        <span className="muted">
          {openMark}
          {open ? '' : ` ${entries.length} ${Array.isArray(value) ? 'items' : 'keys'} ${closeMark}`}
        </span>
      </button>
      {open && (
        <div className="json-children">
          {entries.slice(0, shown).map(([k, v]) => (
            <JsonNode key={k} name={k} value={v} depth={depth + 1} siblings={entries.length} />
          ))}
          {entries.length > shown && (
            <button type="button" className="link-button" onClick={() => setShown(shown + PAGE * 5)}>
              … {entries.length - shown} more
            </button>
          )}
          <span className="muted">{closeMark}</span>
        </div>
      )}
    </div>
  );
}

export function JsonTree({ value }: { value: unknown }) {
  return (
    <div className="json-tree">
      <JsonNode name={null} value={value as Json} depth={0} siblings={1} />
    </div>
  );
}
