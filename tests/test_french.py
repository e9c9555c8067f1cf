"""The French normalisation shared by indexing and querying."""

import pytest
from django.db import connection
from django.utils.html import strip_tags

from search.french import STOP_WORDS, normalize, terms, words


@pytest.mark.parametrize(
    "typed, indexed",
    [
        ("egalite", "égalité"),
        ("égalité", "egalite"),
        ("reseaux", "réseau"),
        ("réseau", "réseaux"),
        ("séminaires", "séminaire"),
        ("coopérer", "coopération"),
        ("cooperation", "coopératif"),
        ("agile", "agilité"),
        ("agilite", "agiles"),
        ("collectivités", "collectivite"),
        ("élus", "élu"),
        ("managers", "management"),
        ("écologie", "écologique"),
        ("TÉLÉTRAVAIL", "télétravail"),
        ("oeuvre", "œuvre"),
        ("ŒUVRE", "oeuvres"),
        ("mois", "mois"),
        ("tonnes", "tonne"),
        ("sûres", "sûre"),
        ("efficacité", "efﬁcacité"),  # the ﬁ ligature of a pasted PDF
    ],
)
def test_inflections_and_accents_meet(typed, indexed):
    assert terms(typed) == terms(indexed)
    assert terms(typed) != []


def test_elisions_and_stop_words():
    assert terms("l'agilité") == terms("agilité")
    assert terms("L’égalité des chances") == terms("égalité chances")
    assert terms("d'expérience") == terms("expérience")
    assert terms("qu'il") == []
    assert terms("le la les de des du et à") == []


def test_numbers_and_acronyms_are_kept():
    assert normalize("DDTM 2018") == "ddtm 2018"
    assert normalize("DREAL Occitanie") == "dreal occitan"


def test_search_syntax_is_just_punctuation():
    assert terms('"management" AND (agile) OR -coaching NEAR:* ') == terms("management and agile or coaching near")


def test_stop_words_are_unaccented_and_lower_case():
    assert all(word == word.lower() and word.isascii() for word in STOP_WORDS)


# Words whose stem is a stop word ("mois" → moi, "tonne" → ton, "sûre" → sur, "danse" → dans…):
# PostgreSQL and Elasticsearch would drop such a term where SQLite keeps it.
STEMS_TO_STOP_WORDS = ["mois", "tonnes", "tonne", "sûre", "sûres", "danse", "dansé", "tués", "sons", "unes", "paré"]


@pytest.mark.parametrize("word", STEMS_TO_STOP_WORDS)
def test_no_term_is_a_stop_word(word):
    (term,) = terms(word)
    assert term not in STOP_WORDS


def test_words_of_postgresql_french_stop_list_are_stop_words():
    # the ASCII words of PostgreSQL's list (french.stop) that a simpler list would miss
    assert {"ayant", "ayante", "ayantes", "ayants", "moi", "sur", "ton"} <= STOP_WORDS
    assert terms("ayants droit") == terms("droit")


def _vocabulary():
    """Every word of the demo fiches, the query table's fiches and queries, and the reference names."""
    from portal.devtools.demo import fiches
    from practices.models import Department, Region, Theme

    from .french_queries import EXTRA_FICHES, QUERIES

    specs = (*fiches.FICHES, *EXTRA_FICHES)
    texts = [strip_tags(value) for spec in specs for value in spec.values() if isinstance(value, str)]
    texts += [tag for spec in fiches.FICHES for tag in spec["tags"]]
    texts += [query.q for query in QUERIES]
    for model in (Region, Department, Theme):
        texts += list(model.objects.values_list("name", flat=True))
    return {word for text in texts for word in words(text)} | set(STEMS_TO_STOP_WORDS)


@pytest.mark.django_db
def test_postgresql_keeps_every_term():
    """PostgreSQL drops a stop word from what it receives, SQLite keeps it: no term may be one."""
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only: set DATABASE_URL=postgres://… to run it")
    found = sorted({term for word in _vocabulary() for term in terms(word)})
    assert len(found) > 500
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT t FROM unnest(%s::text[]) AS t WHERE to_tsvector('french_unaccent', t) = ''::tsvector", [found]
        )
        dropped = [row[0] for row in cursor.fetchall()]
    assert dropped == []
