"""The query side of the search: French normalisation, compounds, synonyms, prefixes, engine syntax."""

import pytest

from search import french
from search.query import Term, parse

SYNONYMS = [
    (tuple(french.terms("télétravail")), tuple(french.terms("travail à distance"))),
    (("dreal",), tuple(french.terms("direction régionale de l'environnement, de l'aménagement et du logement"))),
    (("visio",), tuple(french.terms("visioconférence"))),
]


def alternatives(query):
    return [[tuple(t.text + ("*" if t.prefix else "") for t in alternative) for alternative in clause.alternatives] for clause in query.clauses]


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("managériales", "management"),
        ("formateur", "former"),
        ("formation", "former"),
        ("pilotage", "piloter"),
        ("résultats", "résulter"),
        ("communication", "communiquer"),
        ("régionale", "région"),
        ("cheffes", "chef"),
        ("directrice", "directeur"),
        ("inscription", "inscrire"),
        ("coopération", "coopérer"),
        ("Égalité", "egalite"),
    ],
)
def test_words_of_one_family_share_a_term(one, other):
    assert french.stem(one.casefold()) == french.stem(other.casefold())


@pytest.mark.parametrize(("one", "other"), [("management", "ménage"), ("former", "forêt"), ("région", "règle")])
def test_words_of_different_families_keep_different_terms(one, other):
    assert french.stem(one) != french.stem(other)


def test_a_hyphenated_word_is_indexed_split_and_joined():
    terms = french.index_terms("Le co-développement des Côtes-d'Armor")
    assert {"co", "developp", "codevelopp", "armor", "cotesarmor"} <= set(terms)
    # a word written joined is indexed as the joined term only, which both other spellings ask for
    assert french.index_terms("codéveloppement") == ["codevelopp"]


@pytest.mark.parametrize("q", ["co-développement", "co développement", "Co-Développement"])
def test_every_spelling_of_a_compound_asks_for_the_joined_word_or_its_parts(q):
    assert alternatives(parse(q)) == [[("codevelopp",), ("co", "developp")]]


def test_a_joined_compound_is_one_word():
    assert alternatives(parse("codéveloppement"))[0][0] == ("codevelopp",)


def test_the_last_word_is_also_a_prefix_and_the_vocabulary_completes_it():
    query = parse("séminaire coop", complete=lambda word: ["cooper", "coop"] if word == "coop" else [])
    assert alternatives(query) == [[("seminair",)], [("coop",), ("coop*",), ("cooper",)]]


def test_only_the_last_word_is_a_prefix():
    query = parse("coop séminaire")
    assert alternatives(query)[0] == [("coop",)]
    assert ("seminair*",) in alternatives(query)[1]


def test_a_one_letter_last_word_is_not_a_prefix():
    assert alternatives(parse("management a b")) == [[("manag",)], [("b",)]]


def test_synonyms_apply_in_both_directions():
    assert alternatives(parse("travail à distance", SYNONYMS)) == [[("travail", "distanc"), ("teletravail",)]]
    assert alternatives(parse("télétravail", SYNONYMS)) == [[("teletravail",), ("travail", "distanc")]]
    query = parse("la DREAL Occitanie", SYNONYMS)
    assert alternatives(query)[0] == [("dreal",), ("direct", "region", "environ", "amenag", "log")]


def test_a_synonym_never_takes_part_of_a_compound():
    assert alternatives(parse("visio-conférence", SYNONYMS)) == [[("visioconferent",), ("visio", "conferent")]]
    assert alternatives(parse("visio Toulouse", SYNONYMS))[0] == [("visio",), ("visioconferent",)]


@pytest.mark.parametrize("q", ["le la les des", "qu'il y a", "!!!", "", "  "])
def test_a_query_without_meaningful_words_is_empty(q):
    assert not parse(q)


@pytest.mark.parametrize(
    "q", ['management" OR 1=1 --', "coop*", "NEAR(a b)", "a:* & !b", "'; DROP TABLE x; --", "title:secret", "^égalité"]
)
def test_no_engine_syntax_comes_from_what_was_typed(q):
    query = parse(q)
    for clause in query.clauses:
        for alternative in clause.alternatives:
            for term in alternative:
                assert term.text.isalnum(), term
    fts5, tsquery = query.fts5(), query.tsquery()
    assert fts5.count('"') % 2 == 0
    assert all(ch.isalnum() or ch in ' "()*ANDOR' for ch in fts5)
    assert all(ch.isalnum() or ch in " '()&|:*" for ch in tsquery)


def test_engine_syntax_of_a_query():
    query = parse("co-développement coop")
    assert query.fts5() == '(("codevelopp") OR ("co" AND "developp")) AND (("coop") OR ("coop"*))'
    assert query.tsquery() == "(('codevelopp') | ('co' & 'developp')) & (('coop') | ('coop':*))"
    synonym = parse("télétravail", SYNONYMS)
    assert synonym.fts5() == '(("teletravail") OR "travail distanc")'
    assert synonym.tsquery() == "(('teletravail') | ('travail' <-> 'distanc'))"


def test_the_phrase_is_the_main_terms_in_the_order_typed():
    assert parse("séminaire des cadres supérieurs").phrase() == " seminair cadr superieur"
    assert parse("séminaire des cadres supérieurs", SYNONYMS[:1]).phrase() == " seminair cadr superieur"
    assert parse("cadres supérieurs visio", SYNONYMS).phrase() == " cadr superieur visio "
    assert parse("management").phrase() == ""
    assert Term("a").prefix is False


def test_the_phrase_for_postgresql_leaves_the_title_out_and_stays_open_like_the_text():
    """The same phrase as `phrase()`, looked for in the lead, body and other columns of the tsvector."""
    assert parse("séminaire des cadres supérieurs").phrase_tsquery() == "'seminair':BCD <-> 'cadr':BCD <-> 'superieur':*BCD"
    assert parse("cadres supérieurs visio", SYNONYMS).phrase_tsquery() == "'cadr':BCD <-> 'superieur':BCD <-> 'visio':BCD"
    assert parse("management").phrase_tsquery() == ""


def test_addresses_are_not_words():
    assert french.index_terms("Écrire à laure.castagne@demo.reseau.localhost ou voir https://www.reseau.fr/page") == [
        "ecrir",
        "voir",
    ]
