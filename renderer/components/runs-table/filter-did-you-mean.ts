import type { SearchError } from '../../../shared/search';
import type { AvailableKeys } from './columns';
import { editDistance } from './edit-distance';
import { quoteFilterKey, type FilterEntity } from './filter-identifiers';
import { tokenizeFilter } from './filter-tokens';

export interface DidYouMean {
  /** What to write instead: `metrics.val_acc` for a bare key, `'0.01'` for a bare number. */
  identifier: string;
  /** The whole filter with it written so. */
  text: string;
}

const ENTITY_ORDER_NUMBER: FilterEntity[] = ['metrics', 'params', 'tags'];
const ENTITY_ORDER_STRING: FilterEntity[] = ['params', 'tags', 'metrics'];

/** The closest known key: exact, then ignoring case, then within a small edit distance. */
function closestKey(typed: string, keys: AvailableKeys, order: readonly FilterEntity[]): { entity: FilterEntity; key: string } | null {
  const pool = order.flatMap((entity) => (entity === 'attributes' ? [] : keys[entity]).map((key) => ({ entity, key })));
  const exact = pool.find((c) => c.key === typed);
  if (exact) return exact;
  const folded = pool.find((c) => c.key.toLowerCase() === typed.toLowerCase());
  if (folded) return folded;
  const max = typed.length <= 4 ? 1 : 2;
  let best: { entity: FilterEntity; key: string } | null = null;
  let bestDistance = max + 1;
  for (const c of pool) {
    const d = editDistance(typed.toLowerCase(), c.key.toLowerCase(), max);
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  return best;
}

const PREFIXES = ['metrics', 'params', 'tags', 'attributes'];

/** `metrcs.val_acc`: the prefix MLflow does not know, corrected when it is a typo of one. */
function prefixFix(text: string, error: SearchError): DidYouMean | null {
  const typed = text.slice(error.offset, error.offset + error.length).toLowerCase();
  let best: string | null = null;
  let bestDistance = 3;
  for (const p of PREFIXES) {
    const d = editDistance(typed, p, 2);
    if (d < bestDistance) [best, bestDistance] = [p, d];
  }
  if (!best) return null;
  const end = error.offset + error.length;
  const rest = /^\.(`[^`]*`|"[^"]*"|[\w.]+)/.exec(text.slice(end))?.[0] ?? '';
  return { identifier: best + rest, text: text.slice(0, error.offset) + best + text.slice(end) };
}

/** `params.lr = 0.01`: a param or tag compared with a bare number, which MLflow wants quoted. */
function quoteFix(text: string, error: SearchError): DidYouMean | null {
  const bare = text.slice(error.offset, error.offset + error.length);
  if (!/^-?[\w.]+$/.test(bare)) return null;
  const quoted = `'${bare}'`;
  return { identifier: quoted, text: text.slice(0, error.offset) + quoted + text.slice(error.offset + error.length) };
}

/**
 * A fix for the common mistakes, when there is one: a key MLflow could not place (see
 * `bareKeyFix`), a misspelt prefix (`metrcs.` → `metrics.`), a bare number compared with a
 * param or tag (`params.lr = 0.01` → `'0.01'`).
 */
export function didYouMean(text: string, error: SearchError, keys: AvailableKeys): DidYouMean | null {
  if (error.message.startsWith('Invalid entity type ')) return prefixFix(text, error);
  if (/^Expected a quoted string value for (parameter|tag)/.test(error.message)) return quoteFix(text, error);
  return bareKeyFix(text, error, keys);
}

/**
 * When the filter failed because a bare key was read as an attribute (`val_acc > 0.9`, MLflow:
 * "Invalid attribute key 'val_acc'"), the metric, param or tag key meant, and the filter
 * rewritten with it: a number compared prefers a metric, a quoted string a param or tag. A
 * param or tag compared with a bare number gets the number quoted, as MLflow needs.
 */
function bareKeyFix(text: string, error: SearchError, keys: AvailableKeys): DidYouMean | null {
  if (!error.message.startsWith('Invalid attribute key ')) return null;
  const end = error.offset + error.length;
  const typed = text.slice(error.offset, end).replace(/^[`"](.*)[`"]$/s, '$1');
  if (!typed) return null;
  const rest = tokenizeFilter(text.slice(end));
  const [comparator, value] = rest;
  const stringValue = value?.kind === 'string' || (comparator?.kind === 'word' && /^(i?like)$/i.test(comparator.text));
  const found = closestKey(typed, keys, stringValue ? ENTITY_ORDER_STRING : ENTITY_ORDER_NUMBER);
  if (!found) return null;
  const identifier = `${found.entity}.${quoteFilterKey(found.key)}`;
  let after = text.slice(end);
  if (found.entity !== 'metrics' && comparator?.kind === 'op' && value?.kind === 'number') {
    after = `${after.slice(0, value.start)}'${value.text}'${after.slice(value.end)}`;
  }
  return { identifier, text: text.slice(0, error.offset) + identifier + after };
}
