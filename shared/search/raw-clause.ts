import type { SourceSpan } from './types';

/** A token as written, with its place in the source. */
export interface RawToken {
  text: string;
  span: SourceSpan;
}

/**
 * A value as written. `string` is a single-quoted literal, `ident` anything sqlparse would call
 * an identifier (bare word, dotted name, "double-quoted", `backticked`), `list` a parenthesised
 * list for IN / NOT IN.
 */
export type RawValue =
  | (RawToken & { kind: 'string' | 'number' | 'ident' })
  | (RawToken & { kind: 'list'; items: RawValue[] });

/**
 * One syntactically valid clause before entity-specific validation. `op.text` is the
 * comparator as written; `op.norm` is upper-cased with single spaces (`NOT IN`, `IS NULL`).
 */
export interface RawClause {
  ident: RawToken;
  op: RawToken & { norm: string };
  value: RawValue | null;
  span: SourceSpan;
}

/**
 * A run filter in Sextant's extended grammar, as written: one clause, an AND or OR of one or
 * more terms, or NOT applied `nots` times (NOT NOT x is x). Validation comes later.
 */
export type RawTerm =
  | { kind: 'clause'; clause: RawClause }
  | { kind: 'and' | 'or'; terms: RawTerm[]; span: SourceSpan }
  | { kind: 'not'; nots: number; term: RawTerm; span: SourceSpan };

export const spanOf = (start: number, end: number): SourceSpan => ({ offset: start, length: end - start });
