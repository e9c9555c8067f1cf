"""How many pages of each type have two facet values together, kept up to date as pages are classified.

Counting a facet over the pages of one region without words read every facet row of those pages: 67,000
rows at 100,000 fiches for one region, a cost that grows with the number of pages. Yet that listing (a
region, a theme, a year, or nothing at all) is what readers open most. Here each pair of values that occur
on one page (a region and a theme, a theme and a year, a value and itself) is counted once per page type
(search.models.FacetPair), so that the counts of every facet over the pages with one value are the rows
of that value, read by the table's key: their cost follows the number of values, not of pages.

The table follows the facet rows (search.facets): `apply` adds what a page's new rows bring and takes
away what its old rows gave, in the same transaction as the rows themselves; `rebuild` counts every pair
again from the rows, after bulk writes. A page's type is one of its rows ("type"), so that pages with
no filter at all are counted by the pairs of their type.
"""

from collections import Counter

from django.db import connection, transaction

from .contract import TYPE_FACET
from .models import FacetPair, PageFacet

# rows per INSERT: six parameters each, well under SQLite's limit of 32,766
STATEMENT_ROWS = 500


def pairs_of(rows):
    """Counter of the pair keys (search type, facet, value, other facet, other value) that a page with
    these (facet, value) rows counts once each (none for no rows: a page off the search). A searchable
    page's rows always name its type (search.contract.facet_pairs)."""
    search_type = dict(rows).get(TYPE_FACET)
    return Counter((search_type, *first, *second) for first in rows for second in rows)


def apply(old_rows, new_rows):
    """Bring the counts from a page's `old_rows` to its `new_rows` ((facet, value) pairs)."""
    delta = pairs_of(new_rows)
    delta.subtract(pairs_of(old_rows))
    changes = sorted((key, n) for key, n in delta.items() if n)  # sorted: concurrent writers lock rows in one order
    if not changes:
        return
    with transaction.atomic(), connection.cursor() as cursor:
        _each_chunk(
            cursor,
            f"INSERT INTO {_table()} (search_type, facet, value, other_facet, other_value, pages) VALUES {{rows}}"
            f" ON CONFLICT (facet, value, search_type, other_facet, other_value) DO UPDATE SET pages = {_table()}.pages + excluded.pages",
            [(*key, n) for key, n in changes],
        )
        # a pair no page has any more goes, so that no facet lists a value without pages
        _each_chunk(
            cursor,
            f"DELETE FROM {_table()} WHERE pages <= 0"
            " AND (search_type, facet, value, other_facet, other_value) IN (VALUES {rows})",
            [key for key, n in changes if n < 0],
        )


def _each_chunk(cursor, sql, rows):
    """Run `sql` once per STATEMENT_ROWS of `rows` (tuples of parameters), its `{rows}` the chunk's rows."""
    for start in range(0, len(rows), STATEMENT_ROWS):
        chunk = rows[start : start + STATEMENT_ROWS]
        values = ", ".join(["(" + ", ".join(["%s"] * len(chunk[0])) + ")"] * len(chunk))
        cursor.execute(sql.format(rows=values), [part for row in chunk for part in row])


def _table():
    return connection.ops.quote_name(FacetPair._meta.db_table)


def rebuild():
    """Count every pair again from the facet rows (after bulk writes, or to repair the table)."""
    table, rows = _table(), connection.ops.quote_name(PageFacet._meta.db_table)
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {table}")
        cursor.execute(
            f"INSERT INTO {table} (search_type, facet, value, other_facet, other_value, pages)"
            f" SELECT t.value, a.facet, a.value, b.facet, b.value, COUNT(*) FROM {rows} t"
            f" JOIN {rows} a ON a.page_id = t.page_id JOIN {rows} b ON b.page_id = t.page_id"
            " WHERE t.facet = %s GROUP BY t.value, a.facet, a.value, b.facet, b.value",
            [TYPE_FACET],
        )


def _anchored(types, anchor):
    """The anchor's facet and values: `anchor` ((facet, value)), or the pages' own types without one."""
    return (TYPE_FACET, list(types)) if anchor is None else (anchor[0], [anchor[1]])


def size(types, anchor):
    """(sql, params) of the one-row statement giving how many pages of `types` have the value `anchor`
    (every page of `types` when None): the anchor's pairs with itself."""
    facet, values = _anchored(types, anchor)
    sql = (
        f"SELECT COALESCE(SUM(pages), 0) FROM {_table()}"
        f" WHERE facet = %s AND value IN ({', '.join(['%s'] * len(values))})"
        f" AND search_type IN ({', '.join(['%s'] * len(types))})"
        " AND other_facet = facet AND other_value = value"
    )
    return sql, [facet, *values, *types]


def counts(types, anchor, facets):
    """(sql, params) of the rows (facet, value, pages) counting `facets` over the pages of `types` that
    have the value `anchor` ((facet, value)), or every page of `types` when `anchor` is None."""
    facet, values = _anchored(types, anchor)
    sql = (
        f"SELECT other_facet, other_value, SUM(pages) FROM {_table()}"
        f" WHERE facet = %s AND value IN ({', '.join(['%s'] * len(values))})"
        f" AND search_type IN ({', '.join(['%s'] * len(types))})"
        f" AND other_facet IN ({', '.join(['%s'] * len(facets))})"
        " GROUP BY other_facet, other_value"
    )
    return sql, [facet, *values, *types, *facets]
