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

from .models import FacetPair, PageFacet

TYPE = "type"
# rows per INSERT: six parameters each, well under SQLite's limit of 32,766
STATEMENT_ROWS = 500


def pairs_of(rows):
    """Counter of the pair keys (search type, facet, value, other facet, other value) that a page with
    these (facet, value) rows counts once each; empty when it has no "type" row (not searchable)."""
    rows = sorted(set(rows))
    types = [value for facet, value in rows if facet == TYPE]
    if not types:
        return Counter()
    search_type = types[0]
    return Counter((search_type, facet, value, other_facet, other_value) for facet, value in rows for other_facet, other_value in rows)


def apply(old_rows, new_rows):
    """Bring the counts from a page's `old_rows` to its `new_rows` ((facet, value) pairs)."""
    delta = pairs_of(new_rows)
    delta.subtract(pairs_of(old_rows))
    changes = sorted((key, n) for key, n in delta.items() if n)  # sorted: concurrent writers lock rows in one order
    if not changes:
        return
    table = connection.ops.quote_name(FacetPair._meta.db_table)
    with transaction.atomic(), connection.cursor() as cursor:
        for start in range(0, len(changes), STATEMENT_ROWS):
            chunk = changes[start : start + STATEMENT_ROWS]
            cursor.execute(
                f"INSERT INTO {table} (search_type, facet, value, other_facet, other_value, pages) VALUES "
                + ", ".join(["(%s, %s, %s, %s, %s, %s)"] * len(chunk))
                + " ON CONFLICT (facet, value, search_type, other_facet, other_value)"
                + f" DO UPDATE SET pages = {table}.pages + excluded.pages",
                [part for key, n in chunk for part in (*key, n)],
            )
        # a pair no page has any more goes, so that no facet lists a value without pages
        gone = [key for key, n in changes if n < 0]
        for start in range(0, len(gone), STATEMENT_ROWS):
            chunk = gone[start : start + STATEMENT_ROWS]
            cursor.execute(
                f"DELETE FROM {table} WHERE pages <= 0 AND (search_type, facet, value, other_facet, other_value) IN (VALUES "
                + ", ".join(["(%s, %s, %s, %s, %s)"] * len(chunk))
                + ")",
                [part for key in chunk for part in key],
            )


def rebuild():
    """Count every pair again from the facet rows (after bulk writes, or to repair the table)."""
    table, rows = (connection.ops.quote_name(model._meta.db_table) for model in (FacetPair, PageFacet))
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {table}")
        cursor.execute(
            f"INSERT INTO {table} (search_type, facet, value, other_facet, other_value, pages)"
            f" SELECT t.value, a.facet, a.value, b.facet, b.value, COUNT(*) FROM {rows} t"
            f" JOIN {rows} a ON a.page_id = t.page_id JOIN {rows} b ON b.page_id = t.page_id"
            " WHERE t.facet = %s GROUP BY t.value, a.facet, a.value, b.facet, b.value",
            [TYPE],
        )


def counts(types, anchor, facets):
    """(sql, params) of the rows (facet, value, pages) counting `facets` over the pages of `types` that
    have the value `anchor` ((facet, value)), or every page of `types` when `anchor` is None."""
    facet, values = (TYPE, list(types)) if anchor is None else (anchor[0], [anchor[1]])
    table = connection.ops.quote_name(FacetPair._meta.db_table)
    sql = (
        f"SELECT other_facet, other_value, SUM(pages) FROM {table}"
        f" WHERE facet = %s AND value IN ({', '.join(['%s'] * len(values))})"
        f" AND search_type IN ({', '.join(['%s'] * len(types))})"
        f" AND other_facet IN ({', '.join(['%s'] * len(facets))})"
        " GROUP BY other_facet, other_value"
    )
    return sql, [facet, *values, *types, *facets]
