import type { RawToken } from './raw-clause';
import { pySet, pyTupleOfStr } from './py-repr';
import { splitIdentifier, stripQuotes, trimBackticks } from './quoting';
import { Reject } from './search-error';
import type { SourceSpan } from './types';

/** Experiments and the model registry only know attributes and tags. */
export type ScopedType = 'attribute' | 'tag';

const PREFIXES = ['attribute', 'tag', 'tags'];

export interface ScopedIdentifier {
  type: ScopedType;
  key: string;
  keySpan: SourceSpan;
}

/**
 * The `_get_identifier` of MLflow's experiment and registry searches: the prefix must be exactly
 * `attribute`, `tag` or `tags` (no other aliases, no backticks). Experiments validate attribute
 * keys after removing quotes; the registry (`checkRawKey`) validates the key as written.
 */
export function scopedIdentifier(
  ident: RawToken,
  validAttributes: readonly string[],
  checkRawKey = false,
): ScopedIdentifier {
  const { prefix, key: rawKey } = splitIdentifier(ident);
  if (prefix && !PREFIXES.includes(prefix.text)) {
    throw new Reject(
      `Invalid entity type '${prefix.text}'. Valid entity types are ${pyTupleOfStr(PREFIXES)}`,
      prefix.span,
    );
  }
  const type: ScopedType = prefix && prefix.text !== 'attribute' ? 'tag' : 'attribute';
  const key = trimBackticks(stripQuotes(rawKey.text));
  const checked = checkRawKey ? rawKey.text : key;
  if (type === 'attribute' && !validAttributes.includes(checked)) {
    throw new Reject(
      `Invalid attribute key '${checked}' specified. Valid keys are '${pySet(validAttributes)}'`,
      rawKey.span,
    );
  }
  return { type, key, keySpan: rawKey.span };
}
