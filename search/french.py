"""French as people type it: one normalisation for what is indexed and for what is searched.

The same function turns a fiche's text into an extra index field and a reader's query into search
terms, so every backend compares like with like: SQLite's full-text index has no stemming at all, and
PostgreSQL and Elasticsearch stem what they receive again, identically on both sides.

Steps: lower case; elisions dropped (l'agilité → agilité); accents removed; common French stop words
dropped; a final -ité/-ée given back its accent (the Snowball French stemmer recognises the accented
suffixes only, so égalité and egalite must look the same to it); plural -s removed; Snowball stem;
accents removed again.
"""

import re
import unicodedata
from functools import lru_cache

import snowballstemmer

_stemmer = snowballstemmer.stemmer("french")

WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*", re.UNICODE)
ELISION = re.compile(r"^(?:l|d|j|m|n|s|t|c|qu|jusqu|lorsqu|puisqu|quoiqu)['’]")

# Function words that carry no meaning in a search. Kept a superset of PostgreSQL's French stop
# list, so that no backend silently drops a word another one keeps (tests/test_french.py checks it
# against PostgreSQL when one is available).
STOP_WORDS = frozenset(
    """
    a ai aie aient aies ait as au aura aurai auraient aurais aurait auras aurez auriez aurions aurons
    auront aux avaient avais avait avec avez aviez avions avoir avons ayant ayez ayons c ce ceci cela
    celle celles celui ces cet cette ceux chez d dans de des du elle elles en es est et etaient etais
    etait etant ete etee etees etes etiez etions eu eue eues eumes eurent eus eusse eussent eusses
    eussiez eussions eut eutes eux fumes furent fus fusse fussent fusses fussiez fussions fut futes
    ici il ils j je l la le les leur leurs lui m ma mais me meme mes moi mon n ne ni nos notre nous on
    ont ou par pas pour qu que quel quelle quelles quels qui s sa sans se sera serai seraient serais
    serait seras serez seriez serions serons seront ses si soi soient sois soit sommes son sont soyez
    soyons suis sur t ta te tes toi ton tu un une vos votre vous y
    """.split()
)

_REACCENT = (("ites", "ités"), ("ite", "ité"), ("ees", "ées"), ("ee", "ée"))


def strip_accents(text):
    return "".join(ch for ch in unicodedata.normalize("NFD", text) if unicodedata.category(ch) != "Mn")


@lru_cache(maxsize=100_000)
def stem(word):
    """The search term for one lower-case word, or "" for a stop word."""
    word = strip_accents(ELISION.sub("", word.replace("’", "'")))
    if word in STOP_WORDS:
        return ""
    if word.isdigit():
        return word
    if len(word) > 5:
        for plain, accented in _REACCENT:
            if word.endswith(plain):
                word = word[: -len(plain)] + accented
                break
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        word = word[:-1]
    return strip_accents(_stemmer.stemWord(word))


def words(text):
    """The words of a text, elided articles and apostrophes taken apart."""
    found = []
    for token in WORD.findall(text.lower()):
        token = ELISION.sub("", token.replace("’", "'"))
        found.extend(part for part in token.split("'") if part)
    return found


def terms(text):
    """Search terms of a text, in order, stop words removed."""
    return [term for term in (stem(word) for word in words(text)) if term]


def normalize(text):
    return " ".join(terms(text))
