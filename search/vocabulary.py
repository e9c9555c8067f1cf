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


def known(words):
    """The words (as typed) whose term some live page uses."""
    terms = {word: french.stem(word) for word in words}
    found = set(SearchWord.objects.filter(term__in=set(terms.values())).values_list("term", flat=True))
    return {word for word, term in terms.items() if term in found}


def nearest(word):
    """The nearest word of the vocabulary to `word` (as typed), or None: see the module's docstring."""
    plain = french.strip_accents(word.casefold())
    distance = allowed_distance(len(plain))
    if not distance:
        return None
    candidates = list(
        SearchWord.objects.filter(
            _starting_with(plain[0]), length__gte=len(plain) - distance, length__lte=len(plain) + distance
        )
        .order_by("-documents", "plain")
        .values_list("plain", "word")
    )
    best = None
    for rank, (candidate, written) in enumerate(candidates):
        found = OSA.distance(plain, candidate, score_cutoff=distance)
        if found <= distance and (best is None or found < best[0]):
            best = (found, rank, written)
            if found == 1 and distance == 1:
                break  # the most used word at the least possible distance
    return best[2] if best else None


def correction(words):
    """{typed word: nearest word} for the words of `words` that no page uses and that have a near one."""
    unknown = [
        word for word in dict.fromkeys(words) if len(french.strip_accents(word)) >= MIN_CORRECTED and french.stem(word)
    ]
    if unknown:
        found = known(unknown)
        unknown = [word for word in unknown if word not in found]
    corrected = {}
    for word in unknown:
        replacement = nearest(word)
        if replacement and french.stem(replacement) != french.stem(word):
            corrected[word] = replacement
    return corrected


def corrected_text(q):
    """`q` with its typos corrected (`correction`), as typed otherwise; None when there is none to correct.
    What every engine searches again when the words as typed give fewer than FEW_RESULTS results."""
    replacements = correction(word for parts in french.compounds(q) for word in parts)
    if not replacements:
        return None
    return WORD_PATTERN.sub(lambda m: replacements.get(m.group(0).casefold(), m.group(0)), q)
