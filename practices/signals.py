"""Fiches at publication: a review date when the editor set none."""

from django.utils import timezone
from wagtail.signals import page_published

from .models import PracticeSheetPage
from .models.fiche import review_date_after


def default_review_date(sender, instance, revision=None, **kwargs):
    """Two years after publication, for fiches published without a review date (imports, API…).

    The admin form already fills it in when an editor publishes; this catches every other path.
    """
    if instance.review_date is None:
        instance.review_date = review_date_after(timezone.localdate())
        PracticeSheetPage.objects.filter(pk=instance.pk).update(review_date=instance.review_date)


def connect():
    page_published.connect(default_review_date, sender=PracticeSheetPage, dispatch_uid="practices.review_date")
