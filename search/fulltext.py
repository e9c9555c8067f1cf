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
    """(queryset ordered by relevance, {page id: score})."""
    query = to_query(q)
    if query is None:
        return queryset.order_by("-first_published_at", "-pk"), {}
    results = get_search_backend().search(query, queryset, order_by_relevance=True).annotate_score("_score")
    return results.get_queryset(), {}
