"""Full-text matching for the search service, whatever the database backend.

The reader's words go through search.french exactly as the indexed text did (see BasePage.
french_search_text), then to the backend as a plain AND query: no search-engine syntax ever reaches it.
`matching_ids(q)` gives the matching live pages as a lazy subquery.
`matched(pages, q)` matches once for everything a search shows; `ranked` and `by_relevance` order.
"""

from django.db import connection
from django.db.models import Exists, IntegerField, OuterRef
from django.db.models.functions import Cast
from modelsearch.utils import get_descendants_content_types_pks
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


def matched(pages, q):
    """{page id: raw score or None} of the pages of `pages` that match `q` (None when q has no word).

    One match for the whole search: the service derives the results, their number and the sets the
    facets are counted on from it, where matching the words again for each of them read the whole index
    each time. SQLite scores in the same pass (bm25 costs next to nothing there); PostgreSQL's ts_rank
    reads every matching document, so there only the results are ranked, by `ranked`.
    """
    query = to_query(q)
    if query is None:
        return None
    backend = get_search_backend()
    if _is_sqlite_fts(backend):
        return dict(_sqlite_scores(backend, pages, query))
    results = backend.search(query, _plain(pages), order_by_relevance=False)
    return dict.fromkeys(results.get_queryset().order_by().values_list("pk", flat=True))


def ranked(pages, q):
    """(pk, raw score) rows of `pages`, closest first, scored by the backend itself."""
    results = get_search_backend().search(to_query(q), _plain(pages), order_by_relevance=True)
    return results.annotate_score("_score").get_queryset().values_list("pk", "_score")


def by_relevance(scored):
    """(pk, raw score) pairs of scores already known, closest first; ties go to the highest id.

    SQLite's bm25 is negative, lower meaning closer; PostgreSQL's ts_rank is positive, higher meaning
    closer. `score_of` turns either into "higher is closer" for readers of the JSON.
    """
    sign = 1 if connection.vendor == "sqlite" else -1
    return sorted(scored.items(), key=lambda item: (sign * item[1], -item[0]))


def _plain(queryset):
    """The same pages for the backend, which reads a queryset's filters and knows plain lookups only."""
    return queryset.model.objects.filter(pk__in=queryset.values("pk"))


def _is_sqlite_fts(backend):
    return type(backend).__module__ == "modelsearch.backends.database.sqlite.sqlite"


def _sqlite_scores(backend, pages, query):
    """(page id, score) of the matching pages, read from the FTS index in one pass.

    The backend's own ranking scores each candidate page with a correlated sub-select that runs the
    MATCH again for that page: one frequent word over 10,000 fiches took tens of seconds. Here the index
    is read once, from its side, and each match is checked against `pages` by its primary key; the MATCH
    expression comes from the backend's own compiler, so that what matches does not change.

    The score is the backend's own for a plain-text query: FTS5's bm25() once per indexed vector,
    weighted by the vector's boost and summed, which is bm25() times the sum of the boosts.
    """
    # Imported here: modelsearch's SQLite modules look their models up when imported, which needs the
    # app registry ready and an SQLite database.
    from modelsearch.backends.database.sqlite.query import BM25, MatchExpression
    from modelsearch.backends.database.sqlite.query import normalize as sqlite_normalize
    from modelsearch.backends.database.sqlite.sqlite import SQLiteFTSIndexEntry

    compiler = backend.query_compiler_class(pages, query, order_by_relevance=True)
    config = compiler.get_config(backend)
    match = MatchExpression(compiler.FTS_TABLE_FIELDS, compiler.build_search_query(sqlite_normalize(query), config=config))
    score = BM25() * sum(boost for _vector, boost in compiler.get_search_vectors())
    return (
        SQLiteFTSIndexEntry.objects.filter(match)
        .filter(index_entry__content_type__in=get_descendants_content_types_pks(pages.model))
        .annotate(page_id=Cast("index_entry__object_id", IntegerField()))
        .filter(Exists(pages.filter(pk=OuterRef("page_id"))))
        .values_list("page_id", score)
    )


def score_of(raw):
    if raw is None:
        return None
    return round(-raw if connection.vendor == "sqlite" else raw, 4)
