"""Fiches at publication (a default review date), animators' rights following the memberships, and the
content version (home.cache) replaced when what the pages show outside of pages changes."""

from django.db.models.signals import post_delete, post_save
from django.utils import timezone
from wagtail.signals import page_published

from .models import Membership, NetworkPage, Person, PracticeSheetPage
from .models.fiche import review_date_after


def default_review_date(sender, instance, revision=None, **kwargs):
    """Two years after publication, for fiches published without a review date (imports, API…).

    The admin form already fills it in when an editor publishes; this catches every other path.
    """
    if instance.review_date is None:
        instance.review_date = review_date_after(timezone.localdate())
        PracticeSheetPage.objects.filter(pk=instance.pk).update(review_date=instance.review_date)


def membership_changed(sender, instance, **kwargs):
    from .animators import sync_network_group

    network = NetworkPage.objects.filter(pk=instance.network_id).first()
    if network is not None:
        sync_network_group(network)


def person_changed(sender, instance, created=False, **kwargs):
    from .animators import sync_networks_of

    if not created:
        sync_networks_of(instance)


def network_deleted(sender, instance, **kwargs):
    from .animators import remove_network_group

    remove_network_group(instance)


def connect():
    from home.cache import connect_model

    from .models import ActorCategory, Department, JoinRequest, Region, ServiceType, Theme

    page_published.connect(default_review_date, sender=PracticeSheetPage, dispatch_uid="practices.review_date")
    post_save.connect(membership_changed, sender=Membership, dispatch_uid="practices.membership_saved")
    post_delete.connect(membership_changed, sender=Membership, dispatch_uid="practices.membership_deleted")
    post_save.connect(person_changed, sender=Person, dispatch_uid="practices.person_saved")
    post_delete.connect(network_deleted, sender=NetworkPage, dispatch_uid="practices.network_deleted")
    # Shown on fiches, networks, listings and the home page: their names, the members and their requests.
    for model in (Theme, Region, Department, ServiceType, ActorCategory, Person, Membership, JoinRequest):
        connect_model(model, f"practices.{model._meta.model_name}")
