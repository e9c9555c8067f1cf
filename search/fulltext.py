"""Full-text matching for the search service, behind two functions whatever the backend.

`matching_ids(q)` gives the ids of every live page matching the words of `q` (a subquery on the
database backends, so the facet counts stay in SQL); `rank(queryset, q)` orders a queryset by relevance.
"""

import re

from wagtail.models import Page
from wagtail.search.backends import get_search_backend
from wagtail.search.query import PlainText

WORD = re.compile(r"\w+", re.UNICODE)


def words(q):
    """The words of a query, without the syntax of any search engine (quotes, *, :, -, parentheses…)."""
    return WORD.findall(q.replace("_", " "))


def to_query(q):
    return PlainText(" ".join(words(q)), operator="and")


def matching_ids(q):
    if not words(q):
        return Page.objects.none().values("pk")
    results = get_search_backend().search(to_query(q), Page.objects.live(), order_by_relevance=False)
    return results.get_queryset().values("pk")


def rank(queryset, q):
    """(queryset ordered by relevance, {page id: score})."""
    if not words(q):
        return queryset.order_by("-first_published_at", "-pk"), {}
    results = get_search_backend().search(to_query(q), queryset, order_by_relevance=True)
    ordered = results.get_queryset()
    return ordered, {}
