"""« Guide de l'éditeur »: the portal's own guide, a page of the admin, in place of Wagtail's.

Wagtail's help menu links to its English-first guide on guide.wagtail.org, which a closed network
cannot even reach, and which knows nothing of fiches, moderation or livrables. The guide here is
written for the portal's editors; the list of what a fiche needs before publication is read from
practices.models.completeness, so that the guide cannot drift from the rule the form applies.
"""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from .models import completeness

GUIDE_URL_NAME = "guide_editeur"
# Wagtail's help items that point outside the portal (wagtail.admin.wagtail_hooks).
WAGTAIL_HELP_ITEMS = ("editor-guide", "whats-new-in-wagtail-")


class EditorGuideView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "practices/admin/editor_guide.html"
    page_title = _("Guide de l'éditeur")
    header_icon = "help"

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["required_parts"] = [label for _name, label in completeness.REQUIRED_PARTS]
        context["fiches_url"] = reverse("fiches:index")
        return context


@hooks.register("register_admin_urls")
def register_guide_url():
    return [path("guide/", EditorGuideView.as_view(), name=GUIDE_URL_NAME)]


@hooks.register("register_help_menu_item")
def register_guide_menu_item():
    # Menu items are built at the first render, once the URLs are loaded.
    return MenuItem(_("Guide de l'éditeur"), reverse(GUIDE_URL_NAME), icon_name="help", order=100, name="guide-editeur")


@hooks.register("construct_help_menu")
def remove_wagtail_guides(request, menu_items):
    menu_items[:] = [item for item in menu_items if not item.name.startswith(WAGTAIL_HELP_ITEMS)]
