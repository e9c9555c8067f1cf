"""The admin views of the networks area check access before anything else, and answer a 403 page otherwise.

A view about a network (or about one of its memberships) loads the network from the URL and asks
practices.animators whether the user manages it, before any of the network's data is read: the
animator of network A typing network B's id into the URL gets a refusal and none of B's data.
"""

from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import View
from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from practices.animators import can_manage_network
from practices.models import Membership, NetworkPage

from .permissions import forbidden


class MembersAdminView(WagtailAdminTemplateMixin, View):
    header_icon = "group"
    index_title = gettext_lazy("Membres des réseaux")

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("membres:index"), "label": self.index_title},
        ]

    def dispatch(self, request, *args, **kwargs):
        refusal = self.check_access(request, *args, **kwargs)
        if refusal is not None:
            return refusal
        return super().dispatch(request, *args, **kwargs)

    def check_access(self, request, *args, **kwargs):
        return None

    def get_header_title(self):
        """The browser tab's title, with French punctuation (Wagtail writes "titre: sous-titre")."""
        title, subtitle = self.get_page_title(), self.get_page_subtitle()
        return f"{title} : {subtitle}" if subtitle else title


class NetworkScopedView(MembersAdminView):
    """A view about one network, reached only by those who manage it."""

    def check_access(self, request, *args, **kwargs):
        self.network = self.get_network(**kwargs)
        if not can_manage_network(request.user, self.network):
            return forbidden(request)
        return None

    def get_network(self, network_id, **kwargs):
        return get_object_or_404(NetworkPage, pk=network_id)

    def members_url(self):
        return reverse("membres:members", args=(self.network.pk,))

    def get_breadcrumbs_items(self):
        items = [*super().get_breadcrumbs_items(), {"url": self.members_url(), "label": self.network.title}]
        if self.request.path != self.members_url():
            items.append({"url": "", "label": self.get_page_title()})
        return items


class MembershipScopedView(NetworkScopedView):
    """A view about one membership, through its network."""

    def get_network(self, pk, **kwargs):
        self.membership = get_object_or_404(Membership.objects.select_related("person", "network"), pk=pk)
        return self.membership.network

    def get_page_subtitle(self):
        return str(self.membership.person)


class MembershipFormView(NetworkScopedView):
    """GET shows the form, POST validates it; a valid form is saved and the animator goes back to the list."""

    template_name = "practices/admin/membership_form.html"
    submit_button_label = ""

    def get_form(self, data=None):
        raise NotImplementedError

    def form_saved(self, result):
        raise NotImplementedError

    def action_url(self):
        return self.request.path

    def render_form(self, form, status=200):
        context = self.get_context_data(
            form=form,
            action_url=self.action_url(),
            submit_button_label=self.submit_button_label,
            submit_button_active_label=self.submit_button_label,
            media=form.media,
            network=self.network,
            membership=getattr(self, "membership", None),
        )
        return self.render_to_response(context, status=status)

    def get(self, request, **kwargs):
        return self.render_form(self.get_form())

    def post(self, request, **kwargs):
        form = self.get_form(request.POST)
        if form.is_valid():
            result = form.save()
            if result is not None:
                return self.form_saved(result)
        messages.validation_error(request, _("L'enregistrement a échoué : corrigez les erreurs ci-dessous."), form)
        return self.render_form(form, status=400)
