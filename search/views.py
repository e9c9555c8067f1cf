"""Listing views: /recherche/ and every index page (/fiches/…) render through render_listing.

The listing itself (facets, map, result cards, pagination) is rendered once per content version, query
string and visibility (portal.cache, portal.access), then read from the cache: it depends on nothing else,
and readers repeat the same searches and filters. The query string is keyed as the form reads it
(`SearchForm.cache_signature`): parameters in any order, or with an unknown one added, share one entry. The query string is first validated, every time: an
invalid one still answers 400, from the cache or not. The JSON answer is never cached.
"""

from django.http import JsonResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from portal.access import visibility_signature
from portal.cache import cached_content
from portal.serving import find_site

from . import cards, facets, suggest
from .forms import SearchForm
from .service import SearchService


def _without(query, param, value=None):
    """The query string minus one filter value, or the whole parameter when no value is given (and the
    page number, which no longer applies)."""
    query = query.copy()
    query.setlist(param, [v for v in query.getlist(param) if value is not None and v != value])
    query.pop("page", None)
    return "?" + query.urlencode() if query else "?"


def _only(query, param, value):
    """The current query string with one facet set to a single value (the map's region links)."""
    query = query.copy()
    query.setlist(param, [value])
    query.pop("page", None)
    query.pop("format", None)
    return "?" + query.urlencode()


def correction_context(query, correction):
    """« Résultats pour … (au lieu de …) », and the link to the words exactly as typed."""
    if not correction:
        return None
    return {**correction, "exact_url": _only(query, "exact", "1")}


def map_regions(query, outcome_facets):
    region = next((facet for facet in outcome_facets if facet.param == "region"), None)
    if region is None:
        return None
    return [
        {
            "code": v.stored,  # the shapes are keyed by INSEE code, the links carry the slug
            "label": v.label,
            "count": v.count,
            "selected": v.selected,
            "url": _only(query, "region", v.value),
        }
        for v in region.values
    ]


def relaxations(query, outcome, active_filters, criteria):
    """What to drop when nothing matches, the most fruitful first: [{label, url, count}]."""
    counts = getattr(outcome, "relaxations", None) or {}
    labels = {}
    for active in active_filters:
        labels.setdefault(active["param"], [active["facet"], []])[1].append(active["label"])
    suggestions = []
    for param, count in counts.items():
        if not count:
            continue
        if param == "q":
            label = _("les mots « %(q)s »") % {"q": criteria.q}
            url = _without(query, "q")
        else:
            facet, values = labels.get(param, (param, []))
            label = f"{facet} : {', '.join(values)}"
            url = _without(query, param)
        suggestions.append({"label": label, "url": url, "count": count})
    return sorted(suggestions, key=lambda item: -item["count"])


def listing_context(request, *, types=None, facet_params=None, form=None, show_type=True):
    """Validate the query string, run the search, and prepare what the listing templates show."""
    if form is None:
        form = SearchForm(request.GET, facet_params=facet_params)
    valid = form.is_valid()
    around = form_context(form, valid, request)
    criteria = around["criteria"]
    service = SearchService(request, types=types, facet_params=form.facet_params)
    outcome = service.run(criteria)
    outcome.page.object_list = cards.cards(
        request,
        outcome.page.object_list,
        outcome.versions,
        load=lambda ids: service.load(ids, outcome.content_types),
        show_type=show_type,
        heading="h2",
    )
    query = form.link_query()
    active_filters = [
        {"param": facet.param, "facet": facet.label, "label": value.label, "url": _without(query, facet.param, value.value)}
        for facet in outcome.facets
        for value in facet.values
        if value.selected
    ]
    return {
        **around,
        "relaxations": relaxations(query, outcome, active_filters, criteria),
        "results": outcome.page,
        "page_number": outcome.page.number,
        "total": outcome.total,
        "facets": [facet for facet in outcome.facets if facet.values],
        "all_facets": outcome.facets,  # the JSON lists every facet, [] when it has no value
        "active_filters": active_filters,
        "has_filters": bool(active_filters or criteria.q),
        "status": 200 if valid else 400,
        "link_query": query,
        "map_regions": map_regions(query, outcome.facets),
        "scores": outcome.scores,
        "correction": correction_context(query, outcome.correction),
    }


def _wants_json(form, valid, request):
    return form.cleaned_data.get("format") == "json" if valid else request.GET.get("format") == "json"


LISTING_TEMPLATE = "search/includes/listing.html"


def listing(request, base_context, *, types=None, facet_params=None):
    """The listing's context, with its HTML in `listing_html`: rendered, or read from the cache.

    `base_context` holds what the listing template needs besides the search (listing_url, map_noun,
    show_type). On a cached read, the search does not run: the context has the validated form and
    criteria, the page number, the total, the status and the HTML, which is all the page around the
    listing uses.
    """
    site = find_site(request)  # from the cache, before the result cards ask Wagtail for it (their URLs)
    form = SearchForm(request.GET, facet_params=facet_params)
    valid = form.is_valid()
    show_type = base_context.get("show_type", True)
    if _wants_json(form, valid, request):
        return {
            **base_context,
            **listing_context(request, types=types, facet_params=facet_params, form=form, show_type=show_type),
        }
    built = {}

    def build():
        built.update(
            base_context, **listing_context(request, types=types, facet_params=facet_params, form=form, show_type=show_type)
        )
        return {
            "listing_html": render_to_string(LISTING_TEMPLATE, built, request=request),
            "total": built["total"],
            "page_number": built["page_number"],
            "status": built["status"],
        }

    cached = cached_content(
        request,
        "listing",
        build,
        site.pk if site else None,
        request.path,
        types,
        form.facet_params,
        sorted(base_context.items()),
        form.cache_signature(),
        visibility_signature(request),
    )
    if built:  # just rendered: the whole context is at hand
        return {**built, **cached}
    return {**base_context, **cached, **form_context(form, valid, request)}


def form_context(form, valid, request):
    """What the page around the listing reads from the validated form, with or without the search."""
    criteria = form.criteria()
    return {
        "form": form,
        "form_errors": form.error_messages(),
        "criteria": criteria,
        "search_query": criteria.q,
        "wants_json": _wants_json(form, valid, request),
    }


def json_response(request, context):
    """The same search as the HTML page, for scripts and integrations: results and every facet."""
    results = context["results"]
    data = {
        "query": context["criteria"].q,
        "total": context["total"],
        "page": results.number,
        "pages": results.paginator.num_pages,
        "results": [{**card.data, "score": context["scores"].get(card.pk)} for card in results.object_list],
        "suggestions": [{"without": item["label"], "count": item["count"], "url": item["url"]} for item in context["relaxations"]],
        "correction": None,
        "facets": {
            facet.param: [{"value": v.value, "label": v.label, "count": v.count} for v in facet.values]
            for facet in context["all_facets"]
        },
    }
    correction = context.get("correction")
    if correction:
        data["query"] = correction["q"]
        data["correction"] = {"typed": correction["typed"], "q": correction["q"], "exact_url": correction["exact_url"]}
    if context["form_errors"]:
        data["errors"] = context["form_errors"]
    response = JsonResponse(data, status=context["status"], json_dumps_params={"ensure_ascii": False})
    response["X-Robots-Tag"] = "noindex"
    return response


# what the regions map counts, by listing scope
MAP_NOUNS = {"fiche": "fiche", "reseau": "réseau", "selection": "sélection"}


def render_listing(request, index_page, *, scope):
    """Serve an index page (/fiches/…) as a filtered listing of its content type."""
    facet_params = [f.param for f in facets.all_facets() if f.param != "type"]
    context = index_page.get_context(request)
    base = {"listing_url": index_page.get_url(request), "map_noun": MAP_NOUNS.get(scope, "résultat"), "show_type": False}
    context.update(listing(request, base, types=[scope], facet_params=facet_params))
    if context["wants_json"]:
        return json_response(request, context)
    response = TemplateResponse(request, index_page.get_template(request), context, status=context["status"])
    response["X-Robots-Tag"] = "noindex"
    return response


def search(request):
    base = {"listing_url": request.path, "map_noun": "résultat", "show_type": True}
    context = listing(request, base)
    context.update({"active_section": request.path, "breadcrumb_data": {"links": [], "current": _("Recherche")}})
    if context["wants_json"]:
        return json_response(request, context)
    response = render(request, "search/search.html", context, status=context["status"])
    response["X-Robots-Tag"] = "noindex"
    return response


@require_GET
def suggestions(request):
    """The header search field's suggestions, as JSON: {"query": …, "suggestions": [{label, kind, kind_label, url}]}.

    Private (they depend on what this reader may see) but cacheable for a minute: the browser asks for
    the same first letters again and again while a reader types and corrects.
    """
    find_site(request)  # from the cache, before the suggestions' URLs ask Wagtail for it
    form = suggest.SuggestionForm(request.GET)
    if not form.is_valid():
        message = " ".join(str(error) for errors in form.errors.values() for error in errors)
        response = JsonResponse({"error": message}, status=400, json_dumps_params={"ensure_ascii": False})
    else:
        q = form.cleaned_data["q"]
        response = JsonResponse(
            {"query": q, "suggestions": suggest.suggestions(q, request)}, json_dumps_params={"ensure_ascii": False}
        )
        patch_cache_control(response, private=True, max_age=60)
    response["X-Robots-Tag"] = "noindex"
    return response
