import * as ohm from 'ohm-js';

/**
 * The token-level shape of MLflow search strings, modelled on what MLflow's sqlparse-based
 * parser accepts: `clause AND clause …` where a clause is `identifier comparator value`,
 * `identifier [NOT] IN (list)` or `identifier IS [NOT] NULL`. Like MLflow, it tolerates stray
 * leading, trailing and repeated ANDs, and even two clauses with no AND between them. Which
 * identifiers, comparators and value kinds are valid is decided afterwards, per search entity,
 * so errors can name the exact token.
 *
 * Identifiers are dotted runs of bare words and `backtick`, "double" or 'single' quoted names
 * with no whitespace; the split into entity prefix and key happens later, on the first dot of
 * the raw text (exactly like MLflow, so `tags."a.b"` is tag `a.b` but `"tags.a"` is rejected).
 *
 * `Recover` re-reads a rejected filter as clauses, ANDs and junk tokens; the junk is what
 * MLflow lists in "Invalid clause(s) in filter string: …".
 *
 * `BoolFilter` is Sextant's own run-search grammar on top of the same clauses: OR, NOT and
 * parentheses, with NOT binding tighter than AND and AND tighter than OR. Like `Filter` it
 * tolerates repeated ANDs and stray ones at either end (of the filter or of a group), but it
 * wants an AND or OR between two terms. It is only tried on run filters that `Filter`
 * rejects, so a filter MLflow accepts always keeps MLflow's meaning.
 */
const source = String.raw`
MlflowSearch {
  Filter = andKw* Clauses? andKw*
  Clauses = Clause (andKw* Clause)*
  Clause = ident nullOp  -- isNull
         | ident inOp List  -- in
         | ident cmpOp Value  -- cmp
  Value (a value) = List | number | sqString | ident
  List (a parenthesised list) = "(" ListOf<ListItem, ","> ","? ")"
  ListItem = number | ListStrings | ident
  ListStrings = listString+
  listString = sqString | dqString

  orderBy = ident (space+ bareWord)*

  BoolFilter = andKw* BoolOr andKw*
  BoolOr = BoolAnd (orKw BoolAnd)*
  BoolAnd = BoolTerm (andKw+ BoolTerm)*
  BoolTerm = notKw* BoolAtom
  BoolAtom = "(" andKw* BoolOr andKw* ")"  -- group
           | Clause  -- clause

  Recover = (Clause | andKw | junk)*
  junk = parenGroup | comment | sqString | dqString | backtickName | number | ident | bareWord | symOp | any
  parenGroup = "(" (parenGroup | sqString | dqString | ~")" any)* ")"
  comment = "--" (~"\n" any)*

  ident (an identifier) = ~(reserved ~".") identPart ("." dotPart)*
  identPart = quotedName | bareWord
  dotPart = quotedName | dotWord
  quotedName = backtickName | dqString | sqString
  bareWord = wordChar (wordChar | "$" | "#")*
  dotWord = letter wordChar*  -- named
          | ~(digit+ ~(wordChar | "$" | "#")) wordChar (wordChar | "$" | "#")*  -- other
  wordChar = alnum | "_"
  backtickName = "${'`'}" ("${'``'}" | ~"${'`'}" any)* "${'`'}"
  sqString (a quoted string) = "'" ("''" | "\\'" | ~"'" any)* "'"
  dqString = "\"" ("\"\"" | "\\\"" | ~"\"" any)* "\""

  number (a number) = "-"? unsignedNumber ~(letter | "_")
  unsignedNumber = digit+ ("." digit+)? caseInsensitive<"e"> "-"? digit+  -- exponent
                 | digit+ "." digit*  -- fraction
                 | "." digit+  -- leadingDot
                 | digit+  -- integer

  reserved = (caseInsensitive<"and"> | caseInsensitive<"or"> | caseInsensitive<"not">
             | caseInsensitive<"in"> | caseInsensitive<"is"> | caseInsensitive<"null">
             | likeWord | caseInsensitive<"between">) ~wordChar
  andKw (AND) = caseInsensitive<"and"> ~wordChar
  notKw (NOT) = caseInsensitive<"not"> ~wordChar
  orKw (OR) = caseInsensitive<"or"> ~wordChar
  inOp (IN) = (notKw space+)? caseInsensitive<"in"> ~wordChar
  nullOp (IS NULL) = caseInsensitive<"is"> ~wordChar space+ (notKw " ")? caseInsensitive<"null"> ~wordChar
  cmpOp (a comparator) = likeOp | symOp
  likeOp = (notKw space+)? likeWord ~wordChar
  likeWord = caseInsensitive<"ilike"> | caseInsensitive<"rlike"> | caseInsensitive<"like">
  symOp = ("<" | ">" | "=" | "~" | "!")+
}
`;

let compiled: ohm.Grammar | undefined;

/** The compiled grammar (built on first use; compiling costs a few milliseconds). */
export function searchGrammar(): ohm.Grammar {
  compiled ??= ohm.grammar(source);
  return compiled;
}
