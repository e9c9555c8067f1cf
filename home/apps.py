from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HomeConfig(AppConfig):
    name = "home"
    verbose_name = _("Accueil et site")

    def ready(self):
        from django.db.models.signals import post_migrate

        from . import access, cache, roles

        # Permissions exist only after every app has migrated, so roles are completed then.
        post_migrate.connect(roles.sync_roles_after_migrate, dispatch_uid="home.sync_roles")
        cache.connect()
        access.connect()
