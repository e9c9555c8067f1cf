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

from portal.access import hidden_page_ids, visibility_signature
from portal.cache import (
    CLASSIFICATION_VERSION_KEY,
    cached_on_version,
    classification_version,
    page_version,
    type_version,
)
from search import cards
from search.facets import attach_card_facets, searchable_models
from search.models import PageFacet, SearchDocument

from .models.fiche_parts import PinnedRelatedFiche

WEIGHTS = {"theme": 3, "tag": 2, "region": 1, "service": 1}
# On PostgreSQL, the most recent pages of each shared value that are compared (see `_neighbours`).
NEIGHBOURS = 500
# How many more of the best ranked pages than asked for are read before what is left out (the fiche, its
# pinned fiches, other page types, hidden pages) is removed; should they leave fewer than asked, all the
# ranked pages are read again (`_pinned_and_ranked`).
SPARE = 12


def _placeholders(values):
    return ", ".join(["%s"] * len(values))


def _neighbours(table):
    """How the fiche's facet rows meet the other pages' rows with the same value: only the NEIGHBOURS
    most recent pages of each value, read backwards from the index on (facet, value, page). A region or
    a theme shared by tens of thousands of fiches would otherwise be summed whole, and the cost of a
    fiche page would grow with the number of fiches (100 to 430 ms at 100,000 on PostgreSQL, 5 to 10 ms
    at 10,000 on SQLite). The closest fiches are the closest among the most recent of each value: the
    same as comparing them all while a value has fewer pages than that.

    PostgreSQL says it with LATERAL; SQLite has none, and bounds each value's range of pages from below
    by its NEIGHBOURS-th most recent page (a page has one row per value), which it computes once per row
    of the fiche when it starts reading that range.
    """
    if connection.vendor == "postgresql":
        return (
            f"CROSS JOIN LATERAL (SELECT o.page_id FROM {table} o WHERE o.facet = own.facet AND o.value = own.value "
            f"ORDER BY o.page_id DESC LIMIT {NEIGHBOURS}) other"
        )
    oldest = (
        f"SELECT x.page_id FROM {table} x WHERE x.facet = own.facet AND x.value = own.value "
        f"ORDER BY x.page_id DESC LIMIT 1 OFFSET {NEIGHBOURS - 1}"
    )
    return (
        f"INNER JOIN {table} other ON other.facet = own.facet AND other.value = own.value "
        f"AND other.page_id >= COALESCE(({oldest}), 0)"
    )


def _pinned_and_ranked(fiche, hidden, limit):
    """(pinned ids in the editor's order, ids of the closest other fiches best first), in one query
    (two, rarely: see `SPARE`).

    The ranking leaves out the fiche itself, the pinned fiches, the other page types and the `hidden`
    subquery; it returns up to `limit` fiches, of which the caller keeps what the pinned ones leave room
    for.
    """
    pinned_ids, ranked, versions = _query(fiche, hidden, limit + SPARE)
    kept = [page_id for page_id, excluded in ranked if not excluded]
    if len(kept) < limit and len(ranked) == limit + SPARE:  # the left-out ones filled the reach
        pinned_ids, ranked, versions = _query(fiche, hidden, None)
        kept = [page_id for page_id, excluded in ranked if not excluded]
    return pinned_ids, kept[:limit], versions


def _query(fiche, hidden, reach):
    """(pinned ids, [(id, left out?)] of the `reach` best ranked pages (all of them if None), {id: card
    version}).

    What is left out (the fiche, its pinned fiches, other page types, hidden pages) is tested on these
    rows only, after the ranking, rather than on each of the thousands of rows summed (a fifth of the
    statement's time at 100,000 fiches on PostgreSQL).
    """
    quote = connection.ops.quote_name
    table, pinned, pages = (quote(model._meta.db_table) for model in (PageFacet, PinnedRelatedFiche, Page))
    weight = " ".join(f"WHEN %s THEN {int(w)}" for w in WEIGHTS.values())
    hidden_sql, hidden_params = hidden.query.sql_with_params() if hidden is not None else ("", ())
    left_out = [
        "ranked.page_id = %s",
        f"ranked.page_id IN (SELECT p.related_id FROM {pinned} p WHERE p.page_id = %s)",
    ]
    left_out_params = [fiche.pk, fiche.pk]
    other_types = sorted({model.search_type for model in searchable_models()} - {fiche.search_type})
    if other_types:
        left_out.append(f"ranked.page_id IN (SELECT t.page_id FROM {table} t WHERE t.facet = %s AND t.value IN ({_placeholders(other_types)}))")
        left_out_params += ["type", *other_types]
    if hidden is not None:
        left_out.append(f"ranked.page_id IN ({hidden_sql})")
        left_out_params += list(hidden_params)
    # Pinned rows (kind 0) in their editor's order, then ranked rows (kind 1), best first; with the
    # version of each one's search document (its card's version, search.cards), which only live
    # searchable pages have.
    pinned_hidden = f"AND p.related_id NOT IN ({hidden_sql}) " if hidden is not None else ""
    documents = quote(SearchDocument._meta.db_table)
    sql = (
        f"SELECT candidates.kind, candidates.page_id, candidates.excluded, d.updated_at FROM ("
        f"SELECT 0 AS kind, p.related_id AS page_id, p.sort_order AS a, 0 AS b, 0 AS excluded FROM {pinned} p "
        f"INNER JOIN {pages} pg ON pg.id = p.related_id WHERE p.page_id = %s AND pg.live AND p.related_id <> %s "
        f"{pinned_hidden}"
        f"UNION ALL "
        f"SELECT 1 AS kind, ranked.page_id, -ranked.score AS a, -ranked.page_id AS b, "
        f"CASE WHEN {' OR '.join(left_out)} THEN 1 ELSE 0 END AS excluded FROM ("
        f"SELECT other.page_id AS page_id, SUM(own.weight) AS score FROM ("
        f"SELECT facet, value, CASE facet {weight} ELSE 0 END AS weight FROM {table} "
        f"WHERE page_id = %s AND facet IN ({_placeholders(WEIGHTS)})) own {_neighbours(table)} "
        f"GROUP BY other.page_id ORDER BY score DESC, other.page_id DESC"
        f"{'' if reach is None else f' LIMIT {int(reach)}'}"
        f") ranked) candidates LEFT JOIN {documents} d ON d.page_id = candidates.page_id "
        f"ORDER BY candidates.kind, candidates.a, candidates.b"
    )
    params = [fiche.pk, fiche.pk, *hidden_params, *left_out_params, *WEIGHTS, fiche.pk, *WEIGHTS]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    versions = {page_id: cards.version(updated_at) for kind, page_id, excluded, updated_at in rows if not excluded}
    pinned_ids = [page_id for kind, page_id, _excluded, _at in rows if kind == 0]
    return pinned_ids, [(page_id, bool(excluded)) for kind, page_id, excluded, _at in rows if kind == 1], versions


def _chosen(fiche, hidden, limit):
    """The ids of the related fiches, pinned first, and their cards' versions."""
    pinned_ids, ranked_ids, versions = _pinned_and_ranked(fiche, hidden, limit)
    pinned_ids = pinned_ids[:limit]
    return pinned_ids + ranked_ids[: limit - len(pinned_ids)], versions


def _key(fiche, request, limit):
    """What the choice of a fiche's related fiches depends on: the fiches' classification, the fiche
    (its token: its pinned fiches), what the reader may not see."""
    return (classification_version(type(fiche), request), fiche.pk, page_version(fiche.pk, request), visibility_signature(request), limit)


def chosen(fiche, request, limit=4):
    """(ids, {id: card version}) of the related fiches this reader sees, memoised on the fiche.

    Which fiches are closest depends only on how the fiches are classified (their facet rows), on the
    fiche's own pinned choices and on what the reader may not see: the ids are computed once per
    classification of the fiches (portal.cache.classification_version), fiche token and visibility,
    so that a fiche published again as it was classified costs no other fiche page this query. Their
    cards' versions come with them, or from one small query: a related fiche whose text changed shows
    its new card at once.
    """
    memo = fiche.__dict__.setdefault("_related_chosen", {})
    if limit not in memo:
        fresh = {}  # the versions come with the ids when they are chosen now

        def choose():
            ids, fresh["versions"] = _chosen(fiche, hidden_page_ids(request), limit)
            return ids

        ids = cached_on_version(CLASSIFICATION_VERSION_KEY, request, "related-ids", choose, *_key(fiche, request, limit))
        if "versions" in fresh:
            versions = fresh["versions"]
        else:
            updated = SearchDocument.objects.filter(page_id__in=ids).values_list("page_id", "updated_at") if ids else ()
            versions = {pk: cards.version(at) for pk, at in updated}
        memo[limit] = ids, {pk: versions.get(pk) for pk in ids}
    return memo[limit]


def signature(fiche, request, limit=4):
    """What the related fiches' fragment is keyed on: the chosen fiches and their cards' versions.

    Kept until any fiche is published (the fiches' type token) so that a page read again asks nothing
    more; after a publication, the versions are read again and the ids are chosen again only if the
    classification changed (`chosen`)."""

    def build():
        ids, versions = chosen(fiche, request, limit)
        return " ".join(f"{pk}.{versions[pk]}" for pk in ids) or "-"

    key = (*_key(fiche, request, limit), type_version(type(fiche), request))
    return cached_on_version(CLASSIFICATION_VERSION_KEY, request, "related-signature", build, *key)


def related_fiches(fiche, request=None, limit=4):
    """The related fiches as pages, loaded with what their cards show (the fiche page reads them as
    cards, `related_cards`)."""
    hidden = hidden_page_ids(request) if request is not None else None
    ids, _versions = _chosen(fiche, hidden, limit)
    return load_in_order(type(fiche), ids, hidden)


def load_in_order(fiches, ids, hidden=None):
    """The live pages of type `fiches` among `ids`, in that order, with what their cards show."""
    if not ids:
        return []
    pages = fiches.search_result_queryset(fiches.objects.live().filter(pk__in=ids))
    if hidden is not None:
        pages = pages.exclude(pk__in=hidden)
    by_id = {page.pk: page for page in pages}
    attach_card_facets(list(by_id.values()))
    return [by_id[pk] for pk in ids if pk in by_id]


def related_cards(fiche, request, limit=4):
    """The related fiches as result cards (search.cards): the same cards as the listings', read from
    the cache when another page showed them at this version, so that a fiche page read for the first
    time since a publication costs one query for its related fiches rather than three."""
    ids, versions = chosen(fiche, request, limit)
    return cards.cards(
        request,
        ids,
        versions,
        load=lambda missing: load_in_order(type(fiche), missing, hidden_page_ids(request)),
        show_type=False,
        heading="h3",
    )
