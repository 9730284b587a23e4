import type { KeyboardEvent } from 'react';

interface Props {
  query: string;
  /** "3 of 17", "No matches", or '' with no query. */
  count: string;
  hasMatches: boolean;
  onQuery(query: string): void;
  onStep(step: 1 | -1): void;
  wrap: boolean;
  onWrap(wrap: boolean): void;
  onEnd(): void;
  following: boolean;
  onFollow(on: boolean): void;
}

/** Over a text: search (Enter / Shift+Enter, ▲ ▼), Wrap, Jump to end, Follow. */
export function TextToolbar({ query, count, hasMatches, onQuery, onStep, wrap, onWrap, onEnd, following, onFollow }: Props) {
  const onKey = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Enter') {
      e.preventDefault();
      onStep(e.shiftKey ? -1 : 1);
    } else if (e.key === 'Escape' && query !== '') {
      e.preventDefault();
      onQuery('');
    }
  };
  return (
    <div className="text-toolbar" role="toolbar" aria-label="Text">
      <div className="text-search">
        <input
          type="search"
          placeholder="Find in text"
          aria-label="Find in text"
          value={query}
          onChange={(e) => onQuery(e.target.value)}
          onKeyDown={onKey}
          data-testid="text-search"
        />
        <span className="text-search-count" aria-live="polite" data-testid="text-search-count">{count}</span>
        <button type="button" onClick={() => onStep(-1)} disabled={!hasMatches} title="Previous match (Shift+Enter)" aria-label="Previous match" data-testid="text-search-prev">▲</button>
        <button type="button" onClick={() => onStep(1)} disabled={!hasMatches} title="Next match (Enter)" aria-label="Next match" data-testid="text-search-next">▼</button>
      </div>
      <span className="text-toolbar-gap" />
      <button type="button" aria-pressed={wrap} onClick={() => onWrap(!wrap)} title="Wrap long lines" data-testid="text-wrap">Wrap</button>
      <button type="button" onClick={onEnd} title="Show the end of the file" data-testid="text-tail">Jump to end</button>
      <button type="button" aria-pressed={following} className={following ? 'following' : undefined} onClick={() => onFollow(!following)} title="Read new lines as the file grows, and keep the end in view" data-testid="text-follow">
        <span className="follow-dot" aria-hidden="true" />
        Follow
      </button>
    </div>
  );
}
