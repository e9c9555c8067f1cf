"""Thousands of synthetic fiches, for trying the search, the facets and the listings at scale.

`load_demo --fiches N` makes sure N of them exist. Saving pages one by one through Wagtail (tree
locking, revisions, signals, per-page indexing) costs tens of milliseconds each, so this writes the
rows directly, a thousand fiches per transaction:

- the `wagtailcore_page` rows with `bulk_create` (Page itself is not multi-table, so Django allows it
  and returns the new ids on PostgreSQL and SQLite ≥ 3.35), with treebeard paths computed here, after
  the index page's existing children;
- the `practices_practicesheetpage` rows with the model manager's `_insert` on the local fields only
  (`bulk_create` refuses multi-table models, and `_insert` is what it uses underneath);
- the many-to-many rows, tags, key figures and contacts with `bulk_create`;
- one revision per fiche, holding what `page.serializable_data()` would hold, set as the page's latest
  and live revision, and the log entries of its creation and publication: the admin then shows a
  synthetic fiche like one published through `save_revision().publish()` (its "Mis à jour" date, its
  history, a live version to compare with, a revision to revert to).

Each batch is indexed right after it is written, its facet rows written in the same pass, a chunk at a
time with its related objects prefetched (synthetic_index); what counts over every fiche (the
vocabulary, Wagtail's title norms) is computed once at the end. On PostgreSQL, the batches are shared
between one process per core, each knowing its tree positions in advance. The fiches are live and
complete.

A synthetic fiche is recognised by its slug, `fiche-synthetique-NNNNN`; its content depends only on the
seed and its number (see synthetic_content).
"""

import multiprocessing
import re
import time
import uuid
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db import connections, router, transaction
from django.db.models import CharField, OuterRef, Subquery
from django.db.models.functions import Cast
from modelcluster.models import get_all_child_m2m_relations, get_all_child_relations, get_serializable_data_for_fields
from taggit.models import Tag
from wagtail.models import Page, PageLogEntry, Revision
from wagtail.search.models import IndexEntry

from portal.cache import bump_content_version
from practices.models import (
    ActorCategory,
    Department,
    FicheContact,
    FicheTag,
    KeyFigure,
    PracticeIndexPage,
    PracticeSheetPage,
    Region,
    ServiceType,
    Theme,
)
from search import fulltext, suggest
from search.models import FacetPair, PageFacet, SearchDocument

from . import synthetic_themes
from .synthetic_content import Composer, slug_for
from .synthetic_data import References
from .synthetic_index import finish, index_fiches, processes_for

SLUG_PATTERN = re.compile(r"^fiche-synthetique-(\d{5,})$")
BATCH_SIZE = 1000


def create_fiches(n, seed=2026, stdout=None):
    """Make sure at least `n` synthetic fiches exist; returns how many were created."""
    started = time.monotonic()
    say = (lambda message: stdout.write(message)) if stdout is not None else (lambda message: None)
    parent = PracticeIndexPage.objects.get()
    numbers = existing_numbers(parent)
    missing = n - len(numbers)
    if missing <= 0:
        return 0

    first_number = max(numbers, default=0) + 1
    using = router.db_for_write(PracticeSheetPage)
    position = _next_position(parent, using)
    if position + missing > len(Page.alphabet) ** Page.steplen:
        raise ValueError("Plus de place sous la liste des fiches pour de nouvelles pages.")
    # (first number, how many, tree position of the first): each batch knows its place in advance,
    # so that batches can be written by several processes at once
    batches = [
        (first_number + offset, min(BATCH_SIZE, missing - offset), position + offset)
        for offset in range(0, missing, BATCH_SIZE)
    ]
    global _job
    _job = _Job(
        references=load_references(),
        seed=seed,
        context={
            "parent": parent,
            "content_type": ContentType.objects.get_for_model(PracticeSheetPage),
            "page_content_type": ContentType.objects.get_for_model(Page),
            "tag_ids": ensure_tags(),
            "using": using,
        },
        say=say,
        started=started,
    )
    processes = processes_for(len(batches))
    if processes > 1:
        connections.close_all()  # each process opens its own connection
        with multiprocessing.get_context("fork").Pool(processes) as pool:
            done = pool.map(_write_and_index, [batches[k::processes] for k in range(processes)])
    else:
        done = [_write_and_index(batches)]
    finish(sum((words for words in done), Counter()))
    Page.objects.using(using).filter(pk=parent.pk).update(numchild=_children(parent, using).count())
    say(f"  {missing} fiches indexées pour la recherche ({time.monotonic() - started:.1f} s, {processes} processus)")
    _refresh_statistics(using)
    bump_content_version()  # rows were written without signals: no cached page or listing may outlive them
    suggest.rebuild_all()
    say(f"  Suggestions de recherche recalculées ({time.monotonic() - started:.1f} s)")
    return missing


# What a bulk load changes the size of: the planner must know it before the first search.
ANALYZED_MODELS = (Page, PracticeSheetPage, Revision, PageLogEntry, FicheTag, SearchDocument, PageFacet, FacetPair, IndexEntry)


def _refresh_statistics(using):
    """The planner's statistics of the tables the load filled, and on PostgreSQL, outside a transaction,
    the visibility map that index-only scans read: what the nightly update_index and autovacuum would
    give in their own time. Until then the planner believes the tables as small as before the load and
    picks nested loops over tens of thousands of rows (a facet count at 14,000 fiches on PostgreSQL:
    320 ms before, 140 ms after)."""
    connection = connections[using]
    quote = connection.ops.quote_name
    # the fiches' many-to-many tables (themes, actors, départements) too: with the statistics of an
    # empty table, PostgreSQL read a theme's every fiche to find the themes of four (4 ms at 10,000
    # fiches for the home page's latest fiches, 40 at 100,000)
    through = [field.remote_field.through for field in PracticeSheetPage._meta.many_to_many]
    tables = [quote(model._meta.db_table) for model in dict.fromkeys((*ANALYZED_MODELS, *through))]
    tables += [quote(table) for table in fulltext.engine_tables(connection)]
    with connection.cursor() as cursor:
        if connection.vendor != "postgresql":
            for table in tables:  # SQLite analyses one table, or the whole database, per statement
                cursor.execute(f"ANALYZE {table}")
        else:
            command = "ANALYZE" if connection.in_atomic_block else "VACUUM (ANALYZE)"
            cursor.execute(f"{command} {', '.join(tables)}")


@dataclass
class _Job:
    """What every process writing batches needs, set before the processes are forked (never pickled)."""

    references: References
    seed: int
    context: dict
    say: Callable
    started: float


_job = None


def _write_and_index(batches):
    """Write the given batches, each in its transaction, and index each one right after (its rows are
    still in memory and cache); returns {word: pages using it}. Run in one process per core on
    PostgreSQL: composing a fiche, serialising its revision and normalising its texts is Python's work,
    and one process would leave the other core idle while it waits for the database."""
    composer = Composer(_job.references, _job.seed)
    words = Counter()
    for first, count, position in batches:
        batch = [composer.fiche(first + i) for i in range(count)]
        with transaction.atomic(using=_job.context["using"]):
            ids = insert_batch(batch, position=position, **_job.context)
        words += index_fiches(ids)
        _job.say(f"  fiches n° {first} à {first + count - 1} écrites et indexées ({time.monotonic() - _job.started:.1f} s)")
    return words


def _children(parent, using):
    return Page.objects.using(using).filter(path__startswith=parent.path, depth=parent.depth + 1)


def _next_position(parent, using):
    """The tree position of the parent's next child (after the last, whatever the gaps)."""
    last_path = _children(parent, using).order_by("-path").values_list("path", flat=True).first()
    return Page._str2int(last_path[-Page.steplen :]) + 1 if last_path else 1


def existing_numbers(parent):
    slugs = Page.objects.filter(
        path__startswith=parent.path, depth=parent.depth + 1, slug__startswith="fiche-synthetique-"
    ).values_list("slug", flat=True)
    return [int(match.group(1)) for match in map(SLUG_PATTERN.match, slugs) if match]


def load_references():
    departments = {}
    for code, name, region in Department.objects.order_by("code").values_list("code", "name", "region_id"):
        departments.setdefault(region, []).append((code, name))
    return References(
        region_names=dict(Region.objects.values_list("code", "name")),
        departments=departments,
        themes={slug: (pk, name) for slug, pk, name in Theme.objects.values_list("slug", "pk", "name")},
        service_types=set(ServiceType.objects.values_list("slug", flat=True)),
        actor_categories=set(ActorCategory.objects.values_list("slug", flat=True)),
    )


def ensure_tags():
    """{lower-case name: tag id} for the whole tag vocabulary, creating the missing tags once.

    Tags are case-insensitive in this project (TAGGIT_CASE_INSENSITIVE): an existing "Télétravail"
    is reused for "télétravail". Compared in Python, because SQLite's lower() ignores accented letters.
    """
    wanted = {name.lower(): name for theme in synthetic_themes.THEMES.values() for name in theme["tags"]}
    found = {}
    for pk, name in Tag.objects.values_list("pk", "name"):
        if name.lower() in wanted:
            found.setdefault(name.lower(), pk)
    for lower, name in wanted.items():
        if lower not in found:
            tag = Tag(name=name)
            tag.save()  # taggit picks a unique slug
            found[lower] = tag.pk
    return found


def insert_batch(batch, *, position, parent, content_type, page_content_type, tag_ids, using):
    """Write one batch of FicheData as the parent's children from tree position `position` on; returns
    the new page ids in the same order. The parent's child count is the caller's to update."""
    depth = parent.depth + 1

    pages = []
    for i, data in enumerate(batch):
        slug = slug_for(data.number)
        pages.append(
            Page(
                content_type=content_type,
                path=Page._get_path(parent.path, depth, position + i),
                depth=depth,
                numchild=0,
                url_path=f"{parent.url_path}{slug}/",
                slug=slug,
                title=data.title,
                draft_title=data.title,
                live=True,
                has_unpublished_changes=False,
                locale_id=parent.locale_id,
                translation_key=uuid.uuid4(),
                first_published_at=data.first_published_at,
                last_published_at=data.last_published_at,
                latest_revision_created_at=data.last_published_at,
                owner=None,
            )
        )
    Page.objects.using(using).bulk_create(pages)
    ids = [page.pk for page in pages]
    if None in ids:
        raise RuntimeError("This database does not return the ids of bulk-created rows.")

    fiches = _insert_fiche_rows(batch, pages, using)
    related = _insert_related_rows(batch, ids, tag_ids, using)
    _insert_revisions(fiches, pages, related, content_type, page_content_type, using)
    return ids


def _insert_fiche_rows(batch, pages, using):
    """Insert the fiche rows; returns them as whole fiches (their page fields too), to be serialised."""
    fields = PracticeSheetPage._meta.local_concrete_fields
    page_fields = [field.attname for field in Page._meta.concrete_fields]
    rows = []
    for page, data in zip(pages, batch, strict=True):
        values = {
            **{name: getattr(page, name) for name in page_fields},
            "page_ptr_id": page.pk,
            "intro": data.intro,
            "listing_image_id": None,
            "carrying_structure": data.carrying_structure,
            "service_type_id": data.service_type,
            "region_id": data.region,
            "start_year": data.start_year,
            "end_year": data.end_year,
            "fonction_publique": data.fonction_publique,
            "review_date": data.review_date,
            "completeness": 100,  # every required part is filled (tests/test_demo_synthetic.py checks it)
            **data.sections,
        }
        rows.append(PracticeSheetPage(**values))
    missing = {field.attname for field in fields} - set(values)
    if missing:
        raise RuntimeError(f"Synthetic fiches do not fill {sorted(missing)}.")
    connection = connections[using]
    size = connection.ops.bulk_batch_size(fields, rows)
    for start in range(0, len(rows), size):
        PracticeSheetPage._base_manager._insert(rows[start : start + size], fields=fields, using=using, raw=True)
    return rows


def _through(field_name):
    field = PracticeSheetPage._meta.get_field(field_name)
    return field.remote_field.through, f"{field.m2m_field_name()}_id", f"{field.m2m_reverse_field_name()}_id"


def _insert_related_rows(batch, ids, tag_ids, using):
    """Insert the related rows; returns, per fiche, {child relation or m2m field: its objects or ids}."""
    links = {name: _through(name) for name in ("departments", "themes", "actor_categories")}
    rows = {name: [] for name in links}
    children = []
    for pk, data in zip(ids, batch, strict=True):
        for name, (through, own, other) in links.items():
            rows[name].extend(through(**{own: pk, other: value}) for value in getattr(data, name))
        children.append(
            {
                "departments": data.departments,
                "themes": data.themes,
                "actor_categories": data.actor_categories,
                "tagged_items": [FicheTag(content_object_id=pk, tag_id=tag_ids[tag.lower()]) for tag in data.tags],
                "key_figures": [
                    KeyFigure(page_id=pk, sort_order=order, value=value, label=label)
                    for order, (value, label) in enumerate(data.key_figures)
                ],
                "contacts": [
                    FicheContact(page_id=pk, sort_order=order, name=name, role=role, email=email)
                    for order, (name, role, email) in enumerate(data.contacts)
                ],
            }
        )
    for name, (through, _own, _other) in links.items():
        through.objects.using(using).bulk_create(rows[name])
    for model, name in ((FicheTag, "tagged_items"), (KeyFigure, "key_figures"), (FicheContact, "contacts")):
        model.objects.using(using).bulk_create([obj for related in children for obj in related[name]])
    return children


def _insert_revisions(fiches, pages, children, content_type, page_content_type, using):
    """One revision per fiche, made its latest and live revision, and the log entries of its publication.

    The content is built as `ClusterableModel.serializable_data()` builds it, from the objects just
    written (whose ids the database returned), without querying them back.
    """
    relations = [
        (relation.get_accessor_name(), hasattr(relation.related_model, "serializable_data"))
        for relation in get_all_child_relations(PracticeSheetPage)
    ]
    m2m = [field.name for field in get_all_child_m2m_relations(PracticeSheetPage) if field.serialize]
    revisions = []
    for fiche, related in zip(fiches, children, strict=True):
        content = get_serializable_data_for_fields(fiche)
        for name, own_method in relations:
            objects = related.get(name, [])
            content[name] = [
                obj.serializable_data() if own_method else get_serializable_data_for_fields(obj) for obj in objects
            ]
        for name in m2m:
            content[name] = list(related.get(name, []))
        revisions.append(
            Revision(
                content_type_id=content_type.pk,
                base_content_type_id=page_content_type.pk,
                object_id=str(fiche.pk),
                created_at=fiche.last_published_at,
                user=None,
                object_str=fiche.title,
                content=content,
            )
        )
    Revision.objects.using(using).bulk_create(revisions)
    # one statement rather than bulk_update's CASE over a thousand ids, which costs more to compile
    revision = Revision.objects.using(using).filter(
        base_content_type_id=page_content_type.pk, object_id=Cast(OuterRef("pk"), CharField())
    )
    newest = Subquery(revision.order_by("-pk").values("pk")[:1])
    Page.objects.using(using).filter(pk__in=[page.pk for page in pages]).update(
        latest_revision_id=newest, live_revision_id=newest
    )
    entries = []
    for page, revision in zip(pages, revisions, strict=True):
        page.latest_revision_id = page.live_revision_id = revision.pk
        common = {"content_type_id": content_type.pk, "label": page.title, "page_id": page.pk, "content_changed": True}
        entries.append(PageLogEntry(action="wagtail.create", timestamp=page.first_published_at, **common))
        if page.first_published_at != page.last_published_at:
            entries.append(PageLogEntry(action="wagtail.publish", timestamp=page.first_published_at, **common))
        entries.append(
            PageLogEntry(action="wagtail.publish", timestamp=page.last_published_at, revision_id=revision.pk, **common)
        )
    PageLogEntry.objects.using(using).bulk_create(entries)
