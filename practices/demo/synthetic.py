"""Thousands of synthetic fiches, for trying the search, the facets and the listings at scale.

`load_demo --fiches N` makes sure N of them exist. Saving pages one by one through Wagtail (tree
locking, revisions, signals, per-page indexing) costs tens of milliseconds each, so this writes the
rows directly, a thousand fiches per transaction:

- the `wagtailcore_page` rows with `bulk_create` (Page itself is not multi-table, so Django allows it
  and returns the new ids on PostgreSQL and SQLite ≥ 3.35), with treebeard paths computed here, after
  the index page's existing children;
- the `practices_practicesheetpage` rows with the model manager's `_insert` on the local fields only
  (`bulk_create` refuses multi-table models, and `_insert` is what it uses underneath);
- the many-to-many rows, tags, key figures and contacts with `bulk_create`.

Then, once for the whole run, the facet table is rebuilt and the new fiches are indexed, a chunk at
a time with their related objects prefetched. The fiches are live and complete; they have no revision,
like pages imported by a script: the first edit in the admin creates one.

A synthetic fiche is recognised by its slug, `fiche-synthetique-NNNNN`; its content depends only on the
seed and its number (see synthetic_content).
"""

import re
import time
import uuid

from django.contrib.contenttypes.models import ContentType
from django.db import connections, router, transaction
from taggit.models import Tag
from wagtail.models import Page

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
from search import facets, suggest

from . import synthetic_themes
from .synthetic_content import Composer, References, slug_for
from .synthetic_index import index_fiches

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

    composer = Composer(load_references(), seed)
    first_number = max(numbers, default=0) + 1
    context = {
        "parent": parent,
        "content_type": ContentType.objects.get_for_model(PracticeSheetPage),
        "tag_ids": ensure_tags(),
        "using": router.db_for_write(PracticeSheetPage),
    }
    created_ids = []
    for offset in range(0, missing, BATCH_SIZE):
        batch = [composer.fiche(first_number + i) for i in range(offset, min(missing, offset + BATCH_SIZE))]
        with transaction.atomic(using=context["using"]):
            created_ids.extend(insert_batch(batch, **context))
        say(f"  {len(created_ids)}/{missing} fiches synthétiques écrites ({time.monotonic() - started:.1f} s)")

    count = facets.rebuild_all()
    say(f"  Facettes recalculées pour {count} pages ({time.monotonic() - started:.1f} s)")
    index_fiches(created_ids, say=say, started=started)
    suggest.rebuild_all()
    say(f"  Suggestions de recherche recalculées ({time.monotonic() - started:.1f} s)")
    return missing


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


def insert_batch(batch, *, parent, content_type, tag_ids, using):
    """Write one batch of FicheData; returns the new page ids in the same order."""
    children = Page.objects.using(using).filter(path__startswith=parent.path, depth=parent.depth + 1)
    last_path = children.order_by("-path").values_list("path", flat=True).first()
    position = Page._str2int(last_path[-Page.steplen :]) + 1 if last_path else 1
    if position + len(batch) > len(Page.alphabet) ** Page.steplen:
        raise ValueError("Plus de place sous la liste des fiches pour de nouvelles pages.")
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
                owner=None,
            )
        )
    Page.objects.using(using).bulk_create(pages)
    ids = [page.pk for page in pages]
    if None in ids:
        raise RuntimeError("This database does not return the ids of bulk-created rows.")

    _insert_fiche_rows(batch, ids, using)
    _insert_related_rows(batch, ids, tag_ids, using)
    Page.objects.using(using).filter(pk=parent.pk).update(numchild=children.count())
    return ids


def _insert_fiche_rows(batch, ids, using):
    fields = PracticeSheetPage._meta.local_concrete_fields
    rows = []
    for pk, data in zip(ids, batch, strict=True):
        values = {
            "page_ptr_id": pk,
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


def _through(field_name):
    field = PracticeSheetPage._meta.get_field(field_name)
    return field.remote_field.through, f"{field.m2m_field_name()}_id", f"{field.m2m_reverse_field_name()}_id"


def _insert_related_rows(batch, ids, tag_ids, using):
    links = {name: _through(name) for name in ("departments", "themes", "actor_categories")}
    rows = {name: [] for name in links}
    tags, figures, contacts = [], [], []
    for pk, data in zip(ids, batch, strict=True):
        for name, (through, own, other) in links.items():
            rows[name].extend(through(**{own: pk, other: value}) for value in getattr(data, name))
        tags.extend(FicheTag(content_object_id=pk, tag_id=tag_ids[tag.lower()]) for tag in data.tags)
        figures.extend(
            KeyFigure(page_id=pk, sort_order=order, value=value, label=label)
            for order, (value, label) in enumerate(data.key_figures)
        )
        contacts.extend(
            FicheContact(page_id=pk, sort_order=order, name=name, role=role, email=email)
            for order, (name, role, email) in enumerate(data.contacts)
        )
    for name, (through, _own, _other) in links.items():
        through.objects.using(using).bulk_create(rows[name])
    FicheTag.objects.using(using).bulk_create(tags)
    KeyFigure.objects.using(using).bulk_create(figures)
    FicheContact.objects.using(using).bulk_create(contacts)
