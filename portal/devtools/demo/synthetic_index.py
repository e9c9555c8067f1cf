"""Indexing thousands of new fiches for the search, once, as fast as the backends allow.

`index_fiches` hands each search backend the fiches a chunk at a time, their related objects
prefetched, with two speed-ups that leave the indexed documents exactly as the backend would build
them itself:

- every search field of a fiche computes its value once (`memoize_search_values`): the database
  backends otherwise ask for it again in each of their passes (title, body, autocomplete…);
- on PostgreSQL the documents are written as one SQL statement built by hand (`_add_to_postgres`):
  modelsearch composes a Django SearchVector expression per text, and compiling those costs more
  than the database's own work. The SQL is the one those expressions compile to
  (setweight(to_tsvector(config, text), weight), concatenated with ||), for the same texts and weights,
  which modelsearch's own indexer still extracts.
"""

import copy
import os
from collections import Counter

from django.core.exceptions import FieldDoesNotExist
from django.db import connections, router
from wagtail.search import index
from wagtail.search.backends import get_search_backends

from practices.models import PracticeSheetPage
from search import documents, facets, pairs
from search.contract import FRENCH_TEXT_FIELD
from search.models import PageFacet

CHUNK_SIZE = 500
MAX_PROCESSES = 4
# rows per INSERT on PostgreSQL: a fiche's document takes about a hundred parameters
STATEMENT_ROWS = 100


def processes_for(parts):
    """How many processes share `parts` units of work: one per core (at most MAX_PROCESSES) on PostgreSQL
    outside a transaction, one otherwise (SQLite has one writer at a time)."""
    connection = connections[router.db_for_write(PracticeSheetPage)]
    if connection.vendor != "postgresql" or connection.in_atomic_block or parts < 2:
        return 1
    return min(os.cpu_count() or 1, parts, MAX_PROCESSES)


def index_fiches(ids):
    """Index the given fiches (search backends, search documents, facet rows), a chunk at a time;
    returns {word: pages using it}, for `finish` once every process is done."""
    return _index_chunks([ids[start : start + CHUNK_SIZE] for start in range(0, len(ids), CHUNK_SIZE)])


def finish(words):
    """What is computed over every fiche once they are all indexed: the vocabulary's counts, and on
    PostgreSQL the title norms of Wagtail's index (average title length over each title's). Done per
    chunk, the latter rewrote the whole index table each time (quadratic in the number of fiches) and
    two processes doing it at once deadlocked."""
    documents.merge_vocabulary(words)
    pairs.rebuild()
    for backend in get_search_backends():
        search_index = backend.get_index_for_model(PracticeSheetPage)
        if _is_postgres_index(search_index):
            search_index._refresh_title_norms()


def _index_chunks(chunks):
    """Index the fiches of `chunks` (lists of ids); returns {word: pages using it} for the vocabulary.
    Each chunk is loaded once, its texts normalised once for every backend and the search documents."""
    queryset = PracticeSheetPage.objects.select_related("region", "service_type").prefetch_related(
        *PracticeSheetPage.search_prefetch, "actor_categories", "tagged_items"
    )
    indexes = []
    for backend in get_search_backends():
        search_index = backend.get_index_for_model(PracticeSheetPage)
        indexes.append((search_index, _add_to_postgres if _is_postgres_index(search_index) else _add_items))
    words = Counter()
    for chunk_ids in chunks:
        chunk = list(queryset.filter(pk__in=chunk_ids).order_by("pk"))
        built = []
        for fiche in chunk:
            memoize_search_values(fiche, _with_document(built))
        for search_index, add in indexes:
            add(search_index, chunk)
        # the facet rows first: the documents' trigger copies the regions beside the vectors (search
        # migration 0013)
        PageFacet.objects.bulk_create([row for fiche in chunk for row in facets.rows_for(fiche)], batch_size=2000)
        documents.add_documents(built, words)
    return words


def _with_document(built):
    """What memoize_search_values asks before the computed fields: the search document is built (and
    kept in `built`), and Wagtail's French field takes its terms, normalised once rather than twice."""

    def compute(fiche):
        document = documents.document_for(fiche)
        built.append(document)
        columns = (document.title, document.lead, document.body, document.other)
        return {FRENCH_TEXT_FIELD: " ".join(filter(None, columns))}

    return compute


def _add_items(search_index, objs):
    search_index.add_items(PracticeSheetPage, objs)


def memoize_search_values(obj, before_computed=None):
    """Make each search field of `obj` compute its value once.

    The database backends build a document in several passes (title, body, autocomplete, and on
    PostgreSQL plain texts too), and each pass asks every field of `obj.get_search_fields()` for its
    value again: eight rich-text sections parsed and the whole French normalisation
    (BasePage.french_search_text) run three to five times per fiche. Giving this one instance a list of
    field copies that return the value computed once makes indexing several times faster, and the
    document is exactly what the backend would have built.
    """
    memoized = []
    computed = []  # fields that are methods, such as french_search_text: computed last
    for field in type(obj).get_search_fields():
        if not isinstance(field, index.SearchField | index.AutocompleteField):
            memoized.append(field)  # related fields (already prefetched) and filter fields
            continue
        try:
            field.get_field(type(obj))
        except FieldDoesNotExist:
            computed.append((len(memoized), field))
            memoized.append(field)
            continue
        memoized.append(_returning(field, field.get_value(obj)))
    obj.get_search_fields = lambda: memoized  # an instance attribute hides the class method
    # methods may read the other fields (french_search_text does): they now get the memoized values;
    # `before_computed(obj)` may give some of them from work done anyway ({field name: value})
    given = before_computed(obj) if before_computed else {}
    for position, field in computed:
        value = given[field.field_name] if field.field_name in given else field.get_value(obj)
        memoized[position] = _returning(field, value)


def _returning(field, value):
    twin = copy.copy(field)
    twin.get_value = lambda obj: value
    return twin


# --- PostgreSQL ----------------------------------------------------------------------------------


def _is_postgres_index(search_index):
    if search_index.backend.__class__.__module__ != "modelsearch.backends.database.postgres.postgres":
        return False
    from modelsearch.backends.database.postgres.postgres import PostgresIndex

    return isinstance(search_index, PostgresIndex)


def _sql_indexer_class():
    from modelsearch.backends.database.postgres.postgres import ObjectIndexer

    class SQLObjectIndexer(ObjectIndexer):
        """modelsearch's indexer, whose vectors are (sql, params) instead of Django expressions, and whose
        fields are prepared once per fiche.

        The indexer reads every search field in each of its five passes (title, body, autocomplete and
        their plain texts); `memoize_search_values` makes the fiche's own fields compute once, but the
        related ones (sections, contacts, figures, tags…) were read and joined again in each pass: a
        tenth of the loader's Python time at 100,000 fiches."""

        def prepare_field(self, obj, field):
            if obj is not self.obj:  # a related object's field, prepared within its parent's (kept) list
                yield from super().prepare_field(obj, field)
                return
            prepared = self.__dict__.setdefault("_prepared", {})
            if id(field) not in prepared:
                prepared[id(field)] = list(super().prepare_field(obj, field))
            yield from prepared[id(field)]

        def as_vector(self, texts, for_autocomplete=False):
            texts = [(text.strip(), weight) for text, weight in texts]
            texts = [(text, weight) for text, weight in texts if text]
            if not texts:
                return "''::tsvector", []
            config = self.autocomplete_config if for_autocomplete else self.config
            parts, params = [], []
            for text, weight in texts:
                if config:
                    parts.append("setweight(to_tsvector(%s::regconfig, %s::text), %s)")
                    params.extend((config, text, weight))
                else:
                    parts.append("setweight(to_tsvector(%s::text), %s)")
                    params.extend((text, weight))
            return "(" + " || ".join(parts) + ")", params

    return SQLObjectIndexer


def _add_to_postgres(search_index, objs):
    """What PostgresIndex.add_items does, with the vectors written as SQL."""
    from modelsearch.utils import get_content_type_pk

    if not objs or not PracticeSheetPage.get_search_fields():
        return
    indexer_class = _sql_indexer_class()
    entries = search_index.entries.model
    content_type_pk = get_content_type_pk(PracticeSheetPage)
    for start in range(0, len(objs), STATEMENT_ROWS):
        _upsert_postgres(search_index, objs[start : start + STATEMENT_ROWS], indexer_class, entries, content_type_pk)
    # the title norms are refreshed once, by `finish`


def _upsert_postgres(search_index, objs, indexer_class, entries, content_type_pk):
    rows, params = [], []
    for obj in objs:
        indexer = indexer_class(obj, search_index.backend)
        (title_sql, title_params), (autocomplete_sql, autocomplete_params), (body_sql, body_params) = (
            indexer.title,
            indexer.autocomplete,
            indexer.body,
        )
        rows.append(f"(%s, %s, {title_sql}, {autocomplete_sql}, {body_sql}, 1.0, %s, %s)")
        params.extend((content_type_pk, indexer.id, *title_params, *autocomplete_params, *body_params))
        params.extend((indexer.title_text, indexer.body_text))
    with search_index.write_connection.cursor() as cursor:
        cursor.execute(
            f"""
            INSERT INTO {entries._meta.db_table}
                (content_type_id, object_id, title, autocomplete, body, title_norm, title_text, body_text)
            VALUES {", ".join(rows)}
            ON CONFLICT (content_type_id, object_id)
            DO UPDATE SET title = EXCLUDED.title,
                          title_norm = 1.0,
                          autocomplete = EXCLUDED.autocomplete,
                          body = EXCLUDED.body,
                          title_text = EXCLUDED.title_text,
                          body_text = EXCLUDED.body_text
            """,
            params,
        )
