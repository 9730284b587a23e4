import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { highlightToHtml } from '../highlight';
import { scrollToBottomOf, scrollToCenter } from '../scroll-within';
import { chunkCount, chunkText, describeWindow, HEAD, resolveWindow, showEarlier, showMore, TAIL, windowSpan, windowWith, type WindowAt } from '../text-chunks';
import { describeMatches, findMatches, firstMatchFrom, stepMatch } from '../text-search';
import { pageStorage, readWrap, saveWrap } from '../text-viewer-prefs';
import { countLines, worthHighlighting } from '../text-window';
import type { CodeLanguage } from '../viewer-choice';
import { TextBody } from './TextBody';
import { TextToolbar } from './TextToolbar';

interface Props {
  text: string;
  language: CodeLanguage;
  /** Where the text starts in the file: > 0 when it is the file's end (its line numbers are not known). */
  offset: number;
  /** Bytes after the text were left out (a preview of the file's start). */
  truncated: boolean;
  following: boolean;
  /** Reads the file's end, when what is shown does not reach it. */
  onTail(): void;
  onFollow(on: boolean): void;
}

/**
 * A text file or log: a few chunks of it at a time (see text-chunks.ts), with search, wrap, a
 * jump to the end and following a file that grows. Highlighted by highlight.js when small
 * enough, not searched and not wrapped (matches are marked on plain text; wrapped lines are
 * laid out a row each, so their numbers stay beside them).
 */
export function TextViewer({ text, language, offset, truncated, following, onTail, onFollow }: Props) {
  const [at, setAt] = useState<WindowAt>(offset > 0 ? TAIL : HEAD);
  const [query, setQuery] = useState('');
  const [current, setCurrent] = useState(-1);
  const [wrap, setWrap] = useState(() => readWrap(pageStorage()));
  /** What to bring into view after the next render: the end, or the current match. */
  const reveal = useRef<'end' | 'match' | null>(null);
  const endRef = useRef<HTMLDivElement>(null);
  const bodyRef = useRef<HTMLDivElement>(null);

  const chunking = useMemo(() => chunkText(text), [text]);
  const matches = useMemo(() => findMatches(text, query), [text, query]);
  const shownAt: WindowAt = following ? { from: 'tail', chunks: at.from === 'tail' ? at.chunks : 1 } : at;
  const { start, end } = windowSpan(shownAt, chunking);
  const { first, last } = resolveWindow(shownAt, chunking);
  const shown = useMemo(() => text.slice(start, end), [text, start, end]);
  const lines = useMemo(() => countLines(shown), [shown]);
  const html = useMemo(() => (query === '' && !wrap && worthHighlighting({ text: shown, lines }) ? highlightToHtml(shown, language) : null), [query, wrap, shown, lines, language]);
  const cur = current < matches.starts.length ? current : matches.starts.length - 1;

  const goTo = (index: number, m = matches) => {
    setCurrent(index);
    if (index < 0) return;
    if (following) onFollow(false);
    setAt(windowWith(shownAt, chunking, m.starts[index]!));
    reveal.current = 'match';
  };
  const onQuery = (q: string) => {
    setQuery(q);
    const m = findMatches(text, q);
    goTo(firstMatchFrom(m, start), m);
  };
  const onStep = (step: 1 | -1) => goTo(stepMatch(matches.starts.length, cur, step));
  const onWrap = (on: boolean) => {
    setWrap(on);
    saveWrap(pageStorage(), on);
  };
  const onEnd = useCallback(() => {
    setAt(TAIL);
    reveal.current = 'end';
    if (truncated) onTail();
  }, [truncated, onTail]);
  const onFollowToggle = (on: boolean) => {
    if (on) {
      setAt(TAIL);
      reveal.current = 'end';
    }
    onFollow(on);
  };

  // after the text or window changed: keep a followed log's end in view, or show what was asked for
  useLayoutEffect(() => {
    if (following || reveal.current === 'end') {
      if (endRef.current) scrollToBottomOf(endRef.current);
      if (!truncated) reveal.current = null; // a jump to a not yet read end waits for the read
    } else if (reveal.current === 'match') {
      const mark = bodyRef.current?.querySelector('mark.current');
      if (mark) scrollToCenter(mark);
      reveal.current = null;
    }
  }, [text, start, end, cur, following, truncated, wrap]);
  // a followed log stays at its end when the window is resized too
  useEffect(() => {
    if (!following) return;
    const stick = () => endRef.current && scrollToBottomOf(endRef.current);
    window.addEventListener('resize', stick);
    return () => window.removeEventListener('resize', stick);
  }, [following]);

  const note = describeWindow(shownAt, chunking, { fromEnd: offset > 0, partial: truncated });
  return (
    // scrolling up to read while following stops following (else the end would pull the reader back)
    <div className="text-viewer" data-testid="text-viewer" data-following={following || undefined} onWheel={(e) => following && e.deltaY < 0 && onFollow(false)}>
      <TextToolbar
        query={query}
        count={describeMatches(matches, cur, query)}
        hasMatches={matches.starts.length > 0}
        onQuery={onQuery}
        onStep={onStep}
        wrap={wrap}
        onWrap={onWrap}
        onEnd={onEnd}
        following={following}
        onFollow={onFollowToggle}
      />
      {note && (
        <p className="viewer-note" data-testid="text-window-note">
          {note}
          {first > 0 && (
            <>
              {' '}
              <button type="button" className="link-button" onClick={() => setAt(showEarlier(shownAt, chunking))} data-testid="text-window-earlier">Show earlier</button>
            </>
          )}
          {last < chunkCount(chunking) - 1 && (
            <>
              {' '}
              <button type="button" className="link-button" onClick={() => setAt(showMore(shownAt, chunking))}>Show more</button>
            </>
          )}
        </p>
      )}
      <div ref={bodyRef}>
        <TextBody
          text={text}
          start={start}
          end={end}
          firstLine={offset > 0 ? null : chunking.breaksBefore[first]! + 1}
          lines={lines}
          html={html}
          language={language}
          matches={matches}
          current={cur}
          wrap={wrap}
        />
      </div>
      {last < chunkCount(chunking) - 1 && (
        <button type="button" className="text-window-more" onClick={() => setAt(showMore(shownAt, chunking))} data-testid="text-window-more">
          Show more
        </button>
      )}
      <div ref={endRef} className="text-end" />
    </div>
  );
}
