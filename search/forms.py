"""Validation of search parameters: every listing reads request.GET through this form, never directly.

A bad value (unknown region, a page number that is not one) is a form error with a French message and
the view answers 400; nothing reaches the database unchecked.
"""

import re

from django import forms
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _
from taggit.models import Tag

from portal.forms import DsfrForm

from . import facets
from .french import strip_accents
from .outcome import SORT_RECENT, SORT_RELEVANCE, Criteria

MAX_QUERY_LENGTH = 200
FIRST_YEAR, LAST_YEAR = 1990, 2100


class SlugListField(forms.MultipleChoiceField):
    """Several values of one GET parameter, deduplicated, checked against a list known at request time."""

    def __init__(self, *args, lookup=None, unknown_message=None, **kwargs):
        super().__init__(*args, required=False, **kwargs)
        self.lookup = lookup  # callable: values -> {value: stored value} for the known ones
        self.unknown_message = unknown_message
        self.known = {}

    def valid_value(self, value):
        return True  # checked in bulk in validate()

    def to_python(self, value):
        # An empty value (`?theme=`, what a form's "all" option sends) means no filter, not an unknown one.
        return list(dict.fromkeys(v for v in super().to_python(value) if v.strip()))

    def validate(self, value):
        super().validate(value)
        known = self.known = self.lookup(value) if value else {}
        unknown = [v for v in value if v not in known]
        if unknown:
            raise forms.ValidationError(self.unknown_message, params={"value": ", ".join(unknown[:3])}, code="unknown")


def _canonical(param, value):
    """The url value `value` stands for: itself, or, for a facet that accepts its stored values in URLs,
    the url value of that stored value (`region=53` stands for `region=bretagne`)."""
    facet, choices = facets.by_param().get(param), facets.choices().get(param, {})
    if value in choices or facet is None or not facet.accepts_stored:
        return value
    return next((url for url, (stored, _label) in choices.items() if stored == value), value)


def _known(param):
    def lookup(values):
        choices = facets.choices()[param]
        canonical = {v: _canonical(param, v) for v in values}
        return {v: choices[canonical[v]][0] for v in values if canonical[v] in choices}

    return lookup


def _known_years(values):
    known = {}
    for value in values:
        if value.isascii() and value.isdecimal() and FIRST_YEAR <= int(value) <= LAST_YEAR:
            known[value] = str(int(value))
    return known


SLUG = re.compile(r"^[-\w]{1,100}$")


def _known_tags(values):
    # Only slug-shaped values reach the database (PostgreSQL refuses NUL characters, for one).
    candidates = [value for value in values[:50] if SLUG.match(value)]
    return {tag.slug: str(tag.pk) for tag in Tag.objects.filter(slug__in=candidates)} if candidates else {}


def _lookup(facet):
    """values -> {value: stored value} for the values of `facet` that exist."""
    if facet.kind == "years":
        return _known_years
    if facet.kind == "tags":
        return _known_tags
    return _known(facet.param)


class QueryField(forms.CharField):
    """Control characters (NUL, escapes, zero-width marks…) never mean anything in a query: they are
    dropped before validation rather than refusing the whole search."""

    def to_python(self, value):
        if isinstance(value, str):
            value = " ".join("".join(ch if ch.isprintable() else " " for ch in value).split())
        return super().to_python(value)


class SortField(forms.ChoiceField):
    """`tri=récent` and `tri=recent` alike: people type the accent, URLs usually drop it."""

    def to_python(self, value):
        value = super().to_python(value)
        return strip_accents(value).lower() if value else value


class SearchForm(DsfrForm):
    q = QueryField(
        label=_("Rechercher"),
        required=False,
        strip=True,
        max_length=MAX_QUERY_LENGTH,
        error_messages={"max_length": _("La recherche est trop longue : %(limit_value)d caractères au plus.")},
    )
    tri = SortField(
        label=_("Trier par"),
        required=False,
        choices=[(SORT_RELEVANCE, _("Pertinence")), (SORT_RECENT, _("Les plus récents"))],
        error_messages={"invalid_choice": _("Tri inconnu : choisissez « pertinence » ou « récent ».")},
    )
    page = forms.IntegerField(
        label=_("Page"),
        required=False,
        min_value=1,
        max_value=10**6,
        error_messages={
            "invalid": _("Numéro de page invalide : indiquez un nombre entier."),
            "min_value": _("Numéro de page invalide : la première page porte le numéro 1."),
            "max_value": _("Numéro de page invalide."),
        },
    )

    exact = forms.BooleanField(label=_("Orthographe exacte"), required=False)

    format = forms.ChoiceField(
        required=False,
        choices=[("html", "HTML"), ("json", "JSON")],
        error_messages={"invalid_choice": _("Format inconnu : choisissez « html » ou « json ».")},
    )

    def __init__(self, data=None, *, facet_params=None, **kwargs):
        super().__init__(data, **kwargs)
        by_param = facets.by_param()
        self.facet_params = facet_params or list(by_param)
        for param in self.facet_params:
            facet = by_param[param]
            self.fields[param] = SlugListField(
                label=facet.label, lookup=_lookup(facet), unknown_message=facet.unknown_message
            )

    def criteria(self):
        """The validated criteria; on errors, the valid part of them (the page still shows something)."""
        data = getattr(self, "cleaned_data", {})
        filters = {}
        for param in self.facet_params:
            known = self.fields[param].known
            values = data.get(param) or []
            if values:
                filters[param] = [known[v] for v in values if v in known]
        return Criteria(
            q=data.get("q") or "",
            filters=filters,
            sort=data.get("tri") or (SORT_RELEVANCE if data.get("q") else SORT_RECENT),
            page=data.get("page") or 1,
            exact=bool(data.get("exact")),
        )

    def link_query(self):
        """The query string the page's links carry: the parameters that validated, as they were typed
        (a filter's alias written as its value).

        A rejected value (a 10,000-character query, an unknown region) is left out: the page ignores it,
        and every link repeating it would lead to the same error. The format is left out too: links
        lead to the HTML page.
        """
        query = QueryDict(mutable=True)
        if not self.is_bound:
            return query
        self.is_valid()
        for name in self.fields:
            if name == "format" or name in self.errors:
                continue
            values = [value for value in self.data.getlist(name) if value.strip()]
            if name in self.facet_params:  # a stored value (`region=53`) is linked as its url value (`region=bretagne`)
                values = list(dict.fromkeys(_canonical(name, value) for value in values))
            if values:
                query.setlist(name, values)
        return query

    def cache_signature(self):
        """What the rendered listing depends on in the query string, written one way only.

        Two query strings that ask the same thing share a cached listing: parameters in any order,
        unknown ones (a campaign tag, a typo) and empty ones do not matter, nor the order of the values
        of a filter. The values stay as typed (the search box shows them), and those that failed
        validation are kept, with their field, so that an invalid query never reads a valid one's
        cached answer.
        """
        query = self.link_query()
        if query.get("page") and self.cleaned_data.get("page") == 1:
            del query["page"]
        for name, field in self.fields.items():
            if isinstance(field, SlugListField) and name in query:
                query.setlist(name, sorted(query.getlist(name)))
        rejected = sorted((name, tuple(self.data.getlist(name))) for name in self.errors)
        return query.urlencode(), rejected

    def error_messages(self):
        return [str(message) for errors in self.errors.values() for message in errors]
