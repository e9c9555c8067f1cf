"""Full-text matching and ranking on the database engines, over the portal's own search documents.

What is matched: search.models.SearchDocument, whose four columns hold each page's text of one weight,
normalised once by search.french; the engines index them without stemming them again (migration 0006:
an FTS5 table on SQLite; a `simple` tsvector on PostgreSQL, in a narrow table of its own since migration
0008, kept in step by triggers). What is asked: a search.query.Query,
compiled into the engine's syntax from terms only.

The relevance model, the same on both engines:

1. the reader's words as a phrase in the title (several words, in the order typed);
2. all the reader's words (clauses) in the title;
3. the reader's words as a phrase elsewhere in the page (several words);
4. the engine's weighted score, the weights in the same ratios (title 10, chapô/tags/structure 4,
   sections 2, the rest 1): SQLite's FTS5 `bm25()` with column weights (which normalises by the
   document's length, with its usual b = 0.75), PostgreSQL's `ts_rank_cd` with weights {1, 2, 4, 10}/10
   and normalisation 17 (1 | 16: divided by 1 + the logarithm of the length and by 1 + the logarithm
   of the number of unique words, so that neither a short nor a long fiche wins on its length alone),
   multiplied on both engines by 1 + the number of pairs of the reader's words, adjacent as typed, that
   stand together in the title (« mesurer la performance collective » puts a fiche titled
   « … performance collective … » before one that only says both words somewhere);
5. freshness, as a tie-breaker only: the most recently published first.

1 to 3 are read from the normalised columns with plain string functions, so they are the same on both
engines; they put a fiche titled with the reader's words first, whatever the length of its body, and
the words as typed together before the same words scattered over the page.
Everything is computed by the database, with a LIMIT: the cost follows the page asked, not the number
of matches (the count and the facets are counted by the database too, see search.service).
"""

from contextlib import contextmanager
from itertools import pairwise

from django.db import connection, transaction
from django.db.models.expressions import RawSQL
from wagtail.search.query import PlainText

from . import french

# Weights by column: title (A), lead (B), body (C), other (D).
WEIGHTS = {"title": 10.0, "lead": 4.0, "body": 2.0, "other": 1.0}
DOCUMENTS = "search_searchdocument"
FTS = "search_document_fts"
VECTORS = "search_document_vector"  # PostgreSQL: page id and tsvector (migration 0008)


def engine_tables(connection):
    """The tables of the engine's side that Django's models do not declare, and whose statistics the
    planner needs after a bulk load (search_document_vector on PostgreSQL; SQLite's FTS5 table has
    none)."""
    return [VECTORS] if connection.vendor == "postgresql" else []


def to_query(q):
    """Wagtail's query for a reader's text (Elasticsearch, search.elastic), or None without a word."""
    terms = french.terms(q)
    return PlainText(" ".join(terms), operator="and") if terms else None


def _engine():
    return "postgresql" if connection.vendor == "postgresql" else "sqlite"


def _restricted(where, params, restriction, column):
    """`where` and `params` with the condition `restriction` ((sql, params), its page id column written
    `{column}`) on `column`, if any."""
    if restriction is None:
        return where, tuple(params)
    sql, restriction_params = restriction
    return f"{where} AND {sql.format(column=column)}", (*params, *restriction_params)


def matching(query, restriction=None):
    """The ids of the pages whose document matches `query`, as a subquery for `pk__in` (`Matches`).

    `restriction`: (sql, params) of a condition on the page ids, written `{column}`, tested on each
    match as it is read (the requested content types: search.service.SearchService.type_clause), or None.

    On PostgreSQL, fenced by `OFFSET 0`: the matches are taken from the GIN index as a whole and joined to
    the pages they are asked for. PostgreSQL believes testing a page's vector costs nothing and otherwise
    tests each page of a filter (a region) one by one, reading each vector out of line: 13 µs a page,
    100 ms for a large region at 100,000 fiches, where the index gives all 70,000 matches of a common
    word in 15 to 20 ms.
    """
    if _engine() == "postgresql":
        return _matches_postgresql(query, "page_id", restriction)
    # "+rowid": the pages of `Matches.within` are then tested on what MATCH gives, as a filter; given
    # the rowids as a constraint, FTS5 ran MATCH once per page (counting the facets of « manag* » in a
    # region at 10,000 fiches: 82 ms, against 2.7 ms with "+rowid" and 4.6 with the filter outside)
    where, params = _restricted(f"{FTS} MATCH %s", (query.fts5(),), restriction, "+rowid")
    return Matches(FTS, "rowid", where, params, "+rowid", "")


class Matches(RawSQL):
    """The subquery of the matching page ids, which can be narrowed to other pages (`within`), or read
    once for several uses in one statement (`shared`)."""

    def __init__(self, table, id_column, where, params, column, fence):
        self.table = table
        self._parts = id_column, where, tuple(params), column, fence
        super().__init__(f"SELECT {id_column} FROM {table} WHERE {where}{fence}", tuple(params))

    def shared(self, name):
        """(sql, params) of a common table expression `name` (page_id, and the regions on PostgreSQL) of
        these matches, and the `Matches` that read it: every part of a statement then reads the matches
        once, where each found them again in the index (20 to 30 ms for a word in 72,000 of 100,000
        fiches)."""
        id_column, where, params, _column, fence = self._parts
        columns, selected = ("page_id, regions",) * 2 if self.table == VECTORS else ("page_id", id_column)
        cte = f"{name} ({columns}) AS MATERIALIZED (SELECT {selected} FROM {self.table} WHERE {where}{fence})"
        return cte, params, Matches(name, "page_id", "1 = 1", (), "page_id", "")

    def in_regions(self, values):
        """The matches among the pages of the regions `values` (stored values of the region facet), tested
        on the regions each match brings along (migration 0013): on the narrow table itself, the GIN index
        over the vector and the regions then gives only the matches of those regions (migration 0015:
        9 ms where finding every match of « aude » and keeping those of a region took 37 at 100,000
        fiches). Unchanged where the matches bring no regions (SQLite) or for no value. Only a
        narrowing: the pages that pass the filters are still asked for (`within`, the candidates)."""
        id_column, where, params, column, fence = self._parts
        if not values or not narrows_by_regions():
            return self
        return Matches(self.table, id_column, f"{where} AND regions && %s::text[]", (*params, list(values)), column, fence)

    def within(self, pages):
        """The matches among `pages` (a subquery of page ids), tested inside the fence: PostgreSQL then
        keeps only those pages as it reads the matches from the index, rather than hashing every match
        of a common word to join it to them afterwards (counting the other facets of « management » in a
        region of 4,779 of 100,000 fiches: 54 → 36 ms of a statement of 82 ms)."""
        id_column, where, params, column, fence = self._parts
        sql, pages_params = pages.query.sql_with_params()
        return Matches(self.table, id_column, f"{where} AND {column} IN ({sql})", (*params, *pages_params), column, fence)


def narrows_by_regions():
    """Whether the index itself keeps only the matches of the region filter (`Matches.in_regions`, on
    PostgreSQL): the pages a search asks the matches among then leave that filter out
    (search.service.SearchService.page_ids), rather than joining the matches to the region's facet rows
    to keep the same pages a second time."""
    return _engine() == "postgresql"


# The facet whose values the narrow table keeps beside each match on PostgreSQL (migration 0013): nearly
# every search names a region, and a facet's counts leave its own filter out, so the regions are counted
# over every match of the words.
REGION_FACET = "region"
_REGIONS = (
    f"ARRAY(SELECT f.value::text FROM search_pagefacet f WHERE f.page_id = {{page}} AND f.facet = '{REGION_FACET}' "
    "ORDER BY 1)"
)


def count_regions(match):
    """(sql, params) of the statement giving (facet, value, count) of the regions of the pages `match`
    (`Matches`, narrowed by `within` or not), or None where the regions are not kept beside the matches
    (SQLite: they are counted from the facet rows). The matches grouped by the regions they bring along,
    then each group's regions counted (a collection may have several). No join to the facet rows: for a
    word in 52,000 of 100,000 fiches, 66 → 35 ms."""
    if _engine() != "postgresql":
        return None
    _id_column, where, params, _column, _fence = match._parts
    sql = (
        f"SELECT %s AS facet, value, SUM(n)::bigint AS n FROM "
        f"(SELECT regions, COUNT(*) AS n FROM {match.table} WHERE {where} GROUP BY regions) AS g, "
        "unnest(g.regions) AS value GROUP BY value"
    )
    return sql, (REGION_FACET, *params)


def refresh_regions(page_ids=None):
    """Copy the pages' region rows (all pages when None) beside their vectors, where they differ: after
    search.facets changed their facet rows (the trigger copies them when it writes the vector). An
    unchanged row is left alone: rewriting it would write its vector's GIN entries again."""
    if _engine() != "postgresql":
        return
    regions = _REGIONS.format(page="v.page_id")
    sql = f"UPDATE {VECTORS} v SET regions = {regions} WHERE v.regions IS DISTINCT FROM {regions}"
    params = ()
    if page_ids is not None:
        page_ids = list(page_ids)
        if not page_ids:
            return
        sql += " AND v.page_id = ANY(%s)"
        params = (page_ids,)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        written = cursor.rowcount
    if page_ids is not None and written:  # a row written again: its entries wait in the index's pending list
        settle()


# The GIN index of the matches (migration 0015)
MATCH_INDEX = "search_document_vector_regions_gin"


def settle():
    """PostgreSQL: move the entries that writes left in the GIN index's pending list into the index
    itself, once a page's vector or regions were written (search.documents, `refresh_regions`).

    A GIN index takes new entries in a pending list, which every search reads through, entry by entry,
    until a vacuum merges it, possibly much later: 60 reclassified fiches (each one's 300 words written
    again with its regions) took the JSON search at 10,000 fiches from 27 to 85 ms at the median. Merged
    at each publication, the list stays empty; bulk loads, written without this, are vacuumed once at
    their end (portal.devtools.demo.synthetic)."""
    if _engine() != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT gin_clean_pending_list(%s::regclass)", [MATCH_INDEX])


def _matches_postgresql(query, columns, restriction=None):
    """`Matches` giving `columns` of the narrow table's rows that match `query` (and `restriction`, see
    `matching`), fenced by `OFFSET 0`."""
    where, params = _restricted("vector @@ to_tsquery('simple', %s)", (query.tsquery(),), restriction, "page_id")
    return Matches(VECTORS, columns, where, params, "page_id", " OFFSET 0")


@contextmanager
def through_the_index():
    """Run the statements of one search so that PostgreSQL finds the matching pages in the GIN index.

    PostgreSQL believes `vector @@ query` costs nothing per row, and for a common word (half of the
    pages) it prefers reading the whole table and testing every vector: each one is stored out of line,
    and reading them all took 500 to 700 ms at 100,000 fiches, against 20 to 40 ms through the index.
    Sequential scans are disabled for these statements only (`SET LOCAL`, in a transaction or a
    savepoint, reset when they are done: by the commit, or by hand in a savepoint; an error rolls the
    savepoint back, and the setting with it),
    and so are merge joins: to join the matches to the pages of a facet in page order, PostgreSQL read the
    whole primary key of the vectors and tested each one (600 ms for a word in 87,000 of 100,000 fiches,
    counting the regions over every match), where a hash join on the GIN index's matches took 100 ms;
    and so is JIT compilation: the cost PostgreSQL then gives a sequential scan it cannot avoid (a small
    table) would make it compile the statement, which costs more than running it.
    Nothing to do on SQLite, whose FTS5 table is always read through its own index.
    """
    if _engine() != "postgresql":
        yield
        return
    nested = connection.in_atomic_block  # a savepoint: the settings would outlive it, until the outer commit
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL enable_seqscan = off; SET LOCAL enable_mergejoin = off; SET LOCAL jit = off")
        yield
        if nested:  # otherwise the commit ends them, without one more round trip
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL enable_seqscan TO DEFAULT; SET LOCAL enable_mergejoin TO DEFAULT; SET LOCAL jit TO DEFAULT")


def _find():
    return "strpos({haystack}, %s) > 0" if _engine() == "postgresql" else "instr({haystack}, %s) > 0"


def _title_tiers(query, document):
    """The expressions of criteria 1 and 2 of the module's docstring (each 1 or 0, higher first), and
    their params. `document`: the alias of the row holding the normalised `title`."""
    find = _find()
    title = f"(' ' || {document}.title || ' ')"
    tiers, params = [], []
    phrase = query.phrase()
    if phrase:
        tiers.append(f"(CASE WHEN {find.format(haystack=title)} THEN 1 ELSE 0 END)")
        params.append(phrase)
    alternatives = []
    for clause in query.clauses:
        checks = []
        for alternative in clause.alternatives:
            if clause.phrase:
                checks.append(find.format(haystack=title))
                params.append(" " + " ".join(term.text for term in alternative) + " ")
                continue
            checks.append("(" + " AND ".join(find.format(haystack=title) for _term in alternative) + ")")
            params.extend(f" {term.text}" + ("" if term.prefix else " ") for term in alternative)
        alternatives.append("(" + " OR ".join(checks) + ")")
    tiers.append("(CASE WHEN " + " AND ".join(alternatives) + " THEN 1 ELSE 0 END)")
    return tiers, params


def _phrase_elsewhere(query, document, vector=None):
    """The expression of criterion 3 (1 or 0) and its params, or (None, []) for one word.

    `vector`: on PostgreSQL, the alias of the page's tsvector, in which the phrase is looked for in the
    lead, body and other columns (weights B, C, D) rather than in their texts: the texts of every match
    would otherwise be read (190 ms of two frequent words' 430 at 100,000 fiches). The vector holds the
    same normalised words in the same order; only a phrase spanning the end of one column and the start
    of the next counts there and not in the texts.
    """
    phrase = query.phrase()
    if not phrase:
        return None, []
    if vector is not None:
        return f"(CASE WHEN {vector}.vector @@ to_tsquery('simple', %s) THEN 1 ELSE 0 END)", [query.phrase_tsquery()]
    find = _find()
    anywhere = " OR ".join(find.format(haystack=f"(' ' || {document}.{column} || ' ')") for column in ("lead", "body", "other"))
    return f"(CASE WHEN {anywhere} THEN 1 ELSE 0 END)", [phrase] * 3


def _together(query, document):
    """A factor of the engine's score (and its params): 1 + the number of pairs of the reader's words,
    adjacent as typed, that stand together in the title."""
    find = _find()
    title = f"(' ' || {document}.title || ' ')"
    terms = [t for clause in query.clauses for t in clause.main]
    pairs = [f" {a.text} {b.text}" + ("" if b.prefix else " ") for a, b in pairwise(terms)]
    if not pairs:
        return "1", []
    found = " + ".join(f"(CASE WHEN {find.format(haystack=title)} THEN 1 ELSE 0 END)" for _pair in pairs)
    return f"(1 + {found})", pairs


def _ranked_postgresql(query, candidates_sql, candidates_params, offset, limit, restriction=None, regions=None):
    """The statement of `ranked` on PostgreSQL, and its params.

    At 100,000 fiches a common word in a large region leaves 6,000 to 10,000 matches to rank, and what
    costs is reading their vectors (3 KB each, stored out of line: 6 to 12 µs a match, the more as fewer
    of them are in PostgreSQL's shared buffers). So:

    1. the matches come from the GIN index as a whole (`matching`, fenced), with what the narrow table
       keeps beside each vector (migration 0012: the title, the date), then only those among the
       candidates; no vector is read, only the title's criteria (1 and 2) are computed (`t`);
    2. the `offset + limit`-th row by those criteria is the cut: a row strictly below it can never reach
       the page asked, whatever its score, since that many rows come before it. Only the rows at or
       above the cut get the criteria read from the vector (3, the phrase elsewhere) and the score:
       for a word found in the title of more pages than the page holds, the vectors of those pages only
       (129 of 10,568 for « changement » in Île-de-France: 313 → 56 ms); otherwise every match, as before;
    3. the documents and the pages for the page of results only.
    """
    title_tiers, title_params = _title_tiers(query, "v")
    elsewhere, elsewhere_params = _phrase_elsewhere(query, "t", vector="t")
    together, together_params = _together(query, "v")
    matches = _matches_postgresql(query, "page_id, published_at, vector, title", restriction).in_regions(regions)
    match_sql, match_params = matches.sql, matches.params
    within = "" if candidates_sql is None else f"WHERE v.page_id IN ({candidates_sql})"
    d, c, b, a = (WEIGHTS[column] / WEIGHTS["title"] for column in ("other", "body", "lead", "title"))
    cut_keys = [f"tier{index}" for index in range(len(title_tiers))]
    keys = cut_keys + (["elsewhere"] if elsewhere else [])
    reached = f"cut.tier0 IS NULL OR ROW({', '.join(f't.{key}' for key in cut_keys)}) >= ROW({', '.join(f'cut.{key}' for key in cut_keys)})"

    def order(alias):
        return ", ".join(
            [f"{alias}.{key} DESC" for key in keys]
            + [f"{alias}.score * {alias}.together DESC", f"{alias}.published_at DESC NULLS LAST", f"{alias}.page_id DESC"]
        )

    title_columns = ", ".join(f"{tier} AS {key}" for tier, key in zip(title_tiers, cut_keys, strict=True))
    elsewhere_column = f"CASE WHEN {reached} THEN {elsewhere} ELSE 0 END AS elsewhere," if elsewhere else ""
    sql = f"""
        WITH t AS MATERIALIZED (
            SELECT v.page_id, v.published_at, v.vector, {together} AS together, {title_columns}
            FROM ({match_sql}) AS v
            {within}
        ),
        cut AS (SELECT {", ".join(cut_keys)} FROM t ORDER BY {", ".join(f"{key} DESC" for key in cut_keys)} LIMIT 1 OFFSET %s)
        SELECT r.page_id, r.score, d.updated_at, p.content_type_id, r.total
        FROM (
            SELECT s.*, COUNT(*) OVER () AS total
            FROM (
                SELECT t.page_id, t.published_at, t.together, {", ".join(f"t.{key}" for key in cut_keys)}, {elsewhere_column}
                       CASE WHEN {reached} THEN ts_rank_cd('{{{d}, {c}, {b}, {a}}}', t.vector, q.query, 17) ELSE 0 END AS score
                FROM t LEFT JOIN cut ON true, to_tsquery('simple', %s) AS q(query)
                OFFSET 0
            ) AS s
            ORDER BY {order("s")}
            LIMIT %s OFFSET %s
        ) AS r
        JOIN {DOCUMENTS} d ON d.page_id = r.page_id JOIN wagtailcore_page p ON p.id = r.page_id
        ORDER BY {order("r")}
    """
    params = (
        *together_params, *title_params, *match_params, *candidates_params,
        offset + limit - 1, *elsewhere_params, query.tsquery(), limit, offset,
    )
    return sql, params


def ranked(query, candidates, offset, limit, restriction=None, regions=None):
    """([(page id, score, card version, content type id)], total): the candidates that match `query`, best
    first, `limit` from `offset` (the card version: the document's update time, see search.cards), and how
    many match in all on PostgreSQL, or None (on SQLite, whose FTS5 refuses its bm25() beside a window
    function; or when no row came back from `offset` on, beyond the last match); 0 when nothing matches.

    `candidates`: the ids of the pages that may be listed (visible, filtered), as a subquery
    (`.values("page_id")`, search.service.SearchService.page_ids), or None for every searchable page.
    The score is the engine's weighted score, higher meaning closer (shown in the JSON). The total comes with the rows
    (`COUNT(*) OVER ()`): the ranking reads every match anyway, and a COUNT of its own read them all again
    (70 to 220 ms for a frequent word in a large region at 100,000 fiches on PostgreSQL). `restriction`:
    a condition on the page ids tested on each match, as in `matching`. `regions`: the region filter's
    values, if any, for the index to find only their matches (`Matches.in_regions`); where it does
    (`narrows_by_regions`), the candidates leave that filter out, elsewhere they apply it.
    """
    if candidates is None:
        candidates_sql, candidates_params = None, ()
    else:
        candidates_sql, candidates_params = candidates.query.sql_with_params()
    if _engine() == "postgresql":
        sql, params = _ranked_postgresql(query, candidates_sql, candidates_params, offset, limit, restriction, regions)
    else:
        # SQLite: the unary + keeps the candidates from being handed to FTS5 as a rowid constraint, which
        # it would answer by running the match once per candidate (300 ms instead of 3 at 10,000 fiches);
        # the match runs once, and each of its rows is looked up in the candidates.
        tiers, title_params = _title_tiers(query, "d")
        elsewhere, elsewhere_params = _phrase_elsewhere(query, "d")
        if elsewhere:
            tiers, title_params = [*tiers, elsewhere], [*title_params, *elsewhere_params]
        together, together_params = _together(query, "d")
        within = "" if candidates_sql is None else f"AND +f.rowid IN ({candidates_sql})"
        match_where, match_params = _restricted(f"{FTS} MATCH %s", (query.fts5(),), restriction, "+f.rowid")
        weights = ", ".join(str(WEIGHTS[column]) for column in ("title", "lead", "body", "other"))
        order = ", ".join(f"{tier} DESC" for tier in tiers)
        sql = f"""
            SELECT f.rowid, -bm25({FTS}, {weights}) AS score, d.updated_at, p.content_type_id, NULL AS total
            FROM {FTS} f JOIN {DOCUMENTS} d ON d.page_id = f.rowid JOIN wagtailcore_page p ON p.id = f.rowid
            WHERE {match_where} {within}
            ORDER BY {order}, score * {together} DESC, d.published_at DESC, f.rowid DESC
            LIMIT %s OFFSET %s
        """
        params = (*match_params, *candidates_params, *title_params, *together_params, limit, offset)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        found = cursor.fetchall()
    rows = [(pk, round(score, 4), updated, content_type) for pk, score, updated, content_type, _total in found]
    if found:
        return rows, found[0][4]
    # nothing from the first row on: nothing matches (a search that finds nothing, and then tries its
    # corrected words, needs no COUNT to say so)
    return rows, (0 if offset == 0 else None)
