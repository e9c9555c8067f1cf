"""What the practices domain does when pages and people change.

- publication: a fiche published without a review date gets one (the pipeline's "prepare" step,
  portal.publication);
- memberships: an animator's rights follow their memberships (practices.animators);
- the content version (portal.cache): replaced when what pages show outside of pages changes.
"""

from django.db.models.signals import post_delete, post_save
from django.utils import timezone

from portal.cache import connect_model
from portal.publication import Kind

from .animators import remove_network_group, sync_network_group, sync_networks_of
from .models import (
    ActorCategory,
    Department,
    JoinRequest,
    Membership,
    NetworkPage,
    Person,
    PracticeSheetPage,
    Region,
    ServiceType,
    Theme,
)
from .models.fiche import review_date_after


def prepare_step(change):
    """Two years after publication, for fiches published without a review date (imports, API…).

    The admin form already fills it in when an editor publishes; this catches every other path.
    """
    page = change.page
    if change.kind is Kind.PUBLISHED and isinstance(page, PracticeSheetPage) and page.review_date is None:
        page.review_date = review_date_after(timezone.localdate())
        PracticeSheetPage.objects.filter(pk=page.pk).update(review_date=page.review_date)


def membership_changed(sender, instance, **kwargs):
    network = NetworkPage.objects.filter(pk=instance.network_id).first()
    if network is not None:
        sync_network_group(network)


def person_changed(sender, instance, created=False, **kwargs):
    if not created:
        sync_networks_of(instance)


def network_deleted(sender, instance, **kwargs):
    remove_network_group(instance)


def connect():
    post_save.connect(membership_changed, sender=Membership, dispatch_uid="practices.membership_saved")
    post_delete.connect(membership_changed, sender=Membership, dispatch_uid="practices.membership_deleted")
    post_save.connect(person_changed, sender=Person, dispatch_uid="practices.person_saved")
    post_delete.connect(network_deleted, sender=NetworkPage, dispatch_uid="practices.network_deleted")
    # Shown on fiches, networks, listings and the home page: their names, the members and their requests.
    for model in (Theme, Region, Department, ServiceType, ActorCategory, Person, Membership, JoinRequest):
        connect_model(model, f"practices.{model._meta.model_name}")
