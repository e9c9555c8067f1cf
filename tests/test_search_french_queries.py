"""The French query table (tests/french_queries.py) on the database backend, through the reader's JSON search.

The same file runs on SQLite in `make test` and on PostgreSQL in CI (.ci/run sets DATABASE_URL), so
that "the same queries give the same results on both" is checked by the same expectations, not by
comparing the two engines with each other on one machine.

The corpus (seven fiches with images and documents) is built once for the module, inside a
transaction rolled back at the end, because building it for each of the forty queries would cost a
minute; each test still runs in its own savepoint on top of it.
"""

import pytest
from django.db import connection

from search import fulltext
from search import query as query_module

from .french_queries import LIVE, QUERIES, load_corpus, result_slugs


@pytest.fixture(scope="module")
def corpus(built_once):
    with built_once():
        load_corpus()
        yield


@pytest.mark.django_db
@pytest.mark.parametrize("query", QUERIES, ids=str)
def test_query_finds_exactly_the_expected_fiches(corpus, reader_client, query):
    found = result_slugs(reader_client, query.q)
    assert found == query.expected, f"{query.q!r} ({query.covers}) on {connection.vendor}"


@pytest.mark.django_db
def test_the_fiche_listing_answers_like_the_search(corpus, reader_client):
    """/fiches/ is the same service restricted to fiches: a few queries there too."""
    for query in QUERIES[::6]:
        assert result_slugs(reader_client, query.q, path="/fiches/") == query.expected, query.q


def test_the_table_discriminates():
    """A search that matched everything, or nothing, or ignored a word, would fail many of these queries."""
    sets = [query.expected for query in QUERIES]
    assert len(QUERIES) >= 24
    assert len(set(sets)) >= 12
    assert sum(1 for s in sets if s == LIVE) <= 3
    assert sum(1 for s in sets if not s) >= 3
    assert len({query.q for query in QUERIES}) == len(QUERIES)


@pytest.mark.parametrize("q", ["le la les des", "qu'il y a", "!!!", "  "])
def test_stop_words_and_punctuation_set_no_full_text_restriction(q):
    assert fulltext.to_query(q) is None
    assert not query_module.parse(q)
