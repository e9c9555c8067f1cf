"""The admin's French names for the home app's page types (portal.admin_language)."""

from django.utils.translation import gettext_lazy as _

from portal import admin_language

from .models import ContentPage, HomePage

admin_language.register(HomePage, _("page d'accueil"), feminine=True)
admin_language.register(ContentPage, _("page de contenu"), feminine=True)
