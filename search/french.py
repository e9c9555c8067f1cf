"""French as people type it: one normalisation for what is indexed and for what is searched.

The same function turns a fiche's text into an extra index field and a reader's query into search
terms, so every backend compares like with like: SQLite's full-text index has no stemming at all, and
PostgreSQL and Elasticsearch stem what they receive again, identically on both sides.

Steps: lower case; elisions dropped (l'agilité → agilité); accents removed and ligatures spelt out
(œuvre → oeuvre, as PostgreSQL's unaccent and Elasticsearch's asciifolding do with the original text);
common French stop words dropped; a final -ité/-ée given back its accent (the Snowball French stemmer
recognises the accented suffixes only, so égalité and egalite must look the same to it); plural -s
removed; Snowball stem; accents removed again; a few derivational suffixes that Snowball leaves
(`DERIVATIONS`: managérial → manag like management, formateur → form like former). A term that comes
out as a stop word is replaced by a longer form of its word, because PostgreSQL and Elasticsearch drop
stop words from what they receive and SQLite does not (see `stem`).

Compound words are written three ways (co-développement, codéveloppement, co développement): the
index holds a hyphenated word both as its parts and joined (`index_terms`), and the query side
(search.query) asks for either.
"""

import re
import unicodedata
from functools import lru_cache

import snowballstemmer

_stemmer = snowballstemmer.stemmer("french")

WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*", re.UNICODE)
# A word with its hyphens: "co-développement", "Côtes-d'Armor", "femmes-hommes".
COMPOUND = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*", re.UNICODE)
ADDRESS = re.compile(r"\S+@\S+|\b(?:https?://|www\.)\S+", re.UNICODE)
HYPHENS = str.maketrans({"‐": "-", "‑": "-", "–": "-", "—": "-"})
ELISION = re.compile(r"^(?:l|d|j|m|n|s|t|c|qu|jusqu|lorsqu|puisqu|quoiqu)['’]")

# Function words that carry no meaning in a search. Kept a superset of PostgreSQL's French stop
# list with its accents removed (Elasticsearch's _french_ list is the same Snowball list), so that no
# backend silently drops a word another one keeps (tests/test_french.py checks every term against
# PostgreSQL when one is available).
STOP_WORDS = frozenset(
    """
    a ai aie aient aies ait as au aura aurai auraient aurais aurait auras aurez auriez aurions aurons
    auront aux avaient avais avait avec avez aviez avions avoir avons ayant ayante ayantes ayants ayez
    ayons c ce ceci cela celle celles celui ces cet cette ceux chez d dans de des du elle elles en es
    est et etaient etais etait etant etante etantes etants ete etee etees etes etiez etions eu eue eues
    eumes eurent eus eusse eussent eusses eussiez eussions eut eutes eux fumes furent fus fusse fussent
    fusses fussiez fussions fut futes ici il ils j je l la le les leur leurs lui m ma mais me meme mes
    moi mon n ne ni nos notre nous on ont ou par pas pour qu que quel quelle quelles quels qui s sa sans
    se sera serai seraient serais serait seras serez seriez serions serons seront ses si soi soient sois
    soit sommes son sont soyez soyons suis sur t ta te tes toi ton tu un une vos votre vous y
    """.split()
)

# Derivational and feminine endings Snowball's French stemmer keeps, replaced in its output so that the
# words of one family meet: (ending, replacement, minimum length of what remains before it).
# managérial/management, formateur/formation/former, pilotage/piloter, résultat/résulter,
# communiquer/communication, régional/région, cheffe/chef, directrice/directeur, sportive/sportif,
# inscription/inscrire. The first ending that applies is the only one.
DERIVATIONS = (
    ("erial", "", 4),
    ("ateur", "", 4),
    ("atric", "", 4),
    ("ric", "eur", 4),
    ("ipt", "ir", 4),
    ("ff", "f", 3),
    ("iv", "if", 4),
    ("ag", "", 5),
    ("at", "", 4),
    ("iqu", "", 5),
    ("al", "", 5),
)

_REACCENT = (("ites", "ités"), ("ite", "ité"), ("ees", "ées"), ("ee", "ée"))

# Letters that no decomposition takes apart, but that people type as two (and PostgreSQL's unaccent
# and Elasticsearch's asciifolding spell out, so without this "oeuvre" would find "œuvre" there only).
_LIGATURES = str.maketrans({"œ": "oe", "Œ": "OE", "æ": "ae", "Æ": "AE"})


def strip_accents(text):
    text = unicodedata.normalize("NFD", text.translate(_LIGATURES))
    return "".join(ch for ch in text if unicodedata.category(ch) != "Mn")


@lru_cache(maxsize=100_000)
def stem(word):
    """The search term for one lower-case word, or "" for a stop word.

    The term is never a stop word itself: "mois" would lose its -s and "tonne" stem to "ton", which
    PostgreSQL and Elasticsearch then drop on both sides while SQLite keeps them, so the same query
    would find a fiche on one backend and nothing on the other. Such a word keeps its singular, or
    the word as typed, instead.
    """
    typed = strip_accents(ELISION.sub("", word.replace("’", "'")))
    if typed in STOP_WORDS:
        return ""
    if typed.isdigit():
        return typed
    word = typed
    if len(word) > 5:
        for plain, accented in _REACCENT:
            if word.endswith(plain):
                word = word[: -len(plain)] + accented
                break
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        word = word[:-1]
    candidates = (_derived(strip_accents(_stemmer.stemWord(word))), strip_accents(word), typed)
    return next(term for term in candidates if term not in STOP_WORDS)


def _derived(term):
    for ending, replacement, keep in DERIVATIONS:
        if term.endswith(ending) and len(term) - len(ending) >= keep:
            return term[: -len(ending)] + replacement
    return term


def words(text):
    """The words of a text, elided articles and apostrophes taken apart.

    Compatibility forms are folded first (the ﬁ of a pasted PDF, the ᵉ of XXIᵉ, a non-breaking space),
    as search.suggest does, so that they never split or glue words differently from what was typed.
    """
    found = []
    for token in WORD.findall(unicodedata.normalize("NFKC", text).casefold()):
        token = ELISION.sub("", token.replace("’", "'"))
        found.extend(part for part in token.split("'") if part)
    return found


def terms(text):
    """Search terms of a text, in order, stop words removed."""
    return [term for term in (stem(word) for word in words(text)) if term]


def normalize(text):
    return " ".join(terms(text))


def compounds(text):
    """The words of a text as typed, each a tuple of its parts: ("co", "développement") for
    "co-développement", ("égalité",) for "égalité". Elided articles are dropped from each part, and
    addresses (e-mail, web) are left out: "reseau" in contact@demo.reseau.fr is not about networks."""
    text = ADDRESS.sub(" ", unicodedata.normalize("NFKC", text).casefold().translate(HYPHENS))
    return [parts for parts in map(_parts, COMPOUND.findall(text)) if parts]


@lru_cache(maxsize=200_000)
def _parts(token):
    parts = []
    for piece in token.split("-"):
        piece = ELISION.sub("", piece.replace("’", "'"))
        parts.extend(part for part in piece.split("'") if part)
    return tuple(parts)


def joined(parts):
    """The term of a compound written as one word: codéveloppement for co-développement."""
    return stem("".join(parts))


def index_terms(text, words=None):
    """The terms a text is indexed under: `terms`, plus each hyphenated word joined, so that a text
    saying "co-développement" is found by "codéveloppement" as well as by "co développement".
    `words`, a set, receives the words as written (each part, and each compound joined)."""
    found = []
    for parts in compounds(text):
        found.extend(term for term in (stem(part) for part in parts) if term)
        if words is not None:
            words.update(parts)
        if len(parts) > 1:
            term = joined(parts)
            if term:
                found.append(term)
                if words is not None:
                    words.add("".join(parts))
    return found


def index_text(text, words=None):
    return " ".join(index_terms(text, words))
