from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    """The core every other app stands on: the base page, access, caching, roles, the publication pipeline."""

    name = "portal"
    verbose_name = _("Portail")

    def ready(self):
        from . import access, cache, document_text, publication, roles

        # Permissions exist only after every app has migrated, so roles are completed then.
        post_migrate.connect(roles.sync_roles_after_migrate, dispatch_uid="portal.sync_roles")
        cache.connect()
        access.connect()
        document_text.connect()
        publication.connect()
        publication.register("cache", cache.bump_after_publication)
