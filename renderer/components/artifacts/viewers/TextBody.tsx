import { useMemo } from 'react';
import { splitAtMatches, type Matches } from '../text-search';
import { markPieces, WrappedLines } from './WrappedLines';

interface Props {
  /** The whole text; [start, end) of it is shown. */
  text: string;
  start: number;
  end: number;
  /** The number of the first line shown, or null to show no numbers (a text read from the middle of a file). */
  firstLine: number | null;
  lines: number;
  /** Highlighted HTML of the shown text (highlight.js: escaped text plus its spans), or null for plain text. */
  html: string | null;
  language: string;
  matches: Matches;
  current: number;
  wrap: boolean;
}

const numbers = (first: number, n: number) => Array.from({ length: n }, (_, i) => first + i).join('\n');

/**
 * The shown part of a text: line numbers, then the text, highlighted or with its matches
 * marked. Wrapped and numbered, it is laid out a row per line (see WrappedLines).
 */
export function TextBody({ text, start, end, firstLine, lines, html, language, matches, current, wrap }: Props) {
  const rowsPerLine = wrap && firstLine !== null;
  const gutter = useMemo(() => (firstLine === null || rowsPerLine ? null : numbers(firstLine, lines)), [firstLine, lines, rowsPerLine]);
  const pieces = useMemo(() => (html === null && !rowsPerLine ? splitAtMatches(text, start, end, matches) : []), [html, rowsPerLine, text, start, end, matches]);
  return (
    <div className={`code-view${wrap ? ' wrap' : ''}`} data-testid="text-body">
      {rowsPerLine ? (
        <WrappedLines text={text} start={start} end={end} firstLine={firstLine} matches={matches} current={current} />
      ) : (
        <>
          {gutter !== null && <pre className="code-gutter" aria-hidden="true">{gutter}</pre>}
          <pre className="code-text">
            {html !== null ? (
              // highlight.js output: the text escaped, plus its own <span class="hljs-…">
              <code className={`hljs language-${language}`} dangerouslySetInnerHTML={{ __html: html }} />
            ) : (
              <code>{markPieces(pieces, current)}</code>
            )}
          </pre>
        </>
      )}
    </div>
  );
}
