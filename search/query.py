"""A reader's words turned into what every engine is asked: clauses of alternatives of terms.

`parse(q)` reads the words as search.french normalises them (the same normalisation as the index) and
builds a `Query`: every clause must be satisfied (AND); a clause is satisfied by any one of its
alternatives (OR); an alternative is a group of terms that must all be in the page. That covers:

- a plain word: one alternative, its term ("coopération" → cooper);
- a compound, in any spelling: "co-développement" asks for the joined term or for both parts (in
  any order: "hommes-femmes" finds "les femmes et les hommes"), and so
  does "co développement" when the first word is a combining prefix (`COMBINING`); the index holds a
  hyphenated word both ways (search.french.index_terms), so all three spellings meet;
- a synonym or an acronym of the list administrators edit (search.synonyms): the expressions of its
  group, any of them, each as a phrase ("télétravail" or "travail à distance");
- the last word typed, when it has 2 letters or more: also any term that starts with it, and the
  terms of the words of the vocabulary that start with it ("coop" → cooper, coop…), since a word
  being typed is often cut inside what the stemmer keeps.

Only terms reach the engines, each quoted (search.fulltext compiles them): no engine syntax ever comes
from what was typed.
"""

from dataclasses import dataclass

from . import french

# Prefixes people write joined, hyphenated or apart: "co développement", "socio économique".
# The last word typed counts as the start of a word from this length ("ag" → agilité).
MIN_PREFIX = 2

COMBINING = frozenset(
    """
    anti auto bio co contre cyber eco extra geo hyper inter intra macro micro mini multi neo pluri post
    pre pro re semi socio sous sur tele trans visio
    """.split()
)


@dataclass(frozen=True)
class Term:
    text: str
    prefix: bool = False


@dataclass(frozen=True)
class Clause:
    alternatives: tuple  # of tuples of Term
    typed: str = ""
    # the terms of an alternative must stand together, in order (a compound's parts, a synonym's words)
    phrase: bool = False

    @property
    def main(self):
        return self.alternatives[0]


@dataclass(frozen=True)
class Query:
    clauses: tuple

    def __bool__(self):
        return bool(self.clauses)

    def fts5(self):
        """The SQLite FTS5 MATCH expression."""

        def term(t):
            return f'"{t.text}"' + ("*" if t.prefix else "")

        def alternative(terms, phrase):
            if phrase and len(terms) > 1:
                return '"' + " ".join(t.text for t in terms) + '"'
            return "(" + " AND ".join(term(t) for t in terms) + ")"

        return " AND ".join(
            "(" + " OR ".join(alternative(terms, clause.phrase) for terms in clause.alternatives) + ")"
            for clause in self.clauses
        )

    def tsquery(self):
        """The PostgreSQL to_tsquery text (with the `simple` configuration)."""

        def term(t):
            return f"'{t.text}'" + (":*" if t.prefix else "")

        def alternative(terms, phrase):
            return "(" + (" <-> " if phrase else " & ").join(term(t) for t in terms) + ")"

        return " & ".join(
            "(" + " | ".join(alternative(terms, clause.phrase) for terms in clause.alternatives) + ")"
            for clause in self.clauses
        )

    def _phrase_terms(self):
        """(the main terms in the order typed, whether the last one may be the start of a longer word)."""
        terms = [t for clause in self.clauses for t in clause.main]
        being_typed = bool(self.clauses) and any(t.prefix for alternative in self.clauses[-1].alternatives for t in alternative)
        return terms, being_typed

    def phrase_tsquery(self, weights="BCD"):
        """`phrase` as a PostgreSQL to_tsquery text restricted to the columns of `weights` (by default all
        but the title); "" for one word."""
        terms, being_typed = self._phrase_terms()
        if len(terms) < 2:
            return ""
        last = len(terms) - 1
        return " <-> ".join(
            f"'{t.text}':" + ("*" if being_typed and index == last else "") + weights for index, t in enumerate(terms)
        )

    def phrase(self):
        """The main terms in the order typed, as they would stand in a normalised text; "" for one word.
        Open at the end when the last word may be the start of a longer one."""
        terms, being_typed = self._phrase_terms()
        if len(terms) < 2:
            return ""
        text = " " + " ".join(t.text for t in terms)
        return text if being_typed else text + " "


def _token_terms(parts):
    return [term for term in (french.stem(part) for part in parts) if term]


def parse(q, synonym_groups=(), complete=None):
    """The Query for `q`; empty when it has no meaningful word (only stop words or punctuation).

    `synonym_groups`: see search.synonyms.groups; `complete(word)`: terms of the vocabulary's words
    starting with `word` (search.vocabulary.completions), or None not to look.
    """
    tokens = [(parts, _token_terms(parts)) for parts in french.compounds(q)]
    tokens = [(parts, terms) for parts, terms in tokens if terms]
    sequence = [(term, index) for index, (_parts, terms) in enumerate(tokens) for term in terms]
    by_first = {}
    for group in synonym_groups:
        for expression in group:
            by_first.setdefault(expression[0], []).append((expression, group))

    clauses = []
    position = 0
    last_plain_token = None
    while position < len(sequence):
        term, index = sequence[position]
        parts, terms = tokens[index]
        synonym = _longest_synonym(sequence, position, by_first)
        if synonym is not None:
            expression, group = synonym
            typed = " ".join(
                " ".join(tokens[i][0])
                for i in dict.fromkeys(sequence[p][1] for p in range(position, position + len(expression)))
            )
            alternatives = (
                tuple(Term(t) for t in expression),
                *(tuple(Term(t) for t in other) for other in group if other != expression),
            )
            clauses.append(Clause(alternatives, typed, phrase=True))
            position += len(expression)
            continue
        starts_token = position == 0 or sequence[position - 1][1] != index
        if starts_token and len(terms) > 1:
            alternatives = [tuple(Term(t) for t in terms)]
            whole = french.joined(parts)
            if whole and whole not in terms:
                alternatives.insert(0, (Term(whole),))
            clauses.append(Clause(tuple(alternatives), "-".join(parts)))
            position += len(terms)
            continue
        following = tokens[index + 1] if index + 1 < len(tokens) else None
        if (
            starts_token
            and len(parts) == 1
            and french.strip_accents(parts[0]) in COMBINING
            and following is not None
            and len(following[0]) == 1
        ):
            whole = french.joined((parts[0], following[0][0]))
            pair = (Term(term), Term(following[1][0]))
            clauses.append(Clause(((Term(whole),), pair) if whole else (pair,), f"{parts[0]} {following[0][0]}"))
            position += 2
            continue
        clauses.append(Clause(((Term(term),),), parts[0] if len(parts) == 1 else "-".join(parts)))
        last_plain_token = (len(clauses) - 1, index) if len(parts) == 1 else None
        position += 1

    if clauses and last_plain_token is not None and last_plain_token[0] == len(clauses) - 1:
        clauses[-1] = _with_prefix(clauses[-1], tokens[last_plain_token[1]][0][0], complete)
    return Query(tuple(clauses))


def _longest_synonym(sequence, position, by_first):
    """The longest synonym expression found at `position`, covering whole words only: "visio" is not
    read in "visio-conférence", which is a compound of its own."""
    if position > 0 and sequence[position - 1][1] == sequence[position][1]:
        return None
    best = None
    for expression, group in by_first.get(sequence[position][0], ()):
        end = position + len(expression)
        if end < len(sequence) and sequence[end][1] == sequence[end - 1][1]:
            continue
        if end <= len(sequence) and tuple(term for term, _index in sequence[position:end]) == expression:
            if best is None or len(expression) > len(best[0]):
                best = (expression, group)
    return best


def _with_prefix(clause, word, complete):
    """The last word typed, also as the start of a longer word."""
    plain = french.strip_accents(word)
    if len(plain) < MIN_PREFIX or plain.isdigit():
        return clause
    term = clause.main[0].text
    alternatives = [(Term(term),), (Term(term, prefix=True),)]
    for completed in complete(word) if complete else ():
        if completed != term:
            alternatives.append((Term(completed),))
    return Clause(tuple(alternatives), clause.typed)
