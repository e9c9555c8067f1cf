"""Result cards: rendered once per version of their page, then read from the cache by every listing.

A search nobody asked before still lists pages other searches listed: their cards (the HTML of the
listing and what the JSON says of them) are kept per page and per version of the page's search document
(search.models.SearchDocument.updated_at, renewed at each publication of the page, or of the page its
facets come from), and per version of the facet choices (a theme renamed). A page of results then loads
only the pages whose card is not in the cache, in a few queries per content type.
"""

from dataclasses import dataclass

from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils.dateparse import parse_datetime
from django.utils.safestring import mark_safe

from portal.cache import FRAGMENT_TIMEOUT, read_version
from portal.serving import find_site

from .facets import CHOICES_VERSION_KEY

TEMPLATE = "search/includes/result_card.html"


@dataclass
class Card:
    pk: int
    html: str
    data: dict  # what the JSON says of the page (SearchablePage.search_json)


def version(updated_at):
    """The version of a card: its document's update time (a datetime, or the text SQLite gives back
    for raw SQL), as digits."""
    if isinstance(updated_at, str):
        updated_at = parse_datetime(updated_at)
    return f"{updated_at:%Y%m%d%H%M%S%f}" if updated_at else None


def _key(request, pk, token, show_type, heading):
    site = find_site(request)
    return (
        f"search-card:{site.pk if site else 0}:{read_version(CHOICES_VERSION_KEY, request)}:"
        f"{pk}:{token}:{int(bool(show_type))}:{heading}"
    )


def cards(request, ids, tokens, *, load, show_type=True, heading="h2"):
    """The cards of the pages `ids`, in that order. `tokens`: {id: version of its search document}
    (a page without one is rendered every time); `load(ids)`: the specific pages, ready for their cards."""
    keys = {pk: _key(request, pk, tokens[pk], show_type, heading) for pk in ids if tokens.get(pk)}
    found = cache.get_many(list(keys.values())) if keys else {}
    built = {pk: found[key] for pk, key in keys.items() if key in found}
    missing = [pk for pk in ids if pk not in built]
    if missing:
        fresh = {}
        for page in load(missing):
            value = {
                "html": render_to_string(TEMPLATE, {"result": page, "heading": heading, "show_type": show_type}, request=request),
                "data": page.search_json(request),
            }
            built[page.pk] = value
            if page.pk in keys:
                fresh[keys[page.pk]] = value
        if fresh:
            cache.set_many(fresh, FRAGMENT_TIMEOUT)
    return [Card(pk, mark_safe(built[pk]["html"]), built[pk]["data"]) for pk in ids if pk in built]
