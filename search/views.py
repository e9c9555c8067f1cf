from django.core.paginator import EmptyPage, Paginator
from django.shortcuts import render
from wagtail.models import Page

from .forms import SearchForm

PER_PAGE = 20


def search(request):
    form = SearchForm(request.GET)
    status = 200
    results = None
    query = ""
    if form.is_valid():
        query = form.cleaned_data["q"]
        if query:
            pages = Page.objects.live().public().specific().search(query)
            paginator = Paginator(pages, PER_PAGE)
            try:
                results = paginator.page(form.cleaned_data["page"] or 1)
            except EmptyPage:
                results = paginator.page(paginator.num_pages)
    else:
        status = 400
    return render(
        request,
        "search/search.html",
        {"form": form, "search_query": query, "results": results, "active_section": "/recherche/",
         "breadcrumb_data": {"links": [], "current": "Recherche"}},
        status=status,
    )
