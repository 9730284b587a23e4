import { useMemo, useState } from 'react';
import { highlightToHtml } from '../highlight';
import { describeTextWindow, textWindow, worthHighlighting } from '../text-window';
import type { CodeLanguage } from '../viewer-choice';

interface Props {
  text: string;
  language: CodeLanguage;
  /** The text is only the start of the file (a preview read): totals are lower bounds. */
  partial?: boolean;
}

const lineNumbers = (n: number) => Array.from({ length: n }, (_, i) => i + 1).join('\n');

/**
 * Text with line numbers, highlighted by highlight.js (which escapes the text; see
 * highlight.ts). A long text renders in bounded chunks (see text-window.ts) with a note and
 * "Show more"; what is too costly to highlight (see worthHighlighting) is plain, as React text.
 */
export function CodeViewer({ text, language, partial = false }: Props) {
  // How many chunks are shown, for this text: a new text starts again at one.
  const [shown, setShown] = useState({ text, chunks: 1 });
  const chunks = shown.text === text ? shown.chunks : 1;
  const win = useMemo(() => textWindow(text, chunks), [text, chunks]);
  const gutter = useMemo(() => lineNumbers(win.lines), [win.lines]);
  const html = useMemo(() => (worthHighlighting(win) ? highlightToHtml(win.text, language) : null), [win, language]);
  const showMore = () => setShown({ text, chunks: chunks + 1 });
  return (
    <>
      {!win.complete && (
        <p className="viewer-note" data-testid="text-window-note">
          {describeTextWindow(win, text.length, partial)}{' '}
          <button type="button" className="link-button" onClick={showMore}>Show more</button>
        </p>
      )}
      <div className="code-view">
        <pre className="code-gutter" aria-hidden="true">{gutter}</pre>
        <pre className="code-text">
          {html === null ? (
            <code>{win.text}</code>
          ) : (
            // highlight.js output: the text escaped, plus its own <span class="hljs-…">
            <code className={`hljs language-${language}`} dangerouslySetInnerHTML={{ __html: html }} />
          )}
        </pre>
      </div>
      {!win.complete && (
        <button type="button" className="text-window-more" onClick={showMore} data-testid="text-window-more">
          Show more
        </button>
      )}
    </>
  );
}
