import type { MatchResult, Node, Semantics } from 'ohm-js';
import { searchGrammar } from './grammar';
import { spanOf, type RawClause, type RawTerm, type RawToken, type RawValue } from './raw-clause';

const token = (node: Node): RawToken => ({
  text: node.sourceString,
  span: spanOf(node.source.startIdx, node.source.endIdx),
});

const normOp = (text: string) => text.toUpperCase().replace(/\s+/g, ' ');

const clause = (whole: Node, ident: Node, op: Node, value: RawValue | null): RawClause => ({
  ident: token(ident),
  op: { ...token(op), norm: normOp(op.sourceString) },
  value,
  span: token(whole).span,
});

/** An AND or OR of the given terms; one term stands for itself. */
function junction(whole: Node, kind: 'and' | 'or', nodes: Node[]): RawTerm {
  const terms = nodes.map((n) => n.raw() as RawTerm);
  return terms.length === 1 ? (terms[0] as RawTerm) : { kind, terms, span: token(whole).span };
}

let semantics: Semantics | undefined;

function rawSemantics(): Semantics {
  semantics ??= searchGrammar()
    .createSemantics()
    .addOperation<unknown>('raw', {
      Filter(_lead, clauses, _trail) {
        const first = clauses.children[0];
        return first ? first.raw() : [];
      },
      Clauses(first, _ands, rest) {
        return [first.raw(), ...rest.children.map((c) => c.raw())];
      },
      BoolFilter(_lead, or, _trail) {
        return or.raw();
      },
      BoolOr(first, _ors, rest) {
        return junction(this, 'or', [first, ...rest.children]);
      },
      BoolAnd(first, _ands, rest) {
        return junction(this, 'and', [first, ...rest.children]);
      },
      BoolTerm(nots, atom) {
        const term = atom.raw() as RawTerm;
        const count = nots.children.length;
        return count === 0 ? term : { kind: 'not', nots: count, term, span: token(this).span };
      },
      BoolAtom_group(_open, _lead, or, _trail, _close) {
        return or.raw();
      },
      BoolAtom_clause(clause) {
        return { kind: 'clause', clause: clause.raw() as RawClause };
      },
      Clause_isNull(ident, op) {
        return clause(this, ident, op, null);
      },
      Clause_in(ident, op, list) {
        return clause(this, ident, op, list.raw() as RawValue);
      },
      Clause_cmp(ident, op, value) {
        return clause(this, ident, op, value.raw() as RawValue);
      },
      List(_open, items, _comma, _close) {
        const list = items.asIteration().children.map((c) => c.raw() as RawValue);
        return { kind: 'list', items: list, ...token(this) };
      },
      number(_sign, _digits) {
        return { kind: 'number', ...token(this) };
      },
      ListStrings(_strings) {
        return { kind: 'string', ...token(this) };
      },
      sqString(_open, _chars, _close) {
        return { kind: 'string', ...token(this) };
      },
      ident(_first, _dots, _rest) {
        return { kind: 'ident', ...token(this) };
      },
      Recover(items) {
        return items.children.flatMap((item): RecoveredItem[] => {
          if (item.ctorName === 'Clause') return [{ kind: 'clause', clause: item.raw() as RawClause }];
          return item.ctorName === 'junk' ? [{ kind: 'junk', token: token(item) }] : [];
        });
      },
    });
  return semantics;
}

/** One piece of a rejected filter, re-read leniently: a well-formed clause or a stray token. */
export type RecoveredItem = { kind: 'clause'; clause: RawClause } | { kind: 'junk'; token: RawToken };

export type RawFilterResult = { ok: true; clauses: RawClause[] } | { ok: false; match: MatchResult };

/** Tokenises a filter into raw clauses, or returns the failed match for error reporting. */
export function matchFilter(text: string): RawFilterResult {
  const match = searchGrammar().match(text, 'Filter');
  if (match.failed()) return { ok: false, match };
  return { ok: true, clauses: rawSemantics()(match).raw() as RawClause[] };
}

export type RawTermResult = { ok: true; term: RawTerm } | { ok: false; match: MatchResult };

/** Reads a run filter in Sextant's extended grammar (OR, NOT, parentheses). */
export function matchBoolFilter(text: string): RawTermResult {
  const match = searchGrammar().match(text, 'BoolFilter');
  if (match.failed()) return { ok: false, match };
  return { ok: true, term: rawSemantics()(match).raw() as RawTerm };
}

/**
 * Re-reads a filter the grammar rejected as a sequence of clauses and stray tokens (ANDs are
 * dropped), in source order. MLflow's messages list the stray tokens.
 */
export function recoverFilter(text: string): RecoveredItem[] {
  const match = searchGrammar().match(text, 'Recover');
  return match.succeeded() ? (rawSemantics()(match).raw() as RecoveredItem[]) : [];
}
