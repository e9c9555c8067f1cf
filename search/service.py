"""The one search service: a validated query in, a page of results and facet counts out.

Every listing of the portal goes through here: /recherche/ (all content types a reader may see) and
/fiches/ (the same, restricted to fiches), in HTML and JSON. The steps, each a constant number of SQL
queries whatever the number of pages, all computed by the database:

1. the candidates: the search documents (one per live searchable page, search.models.SearchDocument)
   of the requested types, not hidden by a view restriction; the pages themselves are only read for
   the page of results;
2. the reader's words as clauses of terms (search.query: synonyms, compounds, the last word as a
   prefix), matched as a subquery of the search documents (search.fulltext.matching; on PostgreSQL,
   the statements of a search with words find them through the GIN index, fulltext.through_the_index),
   the requested types tested on each match as it is read (`type_clause`);
3. the facet filters, each a semi-join on PageFacet: values of one facet are OR-ed, facets AND-ed;
4. one page of results, ranked by the database with a LIMIT, and their number with it
   (search.fulltext.ranked; one COUNT when sorted by date): the cost of the page follows the page;
5. the counts of every facet, following the faceted-navigation rule: a facet's counts apply the query
   and every other active filter, but not its own, so that a reader sees what ticking another box of
   the same facet would add; without words and with at most one value to filter by, read from the
   counts of value pairs kept at publication (search.pairs), whatever the number of pages; with words
   that match most of the pages of that value, from the pairs less the pages that do not match;
6. when the words as typed give fewer than vocabulary.FEW_RESULTS results, the same search with the typos
   corrected (search.vocabulary), kept if it finds more, and said so (`Outcome.correction`).
"""

from dataclasses import dataclass, replace

from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.core.paginator import Paginator
from django.db import connection
from django.db.models import Count, F, FloatField, Value
from taggit.models import Tag
from wagtail.models import Page

from portal.access import hidden_page_ids, visibility_signature
from portal.cache import FRAGMENT_TIMEOUT, cached_content, content_key

from . import cards, elastic, facets, fulltext, pairs, query, synonyms, vocabulary
from .contract import TYPE_FACET
from .models import FacetPair, PageFacet, SearchDocument
from .outcome import SORT_RECENT, SORT_RELEVANCE, Criteria, FacetCount, FacetResult, Outcome

__all__ = ["SORT_RECENT", "SORT_RELEVANCE", "Criteria", "FacetCount", "FacetResult", "Outcome", "SearchService"]

PER_PAGE = 20
TYPE_SIZES_KEY, TYPE_SIZES_TIMEOUT = "search:type-sizes", 3600  # SearchService._types_split
# Fewer results than this for the words as typed: the words with a typo are corrected (search.vocabulary).


@dataclass
class Found:
    criteria: Criteria
    parsed: object  # search.query.Query, or None without words
    match: object  # the subquery of the matching pages (search.fulltext.matching), or None
    results: object  # the queryset of the results, unordered
    total: int
    ranked: object = None  # (offset, rows) of the page asked, when ranked with the total
    candidates: object = None  # the ids of the pages the ranking may list (SearchService.page_ids), or None for all
    restriction: object = None  # the condition on the matches' page ids (SearchService.type_clause), or None


class Counted:
    """Rows whose number is already known, so that the paginator does not count them again."""

    def __init__(self, rows, total):
        self.rows = rows
        self.total = total

    def count(self):
        return self.total

    def __len__(self):
        return self.total

    def __getitem__(self, key):
        return self.rows[key]


class Ranked(Counted):
    """The matching pages, closest first, for the paginator: each page of them ranked by the database
    with a LIMIT (search.fulltext.ranked), only when the paginator asks for it."""

    def __init__(self, parsed, candidates, total, first=None, restriction=None, regions=None):
        super().__init__(None, total)
        self.parsed = parsed
        self.candidates = candidates
        self.restriction = restriction
        self.regions = regions  # the region filter's values: each page narrowed as the first (fulltext.ranked)
        self.first = first  # (offset, rows) already ranked with the total (SearchService.matches)

    def __getitem__(self, key):
        if not isinstance(key, slice) or key.step not in (None, 1):
            raise TypeError("Ranked rows are read a page at a time.")
        start = key.start or 0
        stop = self.total if key.stop is None else min(key.stop, self.total)
        if stop <= start:
            return []
        if self.first is not None and self.first[0] == start:
            return self.first[1][: stop - start]
        return fulltext.ranked(self.parsed, self.candidates, start, stop - start, self.restriction, self.regions)[0]


def _regions(criteria):
    """The region filter's stored values, or None: the matches of the words in those regions are asked
    of the index by the regions they bring along (search.fulltext.Matches.in_regions)."""
    return criteria.active().get(fulltext.REGION_FACET)


def _regions_by_the_index(criteria):
    """Whether the index applies the region filter to the matches itself (search.fulltext.narrows_by_regions):
    the pages they are asked among then leave it out (`SearchService.page_ids`)."""
    return _regions(criteria) is not None and fulltext.narrows_by_regions()


def _by_date(documents):
    """(page id, no score, card version, content type id) of `documents`, the most recently published first."""
    return documents.order_by(F("published_at").desc(nulls_last=True), "-page_id").values_list(
        "page_id", Value(None, output_field=FloatField()), "updated_at", "page__content_type_id"
    )


def _facet_pages(param, values):
    return PageFacet.objects.filter(facet=param, value__in=values).values("page_id")


def _with_facet(queryset, param, values):
    return queryset.filter(page_id__in=_facet_pages(param, values))


def _counts(querysets):
    """{name: the number of rows of its queryset}, for several querysets in one query."""
    selects, params = [], []
    for queryset in querysets.values():
        sql, queryset_params = queryset.values("pk").query.sql_with_params()
        selects.append(f"(SELECT COUNT(*) FROM ({sql}) AS counted)")
        params.extend(queryset_params)
    with connection.cursor() as cursor:
        cursor.execute("SELECT " + ", ".join(selects), params)
        row = cursor.fetchone()
    return dict(zip(querysets, row, strict=True))


@dataclass
class Paired:
    """The counts of some facets over the pages of one value (or of their types only), from the pairs."""

    counts: tuple  # (sql, params) of the rows (facet, value, pages) of the pairs
    hidden: object  # a queryset of negative counts for the pages this reader may not see, or None
    size: tuple  # (sql, params) of how many pages have that value (search.pairs.size)


def _matches_or_pairs(params, pages, matches, paired):
    """(sql, params) of the counts of the facets `params` over `matches` (the matches of the words among
    `pages`, a subquery of the pages of one value, or of every page), reading the fewer facet rows.

    Counting the rows of every match grows with the matches: 35,000 rows for « management » in one
    region at 100,000 fiches. When the words match more than half of the pages, the same counts are the
    pairs of the value (the counts over all its pages, search.pairs) less the rows of its pages that do
    not match (and of those this reader may not see), fewer rows. The database chooses as it runs the
    statement, from the number of matches it has just found and the pages of the value (evaluated once);
    the branch not chosen reads no row.
    """
    table = connection.ops.quote_name(PageFacet._meta.db_table)
    facet = f"{table}.{connection.ops.quote_name('facet')}"
    pages_sql, pages_params = pages.query.sql_with_params()
    size_sql, size_params = paired.size
    # The matches, whether they are most of the pages, and the pages whose rows are read: the matches,
    # or the pages that do not match, the other empty. Each found once; the condition is tested in the
    # WHERE of the one that it empties, where both engines test it before reading any row (outside,
    # SQLite read both sets). The pages that do not match are found first and their rows read as the
    # matches' are: asked for the rows of the pages not among the matches, PostgreSQL read them all.
    most = "(SELECT yes FROM most)"
    head = (
        f"WITH m (page_id) AS MATERIALIZED ({matches.sql}), "
        f"most (yes) AS MATERIALIZED (SELECT (SELECT COUNT(*) FROM m) * 2 > ({size_sql})), "
        f"few (page_id) AS MATERIALIZED (SELECT page_id FROM m WHERE NOT {most}), "
        f"rest (page_id) AS MATERIALIZED (SELECT page_id FROM ({pages_sql}) AS p WHERE {most} AND page_id NOT IN (SELECT page_id FROM m)) "
    )
    rows = (
        f"SELECT {facet}, value, {{n}} FROM {table} WHERE {facet} IN ({', '.join(['%s'] * len(params))})"
        f" AND page_id IN (SELECT page_id FROM {{pages}}) GROUP BY {facet}, value"
    )
    branches = [
        (rows.format(n="COUNT(*)", pages="few"), params),
        (rows.format(n="-COUNT(*)", pages="rest"), params),
        # a few hundred rows of pairs, and the rows of the pages hidden from this reader
        (f"SELECT * FROM ({paired.counts[0]}) AS pairs WHERE {most}", paired.counts[1]),
    ]
    if paired.hidden is not None:
        hidden_sql, hidden_params = paired.hidden.query.sql_with_params()
        branches.append((f"SELECT * FROM ({hidden_sql}) AS hidden WHERE {most}", hidden_params))
    sql = head + " UNION ALL ".join(f"SELECT * FROM ({branch}) AS b{k}" for k, (branch, _p) in enumerate(branches))
    return sql, [*matches.params, *size_params, *pages_params, *(param for _b, branch_params in branches for param in branch_params)]


class SearchService:
    def __init__(self, request, types=None, facet_params=None, per_page=PER_PAGE):
        self.request = request
        self.types = list(types) if types else list(facets.content_types())
        self.facet_params = facet_params or [f.param for f in facets.all_facets()]
        self.per_page = per_page
        self._completions = {}  # word -> its completions, read once per search (`parse`)
        self._split = None  # `_types_split`, worked out once
        # Elasticsearch or OpenSearch answers the whole search in one request (search.elastic)
        self.engine = elastic.ElasticEngine() if elastic.is_elastic() else None

    # -- building blocks ----------------------------------------------------------------------

    def candidates(self, queryset=None):
        """The search documents (one per live searchable page) of the requested types that this user may
        see (among `queryset`, if given).

        The search never reads the pages themselves to choose them: a document exists only for a live
        searchable page, and so do its facet rows (search.facets); it names its page's type
        (`search_type`), checked only when some types are left out.
        """
        if queryset is None:
            queryset = SearchDocument.objects.all()
        if self.some_types_only():
            queryset = queryset.filter(search_type__in=self.types)
        hidden = hidden_page_ids(self.request)
        return queryset if hidden is None else queryset.exclude(page_id__in=hidden)

    def some_types_only(self):
        return set(self.types) != set(facets.content_types())

    def page_ids(self, criteria, except_param=None, typed=False, regions_indexed=False):
        """The ids of the pages that may be listed and pass every active filter but `except_param`, as a
        subquery (`.values("page_id")`), or None for every searchable page (no filter, nothing left out).
        `typed`: the pages they are asked among are already of the requested types (the matches of
        words restricted by `type_clause`), so that only the filters and the hidden pages are applied.
        `regions_indexed`: the pages they are asked among are already those of the region filter (the
        matches of words narrowed by the index, `_regions_by_the_index`), so that filter is left out: with
        the region alone, no join at all (joining the 10,568 matches of « changement » in
        Île-de-France to the region's 17,151 facet rows again cost 5 to 9 ms of each statement at
        100,000 fiches).

        Built on the facet rows themselves unless pages are hidden from this reader: a facet row exists
        only for a live searchable page, as a search document does, and joining the documents only to
        learn that each one has a document cost a scan of their whole key (10 to 25 ms at 100,000
        fiches, in each statement of a search). Some types only: tested on each page as in
        `type_clause`, the pages of the few types left out rather than those of the many kept.
        """
        if regions_indexed:
            criteria = replace(criteria, filters={p: v for p, v in criteria.filters.items() if p != fulltext.REGION_FACET})
        if hidden_page_ids(self.request) is not None:
            return self.filtered(criteria, except_param).values("page_id")
        active = [(param, values) for param, values in criteria.active().items() if param != except_param]
        split = None if typed else self._types_split()
        if not active:  # every page of the requested types, by the row of its type
            return None if split is None else PageFacet.objects.filter(facet=TYPE_FACET, value__in=self.types).values("page_id")
        (param, values), *others = active
        queryset = PageFacet.objects.filter(facet=param, value__in=values)
        for param, values in others:
            queryset = _with_facet(queryset, param, values)
        if split is not None:  # the types tested on each page, as in `type_clause`
            most, documents = split
            queryset = queryset.exclude(page_id__in=documents) if most else queryset.filter(page_id__in=documents)
        return queryset.values("page_id")

    def type_clause(self):
        """(sql, params) of the condition keeping the pages of the requested types, its page id column
        written `{column}`, or None when every type is asked: tested on each match of the words as they
        are read (search.fulltext.matching), rather than joining the matches to the documents of those
        types. Whichever is smaller: the pages of the other types left out, or those of the requested
        types kept (a search among the fiches joined its 61,000 matches to the 100,000 fiches'
        documents, 122 ms to count the regions of « changement » at 100,000 fiches, where a few hundred
        pages of other types are left out in a few).
        """
        split = self._types_split()
        if split is None:
            return None
        most, documents = split
        sql, params = documents.query.sql_with_params()
        return f"{{column}} {'NOT IN' if most else 'IN'} ({sql})", tuple(params)

    def _types_split(self):
        """(True, the pages of the other types) when the requested types hold more pages than the others,
        (False, the pages of the requested types) otherwise, as a subquery of the search documents, from
        the pairs of each type with itself; None when every type is asked. Worked out once per search.

        The sizes are read at most once an hour (TYPE_SIZES_TIMEOUT), not once per content version: they
        only choose the cheaper way to write the same condition, never what it keeps, and a publication
        seldom changes which types are the many.
        """
        if not self.some_types_only():
            return None
        if self._split is not None:
            return self._split
        sizes = cache.get(TYPE_SIZES_KEY)
        if sizes is None:
            pairs_of_a_type = FacetPair.objects.filter(facet=TYPE_FACET, other_facet=TYPE_FACET, value=F("other_value"))
            sizes = dict(pairs_of_a_type.values_list("value", "pages"))
            cache.set(TYPE_SIZES_KEY, sizes, TYPE_SIZES_TIMEOUT)
        others = [name for name in facets.content_types() if name not in self.types]
        most = sum(sizes.get(name, 0) for name in self.types) > sum(sizes.get(name, 0) for name in others)
        self._split = most, SearchDocument.objects.filter(search_type__in=others if most else self.types).values("page_id")
        return self._split

    def filtered(self, criteria, except_param=None, match=None):
        """The candidates that pass every active filter but `except_param`, and match the reader's words
        when `match` is given (search.fulltext.matching): each a semi-join on the documents.
        """
        queryset = None if match is None else SearchDocument.objects.filter(page_id__in=match)
        for param, values in criteria.active().items():
            if param != except_param:
                queryset = _with_facet(SearchDocument.objects.all() if queryset is None else queryset, param, values)
        return self.candidates(queryset)

    # -- the search ---------------------------------------------------------------------------

    def parse(self, q):
        """The reader's words as clauses of terms (search.query), with the synonyms and completions.

        The completions of a word are read once per search: the words with their typos corrected are
        parsed again, and their last word is often the one already typed."""
        return query.parse(q, synonyms.groups(self.request), complete=self._complete)

    def _complete(self, word):
        if word not in self._completions:
            self._completions[word] = vocabulary.completions(word)
        return self._completions[word]

    def run(self, criteria):
        if self.engine is not None:
            return self.engine.run(self, criteria)
        if not criteria.q:
            return self.answer(criteria)
        with fulltext.through_the_index():
            return self.answer(criteria)

    def answer(self, criteria):
        found = self.matches(criteria)
        correction = None
        if criteria.q and not criteria.exact and found.total < vocabulary.FEW_RESULTS:
            corrected = self.corrected(criteria)
            if corrected is not None and corrected.total > found.total:
                correction = {"typed": criteria.q, "q": corrected.criteria.q}
                found = corrected
        outcome = self.outcome(found)
        outcome.correction = correction
        return outcome

    def matches(self, criteria):
        """The pages matching `criteria`, and how many there are.

        Sorted by relevance, the page asked is ranked now, and on PostgreSQL the total comes with it (one
        statement, search.fulltext.ranked); otherwise one COUNT.
        """
        parsed = self.parse(criteria.q) if criteria.q else None
        restriction = self.type_clause() if parsed else None
        match = fulltext.matching(parsed, restriction) if parsed else None  # None: no word, no full-text restriction
        results = self.filtered(criteria, match=match)
        if match is not None and criteria.sort == SORT_RELEVANCE:
            # the ranking matches the words itself: the candidates are only filtered (matching them twice
            # tested every vector twice, 150 ms of a frequent word's 450 at 100,000 fiches)
            offset = (max(criteria.page, 1) - 1) * self.per_page
            candidates = self.page_ids(criteria, typed=True, regions_indexed=_regions_by_the_index(criteria))
            rows, total = fulltext.ranked(parsed, candidates, offset, self.per_page, restriction, _regions(criteria))
            total = results.count() if total is None else total
            return Found(criteria, parsed, match, results, total, (offset, rows), candidates, restriction)
        return Found(criteria, parsed, match, results, results.count())

    def corrected(self, criteria):
        """The matches with the typos corrected (search.vocabulary), or None when there is no typo to
        correct. Only their page and total: the facets are counted once, for whichever words are kept."""
        q = vocabulary.corrected_text(criteria.q)
        return None if q is None else self.matches(replace(criteria, q=q))

    def outcome(self, found):
        """One page of the matches, the facet counts, and what to drop when nothing matches."""
        criteria = found.criteria
        if found.ranked is not None:  # sorted by relevance, with words (matches)
            rows = Ranked(
                found.parsed, found.candidates, found.total, found.ranked, found.restriction, _regions(criteria)
            )
        else:
            rows = Counted(_by_date(found.results), found.total)
        paginator = Paginator(rows, self.per_page)
        page = paginator.get_page(criteria.page)
        rows = list(page.object_list)
        page.object_list = [pk for pk, _score, _version, _type in rows]
        outcome = Outcome(
            page=page,
            total=found.total,
            facets=self.count_facets(criteria, found.match),
            scores={pk: score for pk, score, _version, _type in rows},
            versions={pk: cards.version(version) for pk, _score, version, _type in rows if version},
            content_types={pk: content_type for pk, _score, _version, content_type in rows},
        )
        if not outcome.total:
            outcome.relaxations = self.relaxations(criteria, found.match)
        return outcome

    def relaxations(self, criteria, match=None):
        """When nothing matches: how many results each criterion, dropped alone, would give back.

        Computed only for an empty result, so it costs nothing the rest of the time: one query, each
        count the COUNT of the search without that criterion, as the search itself counts (one COUNT over
        the whole candidates with a condition per criterion read every document: 70 to 240 ms at
        100,000 fiches).
        """
        active = criteria.active()
        if not active:
            return {}  # only the words: dropping them is the reader's own call
        sets = {param: self.filtered(criteria, except_param=param, match=match) for param in active}
        if match is not None:
            sets["q"] = self.filtered(criteria)
        return _counts(sets)

    def count_facets(self, criteria, match=None):
        """Counts for every facet: one GROUP BY per set of pages, for the facets not cached, all sent as
        one query (UNION ALL), the words' matches found once for the sets that read all of them (in a
        region, the other facets are counted over the region's matches, which the index gives apart:
        search.fulltext.Matches.in_regions); a set with at most one value
        to filter by reads the facet pairs instead of the rows of its pages (`_paired`): without words,
        the pairs only; with words, the pairs less the rows of the pages that do not match, when the words
        match most of the set (`_matches_or_pairs`).

        A facet belongs to one set only (the set without its own filter if it is active, the fully
        filtered set otherwise), so the rows of the parts never collide. `match`: the subquery of the pages
        that match the reader's words (search.fulltext.matching), or None when there are no words.

        Each facet's counts are cached against the content version (portal.cache), keyed on what defines
        its set (the words as compiled, the filters it applies, the types, what this reader may not see):
        the reader's next click reuses them. Ticking a region after a search for words counts the regions
        over the same matches as the search before it (100 to 200 ms for a common word at 100,000
        fiches); page 2 counts nothing; and without words, a facet counted with at most its own filter is
        the same for every search of these types.
        """
        active = criteria.active()
        words = None if match is None else (match.sql, tuple(match.params))

        def excluded(param):  # the filter a facet's set leaves out: its own, if active
            return param if param in active else None

        shared = (words, sorted(self.types), visibility_signature(self.request))  # the same for every facet
        keys = {
            param: content_key(
                self.request,
                "facet-counts",
                *shared,
                sorted((other, sorted(values)) for other, values in active.items() if other != excluded(param)),
                param,
            )
            for param in self.facet_params
        }
        found = cache.get_many(keys.values())
        parts = {}  # excluded param (None = all filters apply) -> facets to count on that set
        for param in self.facet_params:
            if keys[param] not in found:
                parts.setdefault(excluded(param), []).append(param)
        if parts:
            computed = {keys[param]: [] for params in parts.values() for param in params}
            for facet, value, n in self._count_parts(criteria, match, parts):
                computed[keys[facet]].append((value, n))
            cache.set_many(computed, FRAGMENT_TIMEOUT)
            found.update(computed)
        by_param = facets.by_param()
        return [
            self.describe(by_param[param], dict(found[keys[param]]), active.get(param, [])) for param in self.facet_params
        ]

    def _count_parts(self, criteria, match, parts):
        """[(facet, value, count)] of the `parts` ({excluded param: facets counted}), in one query."""
        querysets, statements = [], []
        head, head_params = "", ()
        shared = match
        # the matches of the region filter, which the index gives apart (None where it does not: no region
        # filter, or SQLite); every part but the regions' own counts over them
        narrowed = match.in_regions(_regions(criteria)) if match is not None and _regions_by_the_index(criteria) else None

        def in_region(excluded):
            return narrowed is not None and excluded != fulltext.REGION_FACET

        if match is not None and sum(not in_region(excluded) for excluded in parts) > 1:
            # the words' matches found once, for every part that reads all of them; one part reads them
            # itself, without writing them down first (the 72,000 matches of « aude »: 3 MB on disk)
            cte, head_params, shared = match.shared("words")
            head = f"WITH {cte} "
        for excluded, params in parts.items():
            paired = self._paired(criteria, excluded, params)
            if paired is not None and match is None:  # read from the pairs, the pages this reader may not see taken off
                statements.append(paired.counts)
                if paired.hidden is not None:
                    querysets.append(paired.hidden)
                continue
            # the region filter left to the index where it narrows the matches itself
            pages = self.page_ids(criteria, except_param=excluded, typed=match is not None, regions_indexed=in_region(excluded))
            # the filters inside the matches' subquery: see fulltext.Matches.within, in_regions
            matches = None
            if match is not None:
                # in a region, the index gives only the matches of the region (fulltext.Matches.in_regions);
                # otherwise, the matches found once
                matches = narrowed if in_region(excluded) else shared
                matches = matches if pages is None else matches.within(pages)
            regions = fulltext.count_regions(matches) if params == [fulltext.REGION_FACET] and matches is not None else None
            if regions is not None:  # the regions read beside the matches
                statements.append(regions)
                continue
            if matches is not None and paired is not None:  # among the pages of the value, of the types asked
                value_pages = self.page_ids(criteria, except_param=excluded)
                if value_pages is None:  # every searchable page, by the row of its type
                    value_pages = PageFacet.objects.filter(facet=TYPE_FACET).values("page_id")
                statements.append(_matches_or_pairs(params, value_pages, matches, paired))
                continue
            rows = PageFacet.objects.filter(facet__in=params)
            if matches is not None:
                rows = rows.filter(page_id__in=matches)
            elif pages is not None:
                rows = rows.filter(page_id__in=pages)
            querysets.append(rows.values_list("facet", "value").annotate(n=Count("page_id")).order_by())
        statements.extend(queryset.query.sql_with_params() for queryset in querysets)
        with connection.cursor() as cursor:  # every part in one query
            cursor.execute(
                head + " UNION ALL ".join(f"SELECT * FROM ({sql}) AS part{k}" for k, (sql, _params) in enumerate(statements)),
                [*head_params, *(param for _sql, params in statements for param in params)],
            )
            rows = cursor.fetchall()
        counted = {}
        for facet, value, n in rows:
            counted[facet, value] = counted.get((facet, value), 0) + n
        return [(facet, value, n) for (facet, value), n in counted.items() if n > 0]

    def _paired(self, criteria, excluded, params):
        """How to read the counts of `params` over the pages passing every filter but `excluded` from the
        facet pairs (search.pairs), when those filters are at most one value plus content types
        (`Paired`); None when the filters ask more than the pairs can answer."""
        active = {param: values for param, values in criteria.active().items() if param != excluded}
        wanted = active.pop(facets.TYPE.param, self.types)
        types = [t for t in self.types if t in wanted]
        if not types or len(active) > 1 or any(len(values) > 1 for values in active.values()):
            return None
        anchor = next(((param, values[0]) for param, values in active.items()), None)
        hidden = hidden_page_ids(self.request)
        if hidden is not None:
            pages = SearchDocument.objects.filter(page_id__in=hidden, search_type__in=types)
            if anchor is not None:
                pages = _with_facet(pages, anchor[0], [anchor[1]])
            rows = PageFacet.objects.filter(facet__in=params, page_id__in=pages.values("page_id"))
            hidden = rows.values_list("facet", "value").annotate(n=-Count("page_id")).order_by()
        return Paired(pairs.counts(types, anchor, params), hidden, pairs.size(types, anchor))

    def tag_names(self):
        """{tag id: (slug, name)} of every tag, read once per content version (a new tag comes with the
        publication of a fiche that uses it)."""
        return cached_content(
            self.request, "tag-names", lambda: {str(pk): (slug, name) for pk, slug, name in Tag.objects.values_list("pk", "slug", "name")}
        )

    def describe(self, facet, counts, selected):
        """Turn stored values and counts into what a reader sees: URL value, label, count."""
        selected = set(selected)
        values = []
        if facet.kind == "years":
            for stored in sorted(set(counts) | selected, reverse=True):
                values.append(FacetCount(stored, stored, counts.get(stored, 0), stored in selected))
        elif facet.kind == "tags":
            top = sorted(counts, key=lambda v: (-counts[v], v))[: facet.limit]
            wanted = set(top) | selected
            names = self.tag_names()
            for stored in wanted:
                if stored in names:
                    slug, name = names[stored]
                    values.append(FacetCount(slug, name, counts.get(stored, 0), stored in selected))
            values.sort(key=lambda v: (-v.count, v.label.lower()))
        else:
            for url_value, (stored, label) in facets.choices(self.request)[facet.param].items():
                if stored in counts or stored in selected:
                    if facet.param == "type" and stored not in self.types:
                        continue
                    values.append(FacetCount(url_value, label, counts.get(stored, 0), stored in selected, stored))
            if facet.by_count:
                values.sort(key=lambda v: (-v.count, v.label))
        return FacetResult(facet.param, str(facet.label), values)

    def load(self, ids, content_types=None):
        """The specific pages behind a page of ids, in that order, with what their cards show.
        `content_types`: {id: content type id} when the search already knows them."""
        if not ids:
            return []
        models = [model for model in facets.searchable_models() if model.search_type in self.types]
        if len(models) == 1:  # a listing of one content type (/fiches/): no need to ask the page types
            by_model = {models[0]: ids}
        else:
            known = content_types or {}
            if not all(page_id in known for page_id in ids):
                known = dict(Page.objects.filter(pk__in=ids).values_list("pk", "content_type_id"))
            by_model = {}
            for page_id in ids:
                if page_id in known:
                    model = ContentType.objects.get_for_id(known[page_id]).model_class()
                    by_model.setdefault(model, []).append(page_id)
        loaded = {}
        preparations = {}  # page types that prepare their results the same way do it together
        for model, type_ids in by_model.items():
            pages = list(model.search_result_queryset(model.objects.filter(pk__in=type_ids)))
            preparations.setdefault(model.prepare_results.__func__, (model, []))[1].extend(pages)
            loaded.update({page.pk: page for page in pages})
        facets.attach_card_facets(list(loaded.values()))
        for model, pages in preparations.values():
            model.prepare_results(pages)
        return [loaded[page_id] for page_id in ids if page_id in loaded]
