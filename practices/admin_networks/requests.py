"""Join requests in the admin: the pending ones of the networks one animates, and the decision.

The list is scoped like everything else here (an animator sees the requests of their networks,
administrators all); deciding checks the request's own network again, and a request decided already
(by a colleague, in another tab) is reported in French rather than decided twice.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin import messages
from wagtail.admin.ui.tables import ButtonsColumnMixin, Column, Table, TitleColumn
from wagtail.admin.widgets.button import ListingButton

from practices import join_requests
from practices.animators import animated_networks, can_manage_network, manages_all_networks
from practices.models import JoinRequest, JoinRequestStatus

from .base import MembersAdminView
from .forms import DecisionForm
from .permissions import forbidden

RECENT_DECISIONS = 20


def pending_requests_for(user):
    return JoinRequest.objects.filter(status=JoinRequestStatus.PENDING, network__in=animated_networks(user))


class NetworkFilterForm(forms.Form):
    """?reseau=<id>: any value that is not one of the user's networks is a form error, not a 500."""

    reseau = forms.ModelChoiceField(label=gettext_lazy("Réseau"), queryset=None, required=False, empty_label=gettext_lazy("Tous mes réseaux"))

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reseau"].queryset = animated_networks(user).order_by("title")


def requester_label(join_request):
    user = join_request.user
    name = user.get_full_name() or user.get_username()
    return f"{name} <{user.email}>" if user.email else name


class RequesterColumn(ButtonsColumnMixin, TitleColumn):
    def __init__(self, *args, get_buttons=None, **kwargs):
        super().__init__(*args, **kwargs)
        self._get_buttons = get_buttons

    def get_buttons(self, instance, parent_context):
        return self._get_buttons(instance) if self._get_buttons else []


def french_datetime(value):
    return timezone.localtime(value).strftime("%d/%m/%Y à %H:%M") if value else ""


class JoinRequestIndexView(MembersAdminView):
    template_name = "practices/admin/join_request_index.html"
    page_title = gettext_lazy("Demandes d'adhésion")
    header_icon = "mail"

    def check_access(self, request, *args, **kwargs):
        if not (manages_all_networks(request.user) or animated_networks(request.user).exists()):
            return forbidden(request, _("Vous n'animez aucun réseau : cette page est réservée à leurs animateurs."))
        return None

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def decision_buttons(self, join_request):
        return [
            ListingButton(_("Accepter"), reverse("demandes-adhesion:accept", args=(join_request.pk,)), priority=10),
            ListingButton(_("Refuser"), reverse("demandes-adhesion:refuse", args=(join_request.pk,)), priority=20),
        ]

    def get(self, request):
        form = NetworkFilterForm(request.GET or None, user=request.user)
        requests = JoinRequest.objects.filter(network__in=animated_networks(request.user))
        network = None
        if form.is_bound and form.is_valid():
            network = form.cleaned_data["reseau"]
        if network is not None:
            requests = requests.filter(network=network)
        requests = requests.select_related("user", "network", "decided_by")
        pending = list(requests.filter(status=JoinRequestStatus.PENDING).order_by("created_at"))
        decided = list(requests.exclude(status=JoinRequestStatus.PENDING).order_by("-decided_at")[:RECENT_DECISIONS])
        pending_table = Table(
            [
                RequesterColumn("user", label=_("Demandeur"), accessor=requester_label, get_buttons=self.decision_buttons),
                Column("network", label=_("Réseau"), accessor="network.title"),
                Column("created_at", label=_("Demandée le"), accessor=lambda r: french_datetime(r.created_at), width="16%"),
                Column("message", label=_("Message"), accessor=lambda r: Truncator(r.message).chars(300)),
            ],
            pending,
            caption=_("En attente"),
        )
        decided_table = Table(
            [
                Column("user", label=_("Demandeur"), accessor=requester_label),
                Column("network", label=_("Réseau"), accessor="network.title"),
                Column("status", label=_("Décision"), accessor="get_status_display"),
                Column("decided_at", label=_("Traitée le"), accessor=lambda r: french_datetime(r.decided_at)),
                Column("decided_by", label=_("Par"), accessor=lambda r: r.decided_by.get_full_name() if r.decided_by else ""),
            ],
            decided,
            caption=_("Traitées récemment"),
        )
        context = self.get_context_data(
            filter_form=form, network=network, pending_table=pending_table, decided_table=decided_table, pending_count=len(pending)
        )
        return self.render_to_response(context, status=400 if form.is_bound and not form.is_valid() else 200)


class DecisionView(MembersAdminView):
    """Accept or refuse one request, with an optional message to the requester."""

    template_name = "practices/admin/join_request_decision.html"
    header_icon = "mail"
    decision = None  # "accept" or "refuse"

    def check_access(self, request, *args, **kwargs):
        self.join_request = get_object_or_404(JoinRequest.objects.select_related("user", "network", "decided_by"), pk=kwargs["pk"])
        if not can_manage_network(request.user, self.join_request.network):
            return forbidden(request, _("Cette demande concerne un réseau que vous n'animez pas."))
        return None

    def get_page_title(self):
        return _("Accepter la demande") if self.decision == "accept" else _("Refuser la demande")

    def get_page_subtitle(self):
        return requester_label(self.join_request)

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("demandes-adhesion:index"), "label": _("Demandes d'adhésion")},
            {"url": "", "label": self.get_page_title()},
        ]

    def render(self, form, status=200, already=None):
        context = self.get_context_data(
            join_request=self.join_request,
            network=self.join_request.network,
            form=form,
            decision=self.decision,
            already=already,
            requester=requester_label(self.join_request),
            created_at=french_datetime(self.join_request.created_at),
            submit_button_label=_("Accepter et prévenir le demandeur") if self.decision == "accept" else _("Refuser et prévenir le demandeur"),
        )
        return self.render_to_response(context, status=status)

    def already_decided_message(self):
        join_request = self.join_request
        join_request.refresh_from_db()
        return _("Cette demande a déjà été traitée : %(status)s le %(date)s%(by)s.") % {
            "status": join_request.get_status_display(),
            "date": french_datetime(join_request.decided_at),
            "by": (_(" par %(name)s") % {"name": join_request.decided_by.get_full_name() or join_request.decided_by.get_username()})
            if join_request.decided_by
            else "",
        }

    def get(self, request, pk):
        if not self.join_request.is_pending:
            return self.render(None, already=self.already_decided_message())
        return self.render(DecisionForm())

    def post(self, request, pk):
        if not self.join_request.is_pending:
            return self.render(None, status=409, already=self.already_decided_message())
        form = DecisionForm(request.POST)
        if not form.is_valid():
            return self.render(form, status=400)
        response = form.cleaned_data["response"]
        try:
            if self.decision == "accept":
                membership, sent = join_requests.accept(self.join_request, request.user, response, request=request)
                text = _("%(person)s est désormais membre du réseau « %(network)s ».") % {
                    "person": membership.person,
                    "network": self.join_request.network.title,
                }
            else:
                sent = join_requests.refuse(self.join_request, request.user, response, request=request)
                text = _("La demande de %(requester)s a été refusée.") % {"requester": requester_label(self.join_request)}
        except join_requests.AlreadyDecided:
            return self.render(None, status=409, already=self.already_decided_message())
        except ValidationError as error:
            messages.error(request, _("La demande n'a pas pu être acceptée : %(error)s") % {"error": " ".join(error.messages)})
            return self.render(form, status=400)
        messages.success(request, text)
        if not sent:
            messages.warning(request, _("Le demandeur n'a pas pu être prévenu par courriel (adresse absente ou serveur indisponible)."))
        return redirect(reverse("demandes-adhesion:index") + f"?reseau={self.join_request.network_id}")


class AcceptView(DecisionView):
    decision = "accept"


class RefuseView(DecisionView):
    decision = "refuse"


__all__ = ["AcceptView", "JoinRequestIndexView", "RefuseView", "pending_requests_for"]
