"""People in the admin: a snippet animators may view, add and change, and nobody deletes while it has a history.

A person's memberships (and a chantier's référents) point to it with PROTECT, so that deleting someone
cannot erase a network's history. Wagtail's reference index does not know these plain models, so its
delete view would let the deletion through to the database and answer a 500: the policy and the view
below ask Django's deletion collector first and explain in French instead.
"""

from django.contrib import messages
from django.db import router
from django.db.models.deletion import Collector, ProtectedError, RestrictedError
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.admin.ui.tables import Column
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.snippets.views.chooser import ChooseResultsView, ChooseView, SnippetChooserViewSet
from wagtail.snippets.views.snippets import DeleteView, IndexView, SnippetViewSet

from portal.admin_language import GenderedAddLabel
from practices.animators import MANAGE_ALL
from practices.models import Person


def protecting_objects(person):
    """What keeps `person` from being deleted (memberships, référent roles…); empty if nothing does."""
    collector = Collector(using=router.db_for_write(Person))
    try:
        collector.collect([person])
    except ProtectedError as error:
        return list(error.protected_objects)
    except RestrictedError as error:
        return list(error.restricted_objects)
    return []


def protection_message(person):
    memberships = person.memberships.count()
    if memberships:
        return ngettext(
            "%(person)s ne peut pas être supprimé·e : cette personne a %(count)s adhésion dans l'historique des "
            "réseaux. Enregistrez plutôt son départ du réseau qu'elle a quitté.",
            "%(person)s ne peut pas être supprimé·e : cette personne a %(count)s adhésions dans l'historique des "
            "réseaux. Enregistrez plutôt son départ des réseaux qu'elle a quittés.",
            memberships,
        ) % {"person": person, "count": memberships}
    return _("%(person)s ne peut pas être supprimé·e : d'autres contenus y font référence (référent·e d'un chantier…).") % {
        "person": person
    }


class PersonPermissionPolicy(ModelPermissionPolicy):
    """The model permissions of the roles, except that a person with a history is never deletable."""

    def user_has_permission_for_instance(self, user, action, instance):
        if action == "delete" and instance.pk and protecting_objects(instance):
            return False
        return super().user_has_permission_for_instance(user, action, instance)

    def user_has_any_permission_for_instance(self, user, actions, instance):
        return any(self.user_has_permission_for_instance(user, action, instance) for action in actions)


class PersonDeleteView(DeleteView):
    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if protecting_objects(self.object):
            context["is_protected"] = True
            context["protection_message"] = protection_message(self.object)
        return context

    def form_valid(self, form):
        if protecting_objects(self.object):
            return self.refuse()
        try:
            return super().form_valid(form)
        except (ProtectedError, RestrictedError):
            # A membership added between the confirmation page and the click.
            return self.refuse()

    def refuse(self):
        messages.error(self.request, protection_message(self.object))
        return redirect(self.model.snippet_viewset.get_url_name("edit"), self.object.pk)


class PersonChooserColumns:
    """Two "Yann Kerjean" in the chooser: their structure and address tell them apart."""

    page_subtitle = gettext_lazy("une personne")

    @property
    def columns(self):
        title, *others = super().columns
        title.label = gettext_lazy("Nom")
        return [
            title,
            *others,
            Column("structure", label=gettext_lazy("Structure")),
            Column("email", label=gettext_lazy("Adresse électronique")),
        ]


class PersonChooseView(PersonChooserColumns, ChooseView):
    pass


class PersonChooseResultsView(PersonChooserColumns, ChooseResultsView):
    pass


class PersonChooserViewSet(SnippetChooserViewSet):
    choose_view_class = PersonChooseView
    choose_results_view_class = PersonChooseResultsView


class PersonIndexView(GenderedAddLabel, IndexView):
    """« Ajouter une personne » (portal.admin_language)."""


class PersonViewSet(SnippetViewSet):
    model = Person
    index_view_class = PersonIndexView
    icon = "user"
    menu_label = gettext_lazy("Personnes")
    menu_name = "personnes"
    list_display = ["__str__", "structure", "service_type", "email"]
    list_filter = ["service_type"]
    list_per_page = 50
    ordering = ["last_name", "first_name"]
    delete_view_class = PersonDeleteView
    chooser_viewset_class = PersonChooserViewSet
    copy_view_enabled = False  # a copy would carry the same address, which must stay unique
    delete_template_name = "practices/admin/person_confirm_delete.html"
    # The account link gives the rights of the person's roles (an animator's, for instance): only those
    # who manage every network may set it, never an animator editing someone else's record.
    panels = [
        FieldRowPanel([FieldPanel("first_name"), FieldPanel("last_name")]),
        FieldRowPanel([FieldPanel("email"), FieldPanel("job_title")]),
        FieldPanel("structure"),
        FieldRowPanel([FieldPanel("service_type"), FieldPanel("department")]),
        FieldPanel("user", permission=MANAGE_ALL),
    ]

    def get_queryset(self, request):
        return Person.objects.select_related("service_type")


__all__ = ["PersonPermissionPolicy", "PersonViewSet", "protecting_objects"]
