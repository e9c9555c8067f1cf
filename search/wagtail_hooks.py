"""The search's page in the admin: the synonyms and acronyms administrators edit (Paramètres)."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Synonym


class SynonymViewSet(SnippetViewSet):
    model = Synonym
    icon = "search"
    menu_label = _("Synonymes de recherche")
    menu_name = "synonymes-recherche"
    add_to_settings_menu = True
    url_prefix = "synonymes-recherche"
    list_display = ["__str__", "note", "updated_at"]
    search_fields = ["expressions", "note"]
    ordering = ["expressions"]
    panels = [FieldPanel("expressions"), FieldPanel("note")]


register_snippet(SynonymViewSet)
