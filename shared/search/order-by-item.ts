import type { Semantics } from 'ohm-js';
import { searchGrammar } from './grammar';
import type { RawToken } from './raw-clause';
import { Reject } from './search-error';
import { shlexSplit } from './shlex';

let semantics: Semantics | undefined;

function orderSemantics(): Semantics {
  semantics ??= searchGrammar()
    .createSemantics()
    .addOperation<unknown>('parts', {
      orderBy(ident, _spaces, words) {
        return { ident: ident.sourceString, words: words.children.map((w) => w.sourceString) };
      },
    });
  return semantics;
}

export interface OrderByItem {
  /** The key text MLflow hands to `_get_identifier` (shlex-unquoted when a direction is given). */
  identifier: RawToken;
  ascending: boolean;
}

/**
 * MLflow's `_parse_order_by_string`: the item must be a single identifier, optionally followed
 * by ASC or DESC (any case), with no surrounding whitespace.
 */
export function orderByItem(item: string): OrderByItem {
  const whole = { offset: 0, length: item.length };
  const unparsable = new Reject(`Invalid order_by clause '${item}'. Could not be parsed.`, whole);
  const match = searchGrammar().match(item, 'orderBy');
  if (match.failed()) throw unparsable;
  const { ident, words } = orderSemantics()(match).parts() as { ident: string; words: string[] };
  if (words.length === 0) return { identifier: { text: ident, span: { offset: 0, length: ident.length } }, ascending: true };
  const tokens = shlexSplit(item.replaceAll('`', '"'));
  if (!tokens || tokens.length > 2) throw unparsable;
  const direction = (tokens[1] ?? '').toLowerCase();
  if (direction !== 'asc' && direction !== 'desc') {
    throw new Reject(`Invalid ordering key in order_by clause '${item}'.`, {
      offset: ident.length,
      length: item.length - ident.length,
    });
  }
  const text = (tokens[0] ?? '').trim();
  return { identifier: { text, span: { offset: 0, length: ident.length } }, ascending: direction === 'asc' };
}
