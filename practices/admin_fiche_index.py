"""/admin/fiches/: each role sees the fiches it may work on, or is told why the list is empty.

Wagtail lists the pages a user has a permission on. An animator has none on the fiches (they animate
networks), so the listing was an empty table with an « Ajouter » button that led nowhere. Whoever may
neither write nor publish fiches sees the fiches they may read on the portal, read-only (to pick them for
a sélection, for instance), with a sentence saying so and whom to ask for more; the add button shows only
to those who may add a fiche.
"""

from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.views.pages.listing import IndexView

from portal import admin_language

from .admin_dashboard import publishes_fiches, writes_fiches
from .models import PracticeSheetPage


class FicheIndexView(admin_language.GenderedAddLabel, IndexView):
    results_template_name = "practices/admin/fiche_index_results.html"
    page_title = _("Fiches")

    def get_page_title(self):
        # « Fiches retour d'expérience » did not fit beside the add button and the search field.
        return self.page_title

    @cached_property
    def may_add(self):
        return writes_fiches(self.request.user)

    @cached_property
    def read_only(self):
        return not (self.may_add or publishes_fiches(self.request.user))

    def get_base_queryset(self):
        if not self.read_only:
            return super().get_base_queryset()
        return self.annotate_queryset(PracticeSheetPage.objects.live().visible_to(self.request))

    def get_add_url(self):
        return super().get_add_url() if self.may_add else None

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["read_only"] = self.read_only
        context["may_add"] = self.may_add
        return context
