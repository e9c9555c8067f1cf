"""The members of a network, in the admin: who is in it now, who was, and the forms that change that.

Memberships are closed, never deleted; only administrators may remove one created by mistake.
Access is checked by the base views (practices.admin_networks.base) before anything is read.
"""

from django.db.models import Count, Q
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin import messages
from wagtail.admin.ui.tables import ButtonsColumnMixin, Column, Table, TitleColumn
from wagtail.admin.widgets.button import Button, HeaderButton, ListingButton

from practices.animators import animated_networks, can_manage_network, manages_all_networks
from practices.models import JoinRequestStatus, Membership

from .base import MembersAdminView, MembershipFormView, MembershipScopedView, NetworkScopedView
from .export import members_csv_response
from .forms import AddMemberForm, DepartureForm, MembershipForm
from .permissions import forbidden, membership_policy


def current_members(network):
    return (
        Membership.objects.filter(network=network).not_left()
        .select_related("person__service_type", "person__department")
        .order_by("person__last_name", "person__first_name", "pk")
    )


def former_members(network):
    return (
        Membership.objects.filter(network=network, left_on__lte=timezone.localdate())
        .select_related("person__service_type")
        .order_by("-left_on", "person__last_name", "pk")
    )


class FrenchDateColumn(Column):
    def get_value(self, instance):
        value = super().get_value(instance)
        if not value:
            return ""
        if value > timezone.localdate():
            return _("%(date)s (à venir)") % {"date": value.strftime("%d/%m/%Y")}
        return value.strftime("%d/%m/%Y")


class MemberColumn(ButtonsColumnMixin, TitleColumn):
    """The person's name, linked to their record when the user may edit it, with the period's actions."""

    def __init__(self, *args, get_buttons, **kwargs):
        super().__init__(*args, **kwargs)
        self._get_buttons = get_buttons

    def get_buttons(self, instance, parent_context):
        return self._get_buttons(instance)


class NetworkIndexView(MembersAdminView):
    template_name = "practices/admin/network_index.html"
    page_title = gettext_lazy("Membres des réseaux")

    def check_access(self, request, *args, **kwargs):
        if not (manages_all_networks(request.user) or animated_networks(request.user).exists()):
            return forbidden(request, _("Vous n'animez aucun réseau : cette page est réservée à leurs animateurs."))
        return None

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.index_title}]

    def get(self, request):
        today = timezone.localdate()
        networks = (
            animated_networks(request.user)
            .annotate(
                member_count=Count(
                    "memberships",
                    filter=Q(memberships__in=Membership.objects.not_left(today)),
                    distinct=True,
                ),
                pending_count=Count(
                    "join_requests", filter=Q(join_requests__status=JoinRequestStatus.PENDING), distinct=True
                ),
            )
            .order_by("title")
        )
        table = Table(
            [
                TitleColumn(
                    "title", label=_("Réseau"), get_url=lambda network: reverse("membres:members", args=(network.pk,))
                ),
                Column("member_count", label=_("Membres actuels"), width="16%"),
                Column("pending_count", label=_("Demandes en attente"), width="18%"),
            ],
            list(networks),
        )
        return self.render_to_response(self.get_context_data(table=table))


class MemberListView(NetworkScopedView):
    template_name = "practices/admin/member_list.html"
    page_title = gettext_lazy("Membres")

    def get_page_subtitle(self):
        return self.network.title

    @cached_property
    def pending_count(self):
        return self.network.join_requests.filter(status=JoinRequestStatus.PENDING).count()

    def get_header_buttons(self):
        self.header_buttons = self.main_buttons()
        return super().get_header_buttons()

    def main_buttons(self):
        buttons = [
            HeaderButton(_("Ajouter un membre"), reverse("membres:add", args=(self.network.pk,)), icon_name="plus", priority=10),
            HeaderButton(_("Exporter la liste (CSV)"), reverse("membres:export", args=(self.network.pk,)), icon_name="download", priority=20),
        ]
        if self.pending_count:
            label = _("Demandes en attente (%(count)s)") % {"count": self.pending_count}
            url = reverse("demandes-adhesion:index") + f"?reseau={self.network.pk}"
            buttons.append(HeaderButton(label, url, icon_name="mail", priority=30))
        return buttons

    def get_header_more_buttons(self):
        if not self.network.live:
            return []
        return [Button(_("Voir la page du réseau"), self.network.url, icon_name="link-external", priority=40)]

    def person_url(self, membership):
        if self.request.user.has_perm("practices.change_person"):
            return reverse("wagtailsnippets_practices_person:edit", args=(membership.person_id,))
        return None

    def current_buttons(self, membership):
        return [
            ListingButton(_("Enregistrer un départ"), reverse("membres:departure", args=(membership.pk,)), priority=10),
            ListingButton(_("Modifier"), reverse("membres:edit", args=(membership.pk,)), priority=20),
        ]

    def former_buttons(self, membership):
        buttons = [ListingButton(_("Corriger"), reverse("membres:edit", args=(membership.pk,)), priority=20)]
        if membership_policy.user_has_permission_for_instance(self.request.user, "delete", membership):
            buttons.append(ListingButton(_("Supprimer"), reverse("membres:delete", args=(membership.pk,)), priority=30))
        return buttons

    def name_column(self, get_buttons):
        return MemberColumn(
            "person", label=_("Nom"), accessor="person.full_name", get_url=self.person_url, get_buttons=get_buttons
        )

    def get(self, request, network_id):
        current = list(current_members(self.network))
        former = list(former_members(self.network))
        current_table = Table(
            [
                self.name_column(self.current_buttons),
                Column("role", label=_("Rôle"), accessor="get_role_display"),
                Column("structure", label=_("Structure"), accessor="person.structure"),
                Column("service_type", label=_("Type de structure"), accessor="person.service_type"),
                FrenchDateColumn("joined_on", label=_("Arrivée le"), width="12%"),
                *([FrenchDateColumn("left_on", label=_("Départ prévu le"), width="12%")] if any(m.left_on for m in current) else []),
            ],
            current,
            caption=_("Membres actuels"),
        )
        former_table = Table(
            [
                self.name_column(self.former_buttons),
                Column("role", label=_("Rôle"), accessor="get_role_display"),
                Column("structure", label=_("Structure"), accessor="person.structure"),
                FrenchDateColumn("joined_on", label=_("Arrivée le"), width="12%"),
                FrenchDateColumn("left_on", label=_("Départ le"), width="12%"),
                Column("note", label=_("Note")),
            ],
            former,
            caption=_("Anciens membres"),
        )
        return self.render_to_response(
            self.get_context_data(
                network=self.network,
                current_table=current_table,
                former_table=former_table,
                current_count=len(current),
                former_count=len(former),
            )
        )


class AddMemberView(MembershipFormView):
    template_name = "practices/admin/add_member.html"
    page_title = gettext_lazy("Ajouter un membre")
    submit_button_label = gettext_lazy("Ajouter au réseau")

    def get_page_subtitle(self):
        return self.network.title

    def get_form(self, data=None):
        return AddMemberForm(data, network=self.network)

    def form_saved(self, membership):
        messages.success(
            self.request,
            _("%(person)s a rejoint le réseau « %(network)s » le %(date)s.")
            % {"person": membership.person, "network": self.network.title, "date": membership.joined_on.strftime("%d/%m/%Y")},
        )
        return redirect(self.members_url())


class DepartureView(MembershipScopedView, MembershipFormView):
    page_title = gettext_lazy("Enregistrer un départ")
    submit_button_label = gettext_lazy("Enregistrer le départ")

    def get(self, request, **kwargs):
        if self.membership.left_on is not None:
            return self.already_left()
        return super().get(request, **kwargs)

    def post(self, request, **kwargs):
        if self.membership.left_on is not None:
            return self.already_left()
        return super().post(request, **kwargs)

    def already_left(self):
        messages.error(
            self.request,
            _("Le départ de %(person)s est déjà enregistré (le %(date)s).")
            % {"person": self.membership.person, "date": self.membership.left_on.strftime("%d/%m/%Y")},
        )
        return redirect(self.members_url())

    def get_form(self, data=None):
        return DepartureForm(data, membership=self.membership)

    def form_saved(self, membership):
        messages.success(
            self.request,
            _("Départ de %(person)s enregistré au %(date)s : l'adhésion reste dans l'historique du réseau.")
            % {"person": membership.person, "date": membership.left_on.strftime("%d/%m/%Y")},
        )
        # An animator who records their own departure no longer manages the network.
        if not can_manage_network(self.request.user, self.network):
            return redirect("wagtailadmin_home")
        return redirect(self.members_url())


class EditMembershipView(MembershipScopedView, MembershipFormView):
    page_title = gettext_lazy("Modifier l'adhésion")
    submit_button_label = gettext_lazy("Enregistrer")

    def get_form(self, data=None):
        form = MembershipForm(data, instance=self.membership)
        if self.membership.left_on is None:
            # Leaving goes through "Enregistrer un départ"; here one corrects a period.
            del form.fields["left_on"]
        else:
            # A departure is history: its date may be corrected, never erased. Coming back is a new period.
            left_on = form.fields["left_on"]
            left_on.required = True
            left_on.error_messages["required"] = _(
                "Une date de départ enregistrée se corrige mais ne s'efface pas : si la personne revient, "
                "ajoutez une nouvelle adhésion."
            )
        return form

    def form_saved(self, membership):
        messages.success(self.request, _("Adhésion de %(person)s modifiée.") % {"person": membership.person})
        if not can_manage_network(self.request.user, self.network):
            return redirect("wagtailadmin_home")
        return redirect(self.members_url())


class DeleteMembershipView(MembershipScopedView):
    """For administrators only: remove a membership entered by mistake (it never was part of the history)."""

    template_name = "practices/admin/membership_confirm_delete.html"
    page_title = gettext_lazy("Supprimer l'adhésion")

    def check_access(self, request, *args, **kwargs):
        refusal = super().check_access(request, *args, **kwargs)
        if refusal is None and not membership_policy.user_has_permission_for_instance(request.user, "delete", self.membership):
            return forbidden(
                request,
                _("Une adhésion ne se supprime pas : enregistrez un départ. Seuls les administrateurs peuvent retirer une adhésion saisie par erreur."),
            )
        return refusal

    def get(self, request, pk):
        return self.render_to_response(self.get_context_data(membership=self.membership, network=self.network))

    def post(self, request, pk):
        person = self.membership.person
        self.membership.delete()
        messages.success(request, _("Adhésion de %(person)s supprimée.") % {"person": person})
        return redirect(self.members_url())


class ExportView(NetworkScopedView):
    def get(self, request, network_id):
        return members_csv_response(self.network, current_members(self.network))


__all__ = [
    "AddMemberView",
    "DeleteMembershipView",
    "DepartureView",
    "EditMembershipView",
    "ExportView",
    "MemberListView",
    "NetworkIndexView",
    "current_members",
    "former_members",
]
