"""Full-text matching for the search service, whatever the database backend.

The reader's words go through search.french exactly as the indexed text did (see BasePage.
french_search_text), then to the backend as a plain AND query: no search-engine syntax ever reaches it.
`matching_ids(q)` is a lazy subquery on the database backends, so that facet counts stay in SQL.
"""

from wagtail.models import Page
from wagtail.search.backends import get_search_backend
from wagtail.search.query import PlainText

from . import french


def to_query(q):
    """The backend query for a reader's text, or None when it has no meaningful word."""
    terms = french.terms(q)
    return PlainText(" ".join(terms), operator="and") if terms else None


def matching_ids(q):
    query = to_query(q)
    if query is None:
        return None  # only stop words or punctuation: no full-text restriction
    results = get_search_backend().search(query, Page.objects.live(), order_by_relevance=False)
    return results.get_queryset().values("pk")


def rank(queryset, q):
    """The queryset ordered by relevance, annotated with `_score` (None when q has no meaningful word).

    SQLite's bm25 is negative, lower meaning closer; PostgreSQL's ts_rank is positive, higher meaning
    closer. `score_of` turns either into "higher is closer" for readers of the JSON.
    """
    query = to_query(q)
    if query is None:
        return None
    return get_search_backend().search(query, queryset, order_by_relevance=True).annotate_score("_score").get_queryset()


def score_of(raw):
    if raw is None:
        return None
    from django.db import connection

    return round(-raw if connection.vendor == "sqlite" else raw, 4)
