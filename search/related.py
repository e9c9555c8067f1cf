"""« Fiches proches »: up to four live fiches close to a given one.

Closeness is counted on the facet table, so it costs the same few queries whatever the number of
fiches: a shared theme weighs 3, a shared tag 2, the same region 1, the same type of structure 1.
Fiches an editor pinned by hand come first, in their order.
"""

from django.db.models import Case, IntegerField, Q, Sum, Value, When

from .models import PageFacet
from .service import hidden_page_ids

WEIGHTS = {"theme": 3, "tag": 2, "region": 1, "service": 1}


def related_fiches(fiche, request=None, limit=4):
    from practices.models import PracticeSheetPage

    hidden = hidden_page_ids(request) if request is not None else None
    pinned_ids = [
        pk
        for pk in fiche.pinned_related.filter(related__live=True).values_list("related_id", flat=True)
        if pk != fiche.pk
    ][:limit]

    ranked_ids = []
    if len(pinned_ids) < limit:
        own = list(PageFacet.objects.filter(page_id=fiche.pk, facet__in=WEIGHTS).values_list("facet", "value"))
        if own:
            shares = Q()
            for facet, value in own:
                shares |= Q(facet=facet, value=value)
            scores = (
                PageFacet.objects.filter(shares)
                .filter(page_id__in=PageFacet.objects.filter(facet="type", value=PracticeSheetPage.search_type).values("page_id"))
                .exclude(page_id__in=[fiche.pk, *pinned_ids])
            )
            if hidden is not None:
                scores = scores.exclude(page_id__in=hidden)
            weight = Case(
                *[When(facet=facet, then=Value(w)) for facet, w in WEIGHTS.items()],
                default=Value(0),
                output_field=IntegerField(),
            )
            ranked_ids = list(
                scores.values("page_id")
                .annotate(score=Sum(weight))
                .order_by("-score", "-page_id")
                .values_list("page_id", flat=True)[: limit - len(pinned_ids)]
            )

    ids = pinned_ids + ranked_ids
    if not ids:
        return []
    pages = PracticeSheetPage.search_result_queryset(PracticeSheetPage.objects.live().filter(pk__in=ids))
    if hidden is not None:
        pages = pages.exclude(pk__in=hidden)
    by_id = {page.pk: page for page in pages}
    return [by_id[pk] for pk in ids if pk in by_id]
