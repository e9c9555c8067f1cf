"""What the practices app shows on the home page."""

from django.utils.translation import gettext_lazy as _

from home import sections


@sections.register
def latest_fiches(request, home_page):
    from search.service import hidden_page_ids

    from .models import PracticeIndexPage, PracticeSheetPage

    fiches = PracticeSheetPage.search_result_queryset(PracticeSheetPage.objects.live()).order_by("-first_published_at", "-pk")
    hidden = hidden_page_ids(request)
    if hidden is not None:
        fiches = fiches.exclude(pk__in=hidden)
    fiches = list(fiches[:4])
    if not fiches:
        return None
    index = PracticeIndexPage.objects.live().first()
    return {
        "template": "practices/includes/home_latest_fiches.html",
        "title": _("Dernières fiches publiées"),
        "items": fiches,
        "more_url": index.url if index else None,
        "more_label": _("Toutes les fiches"),
    }
