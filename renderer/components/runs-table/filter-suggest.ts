import { RUN_STATUSES } from '../../../shared/domain/tracking';
import type { AvailableKeys } from './columns';
import { FILTER_ATTRIBUTES, comparatorsFor, quoteFilterKey, quoteFilterValue, splitFilterIdentifier, type FilterEntity } from './filter-identifiers';
import { tokenizeFilter, type FilterToken } from './filter-tokens';

/** Known values of a param, tag or attribute, for suggestions after `params.x =`. */
export type KnownValues = (entity: FilterEntity, key: string) => readonly string[];

export interface Suggestion {
  /** What the list shows. */
  label: string;
  /** What replaces `text.slice(from, to)` when it is accepted. */
  insert: string;
  kind: 'identifier' | 'comparator' | 'value' | 'keyword';
  /** A word of context: `metric`, `param`, the number of runs … */
  detail?: string;
}

export interface Suggestions {
  from: number;
  to: number;
  items: Suggestion[];
}

/** At most this many suggestions are listed. */
export const SUGGESTIONS_MAX = 50;

type Expect =
  | { what: 'identifier' }
  | { what: 'comparator'; ident: FilterToken }
  | { what: 'value'; ident: FilterToken; comparator: string }
  | { what: 'is' | 'conjunction' | 'nothing' };

const upper = (t: FilterToken | undefined) => (t?.kind === 'word' ? t.text.toUpperCase() : '');

/** What the filter expects after these (complete) tokens. */
function expectAfter(tokens: readonly FilterToken[]): Expect {
  let state: Expect = { what: 'identifier' };
  let pendingNot = false;
  let inList = false;
  for (const t of tokens) {
    const w = upper(t);
    if (inList) {
      if (t.kind === 'rparen') {
        inList = false;
        state = { what: 'conjunction' };
      }
      continue;
    }
    switch (state.what) {
      case 'identifier':
        if (t.kind === 'lparen' || w === 'NOT') continue;
        state = t.kind === 'word' ? { what: 'comparator', ident: t } : { what: 'nothing' };
        break;
      case 'comparator':
        if (t.kind === 'op') state = { what: 'value', ident: state.ident, comparator: t.text };
        else if (w === 'NOT') pendingNot = true;
        else if (w === 'IN' || w === 'LIKE' || w === 'ILIKE') state = { what: 'value', ident: state.ident, comparator: `${pendingNot ? 'NOT ' : ''}${w}` };
        else if (w === 'IS') state = { what: 'is' };
        else state = { what: 'nothing' };
        if (w !== 'NOT') pendingNot = false;
        break;
      case 'is':
        if (w === 'NULL') state = { what: 'conjunction' };
        else if (w !== 'NOT') state = { what: 'nothing' };
        break;
      case 'value':
        if (t.kind === 'lparen') inList = true;
        else if (t.kind === 'string' || t.kind === 'number' || t.kind === 'word') state = { what: 'conjunction' };
        else state = { what: 'nothing' };
        break;
      case 'conjunction':
        if (w === 'AND' || w === 'OR') state = { what: 'identifier' };
        else if (t.kind !== 'rparen') state = { what: 'nothing' };
        break;
      case 'nothing':
        return state;
    }
  }
  return state;
}

const matches = (candidate: string, typed: string) => candidate.toLowerCase().startsWith(typed.toLowerCase());
const contains = (candidate: string, typed: string) => candidate.toLowerCase().includes(typed.toLowerCase());

const ENTITY_DETAIL: Record<FilterEntity, string> = { metrics: 'metric', params: 'param', tags: 'tag', attributes: 'attribute' };

function identifierItems(partial: string, keys: AvailableKeys): Suggestion[] {
  if (!partial) return [];
  const { prefix, entity, key } = splitFilterIdentifier(partial);
  const typedPrefix = prefix !== null && entity !== null ? prefix : null;
  const pool: { entity: FilterEntity; key: string }[] = [
    ...keys.metrics.map((k) => ({ entity: 'metrics' as const, key: k })),
    ...keys.params.map((k) => ({ entity: 'params' as const, key: k })),
    ...keys.tags.filter((k) => !k.startsWith('mlflow.')).map((k) => ({ entity: 'tags' as const, key: k })),
    ...FILTER_ATTRIBUTES.map((k) => ({ entity: 'attributes' as const, key: k })),
    ...keys.tags.filter((k) => k.startsWith('mlflow.')).map((k) => ({ entity: 'tags' as const, key: k })),
  ];
  const scored: { s: Suggestion; score: number }[] = [];
  for (const c of pool) {
    let score: number;
    if (typedPrefix !== null) {
      if (c.entity !== entity) continue;
      score = matches(c.key, key) ? 0 : contains(c.key, key) ? 1 : -1;
    } else {
      const full = `${c.entity}.${c.key}`;
      score = matches(full, partial) ? 0 : matches(c.key, partial) ? 1 : contains(c.key, partial) ? 2 : -1;
    }
    if (score < 0) continue;
    const insert = `${typedPrefix ?? c.entity}.${quoteFilterKey(c.key)}`;
    scored.push({ s: { label: insert, insert, kind: 'identifier', detail: ENTITY_DETAIL[c.entity] }, score });
  }
  return scored.sort((a, b) => a.score - b.score).map((x) => x.s);
}

function comparatorItems(ident: FilterToken, partial: string): Suggestion[] {
  const { entity, key } = splitFilterIdentifier(ident.text);
  if (!entity || (entity === 'attributes' && !FILTER_ATTRIBUTES.includes(key) && !['created', 'Created'].includes(key))) return [];
  return comparatorsFor(entity, key)
    .filter((op) => matches(op, partial))
    .map((op) => ({ label: op, insert: op, kind: 'comparator' as const }));
}

function valueItems(ident: FilterToken, comparator: string, partial: FilterToken | null, values: KnownValues): Suggestion[] {
  if (comparator !== '=' && comparator !== '!=') return [];
  if (partial && (partial.kind === 'number' || (partial.kind === 'string' && !partial.open))) return [];
  const { entity, key } = splitFilterIdentifier(ident.text);
  if (entity === null || entity === 'metrics') return [];
  const known = entity === 'attributes' && key === 'status' ? RUN_STATUSES : values(entity, key);
  const typed = partial ? partial.text.replace(/^['"]/, '') : '';
  const starting = known.filter((v) => matches(v, typed));
  const inside = known.filter((v) => !matches(v, typed) && contains(v, typed));
  return [...starting, ...inside].flatMap((v) => {
    const insert = quoteFilterValue(v);
    return insert === null ? [] : [{ label: insert, insert, kind: 'value' as const }];
  });
}

function keywordItems(expect: Expect, partial: string): Suggestion[] {
  if (!partial) return [];
  const words = expect.what === 'conjunction' ? ['AND', 'OR'] : expect.what === 'is' ? ['NULL', 'NOT NULL'] : [];
  return words.filter((w) => matches(w, partial)).map((w) => ({ label: w, insert: w, kind: 'keyword' as const }));
}

/**
 * What may come at `cursor` of a run filter being typed: identifiers (`metrics.val_acc`,
 * `params.lr`, `attributes.status`, …) where a clause starts, comparators after one (those
 * MLflow accepts for it), known values (quoted) after `params.x =`, `tags.x =` or
 * `attributes.status =`, and AND / OR after a clause. Null when there is nothing to offer, or
 * only exactly what is typed already.
 */
export function suggest(text: string, cursor: number, keys: AvailableKeys, values: KnownValues): Suggestions | null {
  const before = text.slice(0, cursor);
  const tokens = tokenizeFilter(before);
  const last = tokens.at(-1);
  // the token the cursor is in (or just after, with no space): the one being typed
  const typing = last && last.end === before.length && /^(word|string|number|op)$/.test(last.kind) ? last : null;
  const done = typing ? tokens.slice(0, -1) : tokens;
  let expect = expectAfter(done);
  let partial = typing;
  // a complete comparator just typed (`=`, with no longer one to make of it): on to its value
  if (typing?.kind === 'op' && expect.what === 'comparator') {
    const ops = comparatorItems(expect.ident, typing.text);
    if (ops.length === 1 && ops[0]!.insert === typing.text) {
      expect = { what: 'value', ident: expect.ident, comparator: typing.text };
      partial = null;
    }
  }
  const from = partial ? partial.start : cursor;
  const typed = partial?.text ?? '';
  let items: Suggestion[];
  let tail: RegExp;
  switch (expect.what) {
    case 'identifier':
      items = partial?.kind === 'word' ? identifierItems(typed, keys) : [];
      tail = /^[\w.`"]*/;
      break;
    case 'comparator':
      items = !partial || partial.kind === 'op' || partial.kind === 'word' ? comparatorItems(expect.ident, typed) : [];
      tail = partial?.kind === 'op' ? /^[<>=!]*/ : /^\w*/;
      break;
    case 'value':
      items = valueItems(expect.ident, expect.comparator, partial, values);
      tail = /^[^\s)]*/;
      break;
    default:
      items = keywordItems(expect, typed);
      tail = /^\w*/;
  }
  if (items.length === 0 || (items.length === 1 && items[0]!.insert.toLowerCase() === typed.toLowerCase())) return null;
  const to = cursor + (tail.exec(text.slice(cursor))?.[0].length ?? 0);
  return { from, to, items: items.slice(0, SUGGESTIONS_MAX) };
}

/**
 * The filter with a suggestion accepted, and where the cursor goes: after it and a space (so
 * the next list opens: comparators after an identifier, values after a comparator).
 */
export function acceptSuggestion(text: string, s: Suggestions, item: Suggestion): { text: string; cursor: number } {
  const after = text.slice(s.to);
  const space = /^\s/.test(after) ? '' : ' ';
  const head = text.slice(0, s.from) + item.insert + space;
  return { text: head + after, cursor: head.length + (space ? 0 : 1) };
}
