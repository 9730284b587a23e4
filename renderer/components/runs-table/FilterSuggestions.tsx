import { useLayoutEffect, useRef } from 'react';
import type { Suggestion } from './filter-suggest';

const KIND_LABEL: Record<Suggestion['kind'], string> = { identifier: '', comparator: 'comparator', value: 'value', keyword: '' };

/**
 * The list under the filter while typing: the input keeps the focus (a click here does not take
 * it) and the keys (↑ ↓ to move, Tab or Enter to take, Esc to close); the active row scrolls
 * into sight.
 */
export function FilterSuggestions({ id, items, active, onPick, onHover }: { id: string; items: readonly Suggestion[]; active: number; onPick(index: number): void; onHover(index: number): void }) {
  const list = useRef<HTMLUListElement>(null);
  useLayoutEffect(() => {
    list.current?.children[active]?.scrollIntoView?.({ block: 'nearest' });
  }, [active, items]);
  return (
    <ul className="fb-suggestions" role="listbox" id={id} ref={list} aria-label="Suggestions" data-testid="filter-suggestions">
      {items.map((s, i) => (
        <li
          key={`${s.kind}:${s.insert}`}
          id={`${id}-${i}`}
          role="option"
          aria-selected={i === active}
          className="fb-suggestion"
          onMouseDown={(e) => {
            e.preventDefault();
            onPick(i);
          }}
          onMouseMove={() => i !== active && onHover(i)}
          data-testid="filter-suggestion"
        >
          <code>{s.label}</code>
          {(s.detail ?? KIND_LABEL[s.kind]) && <span className="fb-suggestion-kind">{s.detail ?? KIND_LABEL[s.kind]}</span>}
        </li>
      ))}
      <li className="fb-suggestions-help" aria-hidden="true">↑ ↓ to choose · Tab or Enter to take · Esc to close</li>
    </ul>
  );
}
