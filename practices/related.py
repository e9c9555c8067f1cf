"""« Fiches proches »: up to four live fiches close to a given one.

Closeness is counted on the facet table, so it costs the same few queries whatever the number of
fiches: a shared theme weighs 3, a shared tag 2, the same region 1, the same type of structure 1; ties
go to the most recent page (highest id). Fiches an editor pinned by hand come first, in their order.

How it is counted, and why: one query joins the fiche's own facet rows to every other row with the same
value, each side read from a covering index (page, facet, value / facet, value, page), and sums the
weights per page. Written as "rows sharing any of these values" (an OR of pairs), SQLite fetched every
matching row from the table rather than the index, and checked the page type row by row: 60 to 90 ms at
10,000 fiches for a well-connected fiche, against 5 to 10 ms now.

A ranking is kept per fiche and brought up to date after other fiches are published (`chosen`,
`_brought_up_to_date`): a fiche page read for the first time after a publication asks for the pages
reclassified since, not for the whole ranking again.

Only fiches count. Every page with facet rows has exactly one "type" row (search.facets.rows_for), so
"not one of the other types" is "a fiche": a list of a few dozen networks, livrables and sélections to
leave out, where "is a fiche" would be a list of all the fiches. Should a page ever lack its type row,
the final load (live fiches only) drops it: a shorter list, never a wrong fiche.
"""

from django.core.cache import cache
from django.db import connection
from wagtail.models import Page

from portal.access import hidden_page_ids, visibility_signature
from portal.cache import (
    CLASSIFICATION_VERSION_KEY,
    FRAGMENT_TIMEOUT,
    cached_on_version,
    classification_change,
    classification_version,
    page_version,
    type_version,
    versioned_key,
)
from portal.models import ClassificationChange
from search import cards
from search.facets import attach_card_facets, searchable_models
from search.models import PageFacet, SearchDocument

from .models.fiche_parts import PinnedRelatedFiche

WEIGHTS = {"theme": 3, "tag": 2, "region": 1, "service": 1}
# On PostgreSQL, the most recent pages of each shared value that are compared (see `_neighbours`).
NEIGHBOURS = 500
# How many more of the best ranked pages than asked for are read before what is left out (the fiche, its
# pinned fiches, other page types, hidden pages) is removed; should they leave fewer than asked, all the
# ranked pages are read again (`_ranked_afresh`).
SPARE = 12
# A ranking kept in the cache is brought up to date from at most this many classification changes;
# beyond, it is ranked afresh (`_brought_up_to_date`).
MAX_CHANGES = 50


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


def _ranked_afresh(fiche, hidden, limit):
    """The fiche's ranking (see `_ranking`, without its version), and {id: card version}, in one query
    (two, rarely: see `SPARE`).

    The ranking leaves out the fiche itself, the pinned fiches, the other page types and the `hidden`
    subquery; it holds at least `limit` fiches when there are that many.
    """
    found = _query(fiche, hidden, limit + SPARE)
    complete = len(found["ranked"]) < limit + SPARE
    kept = [(page_id, score) for page_id, score, excluded in found["ranked"] if not excluded]
    if len(kept) < limit and not complete:  # the left-out ones filled the reach
        found = _query(fiche, hidden, None)
        kept, complete = [(page_id, score) for page_id, score, excluded in found["ranked"] if not excluded], True
    versions = found.pop("versions")
    return {**found, "ranked": kept, "complete": complete}, versions


def _shown(ranking, limit):
    """The ids of the related fiches a ranking shows: the pinned ones first, then the closest."""
    pinned_ids = ranking["pinned"][:limit]
    return pinned_ids + [page_id for page_id, _score in ranking["ranked"][: limit - len(pinned_ids)]]


def _query(fiche, hidden, reach):
    """{"pinned": ids shown first, "pinned_all": every id pinned, "own": {(facet, value): weight} of the
    fiche, "ranked": [(id, score, left out?)] of the `reach` best ranked pages (all of them if None),
    "versions": {id: card version}}, in one statement.

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
    # Pinned rows (kind 0) in their editor's order, left out when they cannot show; ranked rows (kind
    # 1), best first; the fiche's own values (kind 2). With the version of each one's search document
    # (its card's version, search.cards), which only live searchable pages have.
    pinned_hidden = f"OR p.related_id IN ({hidden_sql}) " if hidden is not None else ""
    documents = quote(SearchDocument._meta.db_table)
    sql = (
        f"SELECT candidates.kind, candidates.page_id, candidates.excluded, d.updated_at, candidates.a, "
        f"candidates.facet, candidates.value FROM ("
        f"SELECT 0 AS kind, p.related_id AS page_id, p.sort_order AS a, 0 AS b, "
        f"CASE WHEN NOT pg.live OR p.related_id = %s {pinned_hidden}THEN 1 ELSE 0 END AS excluded, "
        f"NULL AS facet, NULL AS value FROM {pinned} p INNER JOIN {pages} pg ON pg.id = p.related_id WHERE p.page_id = %s "
        f"UNION ALL "
        f"SELECT 1 AS kind, ranked.page_id, -ranked.score AS a, -ranked.page_id AS b, "
        f"CASE WHEN {' OR '.join(left_out)} THEN 1 ELSE 0 END AS excluded, NULL AS facet, NULL AS value FROM ("
        f"SELECT other.page_id AS page_id, SUM(own.weight) AS score FROM ("
        f"SELECT facet, value, CASE facet {weight} ELSE 0 END AS weight FROM {table} "
        f"WHERE page_id = %s AND facet IN ({_placeholders(WEIGHTS)})) own {_neighbours(table)} "
        f"GROUP BY other.page_id ORDER BY score DESC, other.page_id DESC"
        f"{'' if reach is None else f' LIMIT {int(reach)}'}"
        f") ranked "
        f"UNION ALL "
        f"SELECT 2 AS kind, NULL AS page_id, 0 AS a, 0 AS b, 0 AS excluded, facet, value FROM {table} "
        f"WHERE page_id = %s AND facet IN ({_placeholders(WEIGHTS)})"
        f") candidates LEFT JOIN {documents} d ON d.page_id = candidates.page_id "
        f"ORDER BY candidates.kind, candidates.a, candidates.b"
    )
    params = [fiche.pk, *hidden_params, fiche.pk, *left_out_params, *WEIGHTS, fiche.pk, *WEIGHTS, fiche.pk, *WEIGHTS]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    return {
        "pinned": [page_id for kind, page_id, excluded, *_rest in rows if kind == 0 and not excluded],
        "pinned_all": [page_id for kind, page_id, *_rest in rows if kind == 0],
        "own": {(facet, value): WEIGHTS[facet] for kind, *_rest, facet, value in rows if kind == 2},
        "ranked": [(page_id, -int(a), bool(excluded)) for kind, page_id, excluded, _at, a, *_rest in rows if kind == 1],
        "versions": {page_id: cards.version(at) for kind, page_id, excluded, at, *_rest in rows if kind < 2 and not excluded},
    }


def _chosen(fiche, hidden, limit):
    """The ids of the related fiches, pinned first, and their cards' versions."""
    ranking, versions = _ranked_afresh(fiche, hidden, limit)
    return _shown(ranking, limit), versions


def _key(fiche, request, limit):
    """What a fiche's ranking is kept for, whatever the classification of the other fiches (`_ranking`
    brings it up to date): the fiche (its token: its pinned fiches), what the reader may not see."""
    return (fiche.pk, page_version(fiche.pk, request), visibility_signature(request), limit)


def chosen(fiche, request, limit=4):
    """(ids, {id: card version}) of the related fiches this reader sees, memoised on the fiche.

    Which fiches are closest depends only on how the fiches are classified (their facet rows), on the
    fiche's own pinned choices and on what the reader may not see. The ranking is kept in the cache per
    fiche token and visibility (`_ranking`), with the classification change it was computed at; after
    other fiches are published, it is brought up to date from the pages changed since, rather than
    ranked again. Their cards' versions come with a new ranking, or from one small query: a related
    fiche whose text changed shows its new card at once.
    """
    memo = fiche.__dict__.setdefault("_related_chosen", {})
    if limit not in memo:
        entry, versions = _ranking(fiche, request, limit)
        ids = _shown(entry, limit)
        if versions is None:
            updated = SearchDocument.objects.filter(page_id__in=ids).values_list("page_id", "updated_at") if ids else ()
            versions = {pk: cards.version(at) for pk, at in updated}
        memo[limit] = ids, {pk: versions.get(pk) for pk in ids}
    return memo[limit]


def _ranking(fiche, request, limit):
    """(the fiche's ranking, as of the last classification change of the fiches; {id: card version} when
    it was ranked now, else None).

    A ranking: {"version": the classification version it is up to date with, "at": the logged change
    that version names (portal.cache.classification_change), "own": {(facet, value): weight} of the
    fiche, "pinned": ids shown first, "pinned_all": every id pinned, "ranked": [(id, score)] best
    first, "complete": whether that list holds every fiche ranked}.
    """
    key = versioned_key(CLASSIFICATION_VERSION_KEY, request, "related-ranking", *_key(fiche, request, limit))
    version, now = classification_version(type(fiche), request), classification_change(type(fiche), request)
    entry = cache.get(key)
    if entry is not None and entry["version"] == version:
        return entry, None
    hidden = hidden_page_ids(request)
    if entry is not None:
        entry = _brought_up_to_date(entry, fiche, hidden, limit, now)
    versions = None
    if entry is None:
        entry, versions = _ranked_afresh(fiche, hidden, limit)
    entry = {**entry, "version": version, "at": now}
    cache.set(key, entry, FRAGMENT_TIMEOUT)
    return entry, versions


def _brought_up_to_date(entry, fiche, hidden, limit, now):
    """`entry` with the fiches whose classification changed since it was computed ranked again, in one
    query (`hidden`: the pages this reader may not see); None when it must be ranked afresh.

    A changed fiche leaves the list and comes back with its score now, if it is still a live fiche this
    reader may see: what ranking afresh gives it, since a fiche just published is among the most recent
    pages of each of its values (`_neighbours`). The other fiches keep the score they had; ranked afresh,
    one that a newer fiche pushed out of the NEIGHBOURS most recent of a value would lose that value's
    weight, which the kept ranking does not: it stays the closest among the fiches it compared.
    Ranked afresh instead: when the log cannot tell (changes in bulk, too many, or gone), when the fiche
    itself or one it pins changed, or when fewer than `limit` remain of a list that did not hold them all.
    """
    if now is None or entry["at"] is None or not 0 < now - entry["at"] <= MAX_CHANGES:
        return None
    quote = connection.ops.quote_name
    log, table = quote(ClassificationChange._meta.db_table), quote(PageFacet._meta.db_table)
    hidden_sql, hidden_params = hidden.query.sql_with_params() if hidden is not None else ("", ())
    sql = (
        f"SELECT c.page_id, f.facet, f.value FROM {log} c LEFT JOIN {table} f ON f.page_id = c.page_id "
        f"AND f.facet IN ({_placeholders(['type', *WEIGHTS])})"
        f"{f' AND f.page_id NOT IN ({hidden_sql})' if hidden is not None else ''} "
        f"WHERE c.model = %s AND c.id > %s AND c.id <= %s"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, ["type", *WEIGHTS, *hidden_params, type(fiche)._meta.label_lower, entry["at"], now])
        rows = cursor.fetchall()
    changed = {}
    for page_id, facet, value in rows:
        values = changed.setdefault(page_id, set())
        if facet is not None:
            values.add((facet, value))
    if fiche.pk in changed or changed.keys() & set(entry["pinned_all"]):
        return None
    ranked = [(page_id, score) for page_id, score in entry["ranked"] if page_id not in changed]
    for page_id, values in changed.items():
        score = sum(entry["own"].get(value, 0) for value in values)
        if score and ("type", fiche.search_type) in values:  # hidden or gone: no rows
            ranked.append((page_id, score))
    ranked.sort(key=lambda row: (-row[1], -row[0]))
    if len(ranked) < limit and not entry["complete"]:
        return None
    return {**entry, "ranked": ranked[: limit + SPARE], "complete": entry["complete"] and len(ranked) <= limit + SPARE}


def signature(fiche, request, limit=4):
    """What the related fiches' fragment is keyed on: the chosen fiches and their cards' versions.

    Kept until any fiche is published (the fiches' type token) so that a page read again asks nothing
    more; after a publication, the versions are read again and the ids are chosen again only if the
    classification changed (`chosen`)."""

    def build():
        ids, versions = chosen(fiche, request, limit)
        return " ".join(f"{pk}.{versions[pk]}" for pk in ids) or "-"

    key = (classification_version(type(fiche), request), *_key(fiche, request, limit), type_version(type(fiche), request))
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
