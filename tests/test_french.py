"""The French normalisation shared by indexing and querying."""

import pytest

from search.french import STOP_WORDS, normalize, terms


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
