"""« Fiches proches »: up to four live fiches close to a given one.

Closeness is counted on the facet table, so it costs the same few queries whatever the number of
fiches: a shared theme weighs 3, a shared tag 2, the same region 1, the same type of structure 1; ties
go to the most recent page (highest id). Fiches an editor pinned by hand come first, in their order.

How it is counted, and why: one query joins the fiche's own facet rows to every other row with the same
value, each side read from a covering index (page, facet, value / facet, value, page), and sums the
weights per page. Written as "rows sharing any of these values" (an OR of pairs), SQLite fetched every
matching row from the table rather than the index, and checked the page type row by row: 60 to 90 ms at
10,000 fiches for a well-connected fiche, against 5 to 10 ms now.

Only fiches count. Every page with facet rows has exactly one "type" row (search.facets.rows_for), so
"not one of the other types" is "a fiche": a list of a few dozen networks, livrables and sélections to
leave out, where "is a fiche" would be a list of all the fiches. Should a page ever lack its type row,
the final load (live fiches only) drops it: a shorter list, never a wrong fiche.
"""

from django.db import connection
from wagtail.models import Page

from portal.access import hidden_page_ids
from search.facets import searchable_models
from search.models import PageFacet

from .models.fiche_parts import PinnedRelatedFiche

WEIGHTS = {"theme": 3, "tag": 2, "region": 1, "service": 1}


def _placeholders(values):
    return ", ".join(["%s"] * len(values))


def _pinned_and_ranked(fiche, hidden, limit):
    """(pinned ids in the editor's order, ids of the closest other fiches best first), in one query.

    The ranking leaves out the fiche itself, the pinned fiches and the `hidden` subquery; it returns up
    to `limit` fiches, of which the caller keeps what the pinned ones leave room for.
    """
    quote = connection.ops.quote_name
    table, pinned, pages = (quote(model._meta.db_table) for model in (PageFacet, PinnedRelatedFiche, Page))
    weight = " ".join(f"WHEN %s THEN {int(w)}" for w in WEIGHTS.values())
    conditions = [
        f"own.page_id = %s AND own.facet IN ({_placeholders(WEIGHTS)})",
        "other.page_id <> %s",
        f"other.page_id NOT IN (SELECT p.related_id FROM {pinned} p WHERE p.page_id = %s)",
    ]
    params = [fiche.pk, fiche.pk, *WEIGHTS, fiche.pk, *WEIGHTS, fiche.pk, fiche.pk]
    other_types = sorted({model.search_type for model in searchable_models()} - {fiche.search_type})
    if other_types:
        conditions.append(f"other.page_id NOT IN (SELECT t.page_id FROM {table} t WHERE t.facet = %s AND t.value IN ({_placeholders(other_types)}))")
        params += ["type", *other_types]
    if hidden is not None:
        subquery, hidden_params = hidden.query.sql_with_params()
        conditions.append(f"other.page_id NOT IN ({subquery})")
        params += list(hidden_params)
    # Pinned rows (kind 0) in their editor's order, then ranked rows (kind 1), best first.
    sql = (
        f"SELECT kind, page_id FROM ("
        f"SELECT 0 AS kind, p.related_id AS page_id, p.sort_order AS a, 0 AS b FROM {pinned} p "
        f"INNER JOIN {pages} pg ON pg.id = p.related_id WHERE p.page_id = %s AND pg.live AND p.related_id <> %s "
        f"UNION ALL "
        f"SELECT 1 AS kind, page_id, -score AS a, -page_id AS b FROM ("
        f"SELECT other.page_id AS page_id, SUM(CASE own.facet {weight} ELSE 0 END) AS score "
        f"FROM {table} own INNER JOIN {table} other ON other.facet = own.facet AND other.value = own.value "
        f"WHERE {' AND '.join(conditions)} "
        f"GROUP BY other.page_id ORDER BY score DESC, other.page_id DESC LIMIT {int(limit)}"
        f") ranked) candidates ORDER BY kind, a, b"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    return [page_id for kind, page_id in rows if kind == 0], [page_id for kind, page_id in rows if kind == 1]


def related_fiches(fiche, request=None, limit=4, with_themes=True):
    """The related fiches, loaded with what their cards show (their themes too unless `with_themes` is
    False: the fiche page loads them with the fiche's own, in one query)."""
    fiches = type(fiche)  # fiches are close to fiches
    hidden = hidden_page_ids(request) if request is not None else None
    pinned_ids, ranked_ids = _pinned_and_ranked(fiche, hidden, limit)
    pinned_ids = pinned_ids[:limit]
    ids = pinned_ids + ranked_ids[: limit - len(pinned_ids)]
    if not ids:
        return []
    pages = fiches.search_result_queryset(fiches.objects.live().filter(pk__in=ids))
    if not with_themes:
        pages = pages.prefetch_related(None)
    if hidden is not None:
        pages = pages.exclude(pk__in=hidden)
    by_id = {page.pk: page for page in pages}
    return [by_id[pk] for pk in ids if pk in by_id]
