import { useMemo, type ReactNode } from 'react';
import { splitAtMatches, type Matches, type Piece } from '../text-search';

interface Props {
  text: string;
  start: number;
  end: number;
  firstLine: number;
  matches: Matches;
  current: number;
}

interface Row {
  n: number;
  start: number;
  end: number;
}

/** The lines of [start, end) of a text: where each starts and ends (without its line break). */
function rowsOf(text: string, start: number, end: number, firstLine: number): Row[] {
  const rows: Row[] = [];
  let n = firstLine;
  for (let at = start; at < end; n++) {
    const nl = text.indexOf('\n', at);
    const stop = nl === -1 || nl >= end ? end : nl;
    rows.push({ n, start: at, end: stop });
    at = stop + 1;
  }
  return rows.length > 0 ? rows : [{ n, start, end: start }];
}

/** Text pieces with their matches marked; the current one is what search scrolls to. */
export function markPieces(pieces: Piece[], current: number): ReactNode[] {
  return pieces.map((p, i) =>
    p.match === null ? (
      p.text
    ) : (
      <mark key={i} className={p.match === current ? 'text-match current' : 'text-match'} data-testid={p.match === current ? 'text-match-current' : undefined}>
        {p.text}
      </mark>
    ),
  );
}

/**
 * Wrapped text, a row per line with its number beside it (one <pre> of numbers cannot follow
 * lines that wrap onto several rows). Plain text, with search matches marked.
 */
export function WrappedLines({ text, start, end, firstLine, matches, current }: Props) {
  const rows = useMemo(() => rowsOf(text, start, end, firstLine), [text, start, end, firstLine]);
  const digits = String(rows.at(-1)!.n).length;
  return (
    <div className="code-lines" style={{ ['--line-digits' as string]: digits }}>
      {rows.map((r) => (
        <div className="code-line" key={r.n}>
          <span className="code-line-n" aria-hidden="true">{r.n}</span>
          <span className="code-line-t">{markPieces(splitAtMatches(text, r.start, r.end, matches), current)}</span>
        </div>
      ))}
    </div>
  );
}
