import { useEffect, useState } from 'react';

/**
 * Copies a link to the clipboard and says so for a moment; where the clipboard is refused
 * (no permission, an unfocused window) the link is shown selected, to copy by hand.
 */
export function CopyLinkButton({ link, label = 'Copy link', title, note }: { link: () => string; label?: string; title?: string; note?: () => string | null }) {
  const [state, setState] = useState<{ kind: 'idle' } | { kind: 'copied'; note: string | null } | { kind: 'failed'; link: string }>({ kind: 'idle' });
  useEffect(() => {
    if (state.kind !== 'copied') return;
    const t = setTimeout(() => setState({ kind: 'idle' }), state.note ? 6000 : 2000);
    return () => clearTimeout(t);
  }, [state]);
  const copy = () => {
    const text = link();
    const clipboard = typeof navigator !== 'undefined' ? navigator.clipboard : undefined;
    if (!clipboard) return setState({ kind: 'failed', link: text });
    clipboard.writeText(text).then(
      () => setState({ kind: 'copied', note: note?.() ?? null }),
      () => setState({ kind: 'failed', link: text }),
    );
  };
  return (
    <span className="copy-link">
      <button type="button" onClick={copy} title={title} data-testid="copy-link">
        {state.kind === 'copied' ? 'Link copied' : label}
      </button>
      {state.kind === 'copied' && state.note && (
        <span className="muted copy-link-note" role="status" data-testid="copy-link-note">
          {state.note}
        </span>
      )}
      {state.kind === 'failed' && (
        <input className="copy-link-text" readOnly value={state.link} aria-label="The link, to copy by hand" autoFocus onFocus={(e) => e.currentTarget.select()} data-testid="copy-link-text" />
      )}
    </span>
  );
}
