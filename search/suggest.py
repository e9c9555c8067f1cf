"""Suggestions for the header's search field: titles, tags and carrying structures, as the reader types.

Why a table of its own rather than the search index: a suggestion must match from the first letters of
any of its words ("coop" → "Coopération…", "egal" → "Égalité…"), and answer in one query, the same on
SQLite and PostgreSQL. Wagtail's autocomplete differs from one backend to the next, so each suggestion is
normalised once, here, in Python (`normalize`), and matched with `LIKE '% term%'` (a word starts with
the term) for every word typed. The table holds one row per live page, tag and structure; on
PostgreSQL, pg_trgm's GIN index finds the rows of a start of word (migration 0011), and the statement
is run with sequential scans off (`fulltext.through_the_index`): for a common start (« pro », « haut »:
5,000 to 10,000 of 105,000 rows at 100,000 fiches), PostgreSQL preferred testing the LIKE on every row
of the table with two workers, 50 ms, where the index and the rows it gives take 30.

Titles follow their page: one row per live searchable page, removed with it (CASCADE), filtered at query
time by the reader's view restrictions. A tag or a carrying structure is one row shared by every fiche
that uses it, weighted by how many live fiches do; a publication recounts only the tags and structures the
fiche has now or had at its previous publication (remembered on its title row, since by the time
`page_published` fires the old tags are gone from the database).
"""

import re
import unicodedata
from collections import Counter, defaultdict
from urllib.parse import urlencode

from django import forms
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Case, Count, Exists, IntegerField, OuterRef, Q, Value, When
from django.db.models.functions import Length, Trim
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

from portal.access import hidden_page_ids

from . import facets, fulltext
from .contract import SearchablePage
from .french import strip_accents
from .models import SearchSuggestion

Kind = SearchSuggestion.Kind
MAX_SUGGESTIONS = 8
MIN_QUERY_LENGTH = 2
MAX_QUERY_LENGTH = 100
FICHES_URL = "/fiches/"
KIND_LABELS = {Kind.TAG: _("Mot-clé"), Kind.STRUCTURE: _("Structure")}

_NOT_A_WORD = re.compile(r"[\W_]+")
# letters that no accent stripping takes apart, but that people type as two
_LIGATURES = str.maketrans({"œ": "oe", "æ": "ae"})


def normalize(text):
    """The form suggestions are compared in: lower case, no accents, punctuation as spaces, words
    separated by one space, and a space before the first (see SearchSuggestion.normalized)."""
    text = unicodedata.normalize("NFKC", text or "").casefold().translate(_LIGATURES)
    return " " + " ".join(_NOT_A_WORD.sub(" ", strip_accents(text)).split())


# --- reading ---------------------------------------------------------------------------------------


class QueryField(forms.CharField):
    """Control characters never mean anything in a query (and PostgreSQL refuses NUL): a line break or
    a tab counts as a space, invisible formatting marks (soft hyphen, zero-width space…) are dropped.
    Done before validation, so that the length limit counts what the reader sees."""

    def to_python(self, value):
        value = super().to_python(value)
        value = "".join(
            " " if category == "Cc" else "" if category.startswith("C") else ch
            for ch, category in ((ch, unicodedata.category(ch)) for ch in value)
        )
        return " ".join(value.split())


class SuggestionForm(forms.Form):
    q = QueryField(
        required=False,
        max_length=MAX_QUERY_LENGTH,
        error_messages={"max_length": _("La recherche est trop longue : %(limit_value)d caractères au plus.")},
    )


def suggestions(q, request, limit=MAX_SUGGESTIONS):
    """At most `limit` suggestions for what the reader typed, as dicts ready for JSON.

    Every word typed must start a word of the suggestion. Order: suggestions that start with the whole
    query, then titles, tags, structures, the most used first, the shortest first. Three queries at
    most whatever the number of pages: the view restrictions, the suggestions, the current site (and on
    PostgreSQL, the planner settings of the suggestions' statement, see the module's docstring).
    """
    words = normalize(q).split()
    phrase = " ".join(words)
    if len(phrase) < MIN_QUERY_LENGTH or limit <= 0:
        return []
    matches = SearchSuggestion.objects.all()
    for word in dict.fromkeys(words):
        matches = matches.filter(normalized__contains=" " + word)
    hidden = hidden_page_ids(request)
    if hidden is not None:
        matches = matches.exclude(page_id__in=hidden).filter(_shared_and_visible(hidden))
    # Rank the matches on this table alone, and join pages and tags to the chosen few only.
    chosen = _ranked(matches, phrase).values("pk")[:limit]
    rows = (
        _ranked(SearchSuggestion.objects.filter(pk__in=chosen), phrase)
        # the table follows publication; this is only a second lock on the door
        .filter(Q(page__isnull=True) | Q(page__live=True))
        .select_related("page", "tag")
        .only("kind", "text", "search_type", "page__url_path", "tag__slug")
    )
    with fulltext.through_the_index():  # the trigram index, even for a common start
        rows = list(rows)
    results = []
    for row in rows:
        item = describe(row, request)
        if item is not None:
            results.append(item)
    return results


def _ranked(rows, phrase):
    return rows.annotate(
        starts=Case(When(normalized__startswith=" " + phrase, then=Value(0)), default=Value(1), output_field=IntegerField()),
        kind_rank=Case(
            When(kind=Kind.TITLE, then=Value(0)),
            When(kind=Kind.TAG, then=Value(1)),
            default=Value(2),
            output_field=IntegerField(),
        ),
        text_length=Length("text"),
    ).order_by("starts", "kind_rank", "-weight", "text_length", "pk")


def _shared_and_visible(hidden):
    """A tag or structure is suggested only if a page this reader may see uses it."""
    condition = Q(kind=Kind.TITLE)
    for model in _tag_sources():
        visible_tag_use = model.suggestion_tags_through.objects.filter(
            tag_id=OuterRef("tag_id"), content_object__live=True
        ).exclude(content_object_id__in=hidden)
        condition |= Q(kind=Kind.TAG) & Q(Exists(visible_tag_use))
    for model in _structure_sources():
        visible = model.objects.live().exclude(pk__in=hidden).annotate(s=Trim(model.suggestion_structure_field))
        condition |= Q(kind=Kind.STRUCTURE, text__in=visible.values("s"))
    return condition


def describe(row, request):
    if row.kind == Kind.TITLE:
        url = row.page.get_url(request)
        if not url:
            return None
        kind_label = facets.content_types().get(row.search_type, _("Page"))
    elif row.kind == Kind.TAG:
        url = FICHES_URL + "?" + urlencode({"tag": row.tag.slug})
        kind_label = KIND_LABELS[Kind.TAG]
    else:
        url = reverse("search") + "?" + urlencode({"q": row.text})
        kind_label = KIND_LABELS[Kind.STRUCTURE]
    return {"label": row.text, "kind": row.kind, "kind_label": str(kind_label), "url": url}


# --- keeping the table in step with publication --------------------------------------------------------
#
# Tags and carrying structures are shared rows: the page types that offer them say so in the search
# contract (SearchablePage.suggestion_tags_through, suggestion_structure_field).


def _tag_sources():
    return [model for model in facets.searchable_models() if model.suggestion_tags_through is not None]


def _structure_sources():
    return [model for model in facets.searchable_models() if model.suggestion_structure_field]


def _structure(value):
    # the same trimming as SQL's TRIM() in the counts and in _shared_and_visible
    return (value or "").strip(" ")


def _contributions(page):
    """What a live page gives the shared rows: its tag ids and its carrying structure."""
    contributes = {}
    if page.suggestion_tags_through is not None:
        contributes["tags"] = sorted({item.tag_id for item in page.suggestion_tags_through.objects.filter(content_object_id=page.pk)})
    if page.suggestion_structure_field:
        contributes["structure"] = _structure(getattr(page, page.suggestion_structure_field))
    return contributes


def sync_page(page):
    """Bring the page's title, and the weights of its tags and structure, in line with its live state."""
    searchable = isinstance(page, SearchablePage) and type(page) in facets.searchable_models()
    with transaction.atomic():
        previous = SearchSuggestion.objects.filter(page_id=page.pk).values_list("contributes", flat=True).first() or {}
        if page.live and searchable:
            now = _contributions(page)
            SearchSuggestion.objects.update_or_create(
                page_id=page.pk,
                defaults={
                    "kind": Kind.TITLE,
                    "text": page.title[:255],
                    "normalized": normalize(page.title),
                    "search_type": page.search_type,
                    "weight": 0,
                    "contributes": now,
                },
            )
        else:
            now = {}
            SearchSuggestion.objects.filter(page_id=page.pk).delete()
        _recount(
            set(previous.get("tags", ())) | set(now.get("tags", ())),
            {previous.get("structure"), now.get("structure")} - {None, ""},
        )


def remove_page(page):
    """The page leaves the site (unpublished, or about to be deleted: it may still be live in the database)."""
    with transaction.atomic():
        previous = SearchSuggestion.objects.filter(page_id=page.pk).values_list("contributes", flat=True).first()
        if previous is None:
            return
        SearchSuggestion.objects.filter(page_id=page.pk).delete()
        _recount(set(previous.get("tags", ())), {previous.get("structure")} - {None, ""}, exclude_page_id=page.pk)


def suggestions_step(change):
    """portal.publication's "suggestions" step: the title follows the page, and its tags' weights."""
    if change.placed:
        sync_page(change.page)
    elif change.removed:
        remove_page(change.page)


def _live(model, exclude_page_id=None):
    pages = model.objects.live()
    return pages.exclude(pk=exclude_page_id) if exclude_page_id is not None else pages


def _tag_counts(tag_ids=None, exclude_page_id=None):
    """{tag id: (name, number of live pages)} for the given tags (every tag when None)."""
    counts = {}
    for model in _tag_sources():
        links = model.suggestion_tags_through.objects.filter(content_object__in=_live(model, exclude_page_id).values("pk"))
        if tag_ids is not None:
            links = links.filter(tag_id__in=tag_ids)
        rows = links.values_list("tag_id", "tag__name").annotate(n=Count("content_object_id", distinct=True)).order_by()
        for tag_id, name, n in rows:
            counts[tag_id] = (name, counts.get(tag_id, (name, 0))[1] + n)
    return counts


def _structures_by_page(model, exclude_page_id=None):
    return _live(model, exclude_page_id).annotate(s=Trim(model.suggestion_structure_field))


def _structure_counts(structures=None, exclude_page_id=None):
    counts = Counter()
    for model in _structure_sources():
        pages = _structures_by_page(model, exclude_page_id).exclude(s="")
        if structures is not None:
            pages = pages.filter(s__in=structures)
        counts.update(dict(pages.values_list("s").annotate(n=Count("pk")).order_by()))
    return dict(counts)


def _shared_row(kind, text, weight, tag_id=None):
    return SearchSuggestion(kind=kind, text=text[:255], normalized=normalize(text), weight=weight, tag_id=tag_id)


def _recount(tag_ids, structures, exclude_page_id=None):
    """Recompute the weights of these tags and structures; a row whose weight falls to 0 goes."""
    if tag_ids:
        counts = _tag_counts(tag_ids, exclude_page_id)
        existing = {row.tag_id: row for row in SearchSuggestion.objects.filter(kind=Kind.TAG, tag_id__in=tag_ids)}
        _apply(Kind.TAG, existing, {tag_id: (name, n, tag_id) for tag_id, (name, n) in counts.items()})
    if structures:
        counts = _structure_counts(structures, exclude_page_id)
        existing = {row.text: row for row in SearchSuggestion.objects.filter(kind=Kind.STRUCTURE, text__in=structures)}
        _apply(Kind.STRUCTURE, existing, {text: (text, n, None) for text, n in counts.items()})


def _apply(kind, existing, wanted):
    """Write the difference between the rows there are and the rows there should be."""
    stale = [row.pk for key, row in existing.items() if key not in wanted]
    if stale:
        SearchSuggestion.objects.filter(pk__in=stale).delete()
    new, changed = [], []
    for key, (text, weight, tag_id) in wanted.items():
        row = existing.get(key)
        if row is None:
            new.append(_shared_row(kind, text, weight, tag_id))
        elif (row.text, row.weight) != (text[:255], weight):
            row.text, row.normalized, row.weight = text[:255], normalize(text), weight
            changed.append(row)
    if new:
        SearchSuggestion.objects.bulk_create(new, ignore_conflicts=True)
    if changed:
        SearchSuggestion.objects.bulk_update(changed, ["text", "normalized", "weight"])


def rebuild_all(batch_size=2000):
    """Recompute the whole table, for after bulk imports; returns how many rows it holds."""
    models = facets.searchable_models()
    types = {
        content_type.pk: model.search_type
        for model, content_type in ContentType.objects.get_for_models(*models, for_concrete_models=False).items()
    }
    contributions = defaultdict(dict)
    for model in _tag_sources():
        tags_by_page = defaultdict(set)
        links = model.suggestion_tags_through.objects.filter(content_object__in=_live(model).values("pk"))
        for page_id, tag_id in links.values_list("content_object_id", "tag_id"):
            tags_by_page[page_id].add(tag_id)
        for page_id in _live(model).values_list("pk", flat=True):
            contributions[page_id]["tags"] = sorted(tags_by_page.get(page_id, ()))
    structures = Counter()
    for model in _structure_sources():
        for page_id, structure in _structures_by_page(model).values_list("pk", "s"):
            contributions[page_id]["structure"] = structure
            if structure:
                structures[structure] += 1

    rows = []
    for page_id, title, content_type_id in (
        Page.objects.live().filter(content_type_id__in=list(types)).values_list("pk", "title", "content_type_id")
    ):
        rows.append(
            SearchSuggestion(
                kind=Kind.TITLE,
                text=title[:255],
                normalized=normalize(title),
                page_id=page_id,
                search_type=types[content_type_id],
                contributes=contributions.get(page_id, {}),
            )
        )
    rows.extend(_shared_row(Kind.TAG, name, n, tag_id) for tag_id, (name, n) in _tag_counts().items())
    rows.extend(_shared_row(Kind.STRUCTURE, text, n) for text, n in structures.items())
    with transaction.atomic():
        SearchSuggestion.objects.all().delete()
        SearchSuggestion.objects.bulk_create(rows, batch_size=batch_size)
    return len(rows)
