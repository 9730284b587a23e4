import type { RawClause, RawTerm } from './raw-clause';
import { runsClauses } from './runs-filter';
import type { Clause, FilterTerm } from './types';

/** The clauses of a raw term, in source order. */
function rawClauses(term: RawTerm): RawClause[] {
  switch (term.kind) {
    case 'clause':
      return [term.clause];
    case 'not':
      return rawClauses(term.term);
    default:
      return term.terms.flatMap(rawClauses);
  }
}

/** Rebuilds a raw term over its validated clauses (taken in source order from `next`). */
function build(term: RawTerm, next: () => Clause): FilterTerm {
  switch (term.kind) {
    case 'clause':
      return next();
    case 'not': {
      const inner = build(term.term, next);
      if (term.nots % 2 === 0) return inner;
      return 'bool' in inner && inner.bool === 'NOT' ? inner.term : { bool: 'NOT', term: inner, span: term.span };
    }
    default: {
      const bool = term.kind === 'and' ? 'AND' : 'OR';
      // (a AND b) AND c is a AND b AND c: nested groups of the same kind merge.
      const terms = term.terms.flatMap((t) => {
        const built = build(t, next);
        return 'bool' in built && built.bool === bool ? built.terms : [built];
      });
      return { bool, terms, span: term.span };
    }
  }
}

/**
 * Validates a run filter read by Sextant's extended grammar and returns it as a list of terms
 * that must all hold. Clauses are checked exactly as MLflow checks an AND-ed filter (every
 * identifier and value first, then comparators, with the same messages), so an error in an
 * OR-ed clause reads as it would in an AND-ed one.
 */
export function runsFilterTerms(raw: RawTerm): FilterTerm[] {
  const clauses = runsClauses(rawClauses(raw));
  let i = 0;
  const term = build(raw, () => clauses[i++] as Clause);
  return 'bool' in term && term.bool === 'AND' ? term.terms : [term];
}
