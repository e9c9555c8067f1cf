"""What readers type, against the words the live pages use (search.models.SearchWord).

- `completions(word)`: the terms of the words that start with the last word typed ("coop" →
  coopération, coopérative), the most used first, for the query's prefix matching;
- `correction(words)`: for words with a typo, the nearest word of the vocabulary, by an edit distance
  (insertion, deletion, substitution or transposition of two neighbours: rapidfuzz's OSA distance) of
  at most 1 for words of 5 to 8 letters, 2 from 9 letters, never changing the first letter, the most
  used word first among the nearest. The same on every database: the candidates are the words with the
  same first letter and a length within the distance, read through one index range.

Only words of 5 letters or more are corrected: a shorter one is too often another real word.
"""

import re

from django.db import connection
from django.db.models import Q
from rapidfuzz.distance import OSA

from . import french
from .models import SearchWord

MIN_PREFIX = 2
# Fewer results than this for the words as typed, and the search tries them with their typos corrected.
FEW_RESULTS = 3
WORD_PATTERN = re.compile(r"[^\W_]+", re.UNICODE)
MAX_COMPLETIONS = 12
MIN_CORRECTED = 5


def allowed_distance(length):
    if length >= 9:
        return 2
    if length >= MIN_CORRECTED:
        return 1
    return 0


def _starting_with(prefix):
    """Words whose plain form starts with `prefix`, as an index range on every database.

    SQLite's LIKE ignores case and so cannot use the index; a range on the plain (lower-case) form can.
    PostgreSQL's LIKE uses the pattern index of migration 0006, whatever the database's collation.
    """
    if connection.vendor == "postgresql":
        return Q(plain__startswith=prefix)
    return Q(plain__gte=prefix, plain__lt=prefix + "\U0010ffff")


def completions(word):
    """Terms of the most used words starting with `word` (as typed), its own term excluded."""
    plain = french.strip_accents(word.casefold())
    if len(plain) < MIN_PREFIX:
        return []
    own = french.stem(word)
    rows = (
        SearchWord.objects.filter(_starting_with(plain))
        .exclude(term=own)
        .order_by("-documents", "plain")
        .values_list("term", flat=True)[: MAX_COMPLETIONS * 3]
    )
    return list(dict.fromkeys(rows))[:MAX_COMPLETIONS]


def _window(word):
    """(plain form, allowed distance, first letter, shortest and longest length of a candidate)."""
    plain = french.strip_accents(word.casefold())
    distance = allowed_distance(len(plain))
    return plain, distance, plain[:1], len(plain) - distance, len(plain) + distance


def _nearest(plain, distance, rows):
    """The nearest word to `plain` (a word's plain form) within `distance` among `rows` ((plain, written)
    of the vocabulary, the most used first), or None: see the module's docstring."""
    best = None
    for rank, (candidate, written) in enumerate(rows):
        found = OSA.distance(plain, candidate, score_cutoff=distance)
        if found <= distance and (best is None or found < best[0]):
            best = (found, rank, written)
            if found == 1 and distance == 1:
                break  # the most used word at the least possible distance
    return best[2] if best else None


def correction(words):
    """{typed word: nearest word} for the words of `words` that no page uses and that have a near one.

    One query: the rows of the vocabulary whose term is one of the words' (they are known), and every
    candidate of each word (same first letter, length within the distance), the most used first; each
    word's candidates are then the rows of its own range, in that order (a query for the known words
    and one per unknown word before: each corrected search sent two or three more)."""
    long_enough = (word for word in dict.fromkeys(words) if len(french.strip_accents(word)) >= MIN_CORRECTED)
    terms = {word: term for word in long_enough if (term := french.stem(word))}
    candidates = list(terms)
    if not candidates:
        return {}
    windows = {word: _window(word) for word in candidates}
    near = Q()
    for _plain, _distance, first, shortest, longest in windows.values():
        near |= _starting_with(first) & Q(length__gte=shortest, length__lte=longest)
    rows = list(
        SearchWord.objects.filter(Q(term__in=set(terms.values())) | near)
        .order_by("-documents", "plain")
        .values_list("term", "plain", "word", "length")
    )
    found = {term for term, _plain, _written, _length in rows}
    corrected = {}
    for word in candidates:
        if terms[word] in found:
            continue  # some page uses it
        plain, distance, first, shortest, longest = windows[word]
        own = [(row_plain, written) for _term, row_plain, written, length in rows if row_plain.startswith(first) and shortest <= length <= longest]
        replacement = _nearest(plain, distance, own)
        if replacement and french.stem(replacement) != terms[word]:
            corrected[word] = replacement
    return corrected


def corrected_text(q):
    """`q` with its typos corrected (`correction`), as typed otherwise; None when there is none to correct.
    What every engine searches again when the words as typed give fewer than FEW_RESULTS results."""
    replacements = correction(word for parts in french.compounds(q) for word in parts)
    if not replacements:
        return None
    return WORD_PATTERN.sub(lambda m: replacements.get(m.group(0).casefold(), m.group(0)), q)
