"""Listing views: /recherche/ and every index page (/fiches/…) render through render_listing."""

from django.http import QueryDict
from django.shortcuts import render
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from . import facets
from .forms import SearchForm
from .service import SearchService


def _without(query, param, value):
    """The current query string minus one filter value (and the page number, which no longer applies)."""
    query = query.copy()
    values = [v for v in query.getlist(param) if v != value]
    query.setlist(param, values)
    query.pop("page", None)
    return "?" + query.urlencode() if query else "?"


def listing_context(request, *, types=None, facet_params=None):
    """Validate the query string, run the search, and prepare what the listing templates show."""
    form = SearchForm(request.GET, facet_params=facet_params)
    valid = form.is_valid()
    criteria = form.criteria()
    service = SearchService(request, types=types, facet_params=form.facet_params)
    outcome = service.run(criteria)
    active_filters = [
        {"param": facet.param, "facet": facet.label, "label": value.label, "url": _without(request.GET, facet.param, value.value)}
        for facet in outcome.facets
        for value in facet.values
        if value.selected
    ]
    return {
        "form": form,
        "form_errors": form.error_messages(),
        "criteria": criteria,
        "search_query": criteria.q,
        "results": outcome.page,
        "total": outcome.total,
        "facets": [facet for facet in outcome.facets if facet.values],
        "active_filters": active_filters,
        "has_filters": bool(active_filters or criteria.q),
        "status": 200 if valid else 400,
        "query_without_page": _query_without_page(request.GET),
    }


def _query_without_page(query):
    query = query.copy() if isinstance(query, QueryDict) else QueryDict(mutable=True)
    query.pop("page", None)
    return query.urlencode()


def render_listing(request, index_page, *, scope):
    """Serve an index page (/fiches/…) as a filtered listing of its content type."""
    facet_params = [f.param for f in facets.FACETS if f.param != "type"]
    context = index_page.get_context(request)
    context.update(listing_context(request, types=[scope], facet_params=facet_params))
    context["listing_url"] = index_page.get_url(request)
    return TemplateResponse(request, index_page.get_template(request), context, status=context["status"])


def search(request):
    context = listing_context(request)
    context.update(
        {
            "listing_url": request.path,
            "active_section": request.path,
            "breadcrumb_data": {"links": [], "current": _("Recherche")},
        }
    )
    return render(request, "search/search.html", context, status=context["status"])
