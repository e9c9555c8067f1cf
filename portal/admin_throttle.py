"""« Connexions bloquées »: the failure counts of django-axes in the Wagtail admin, to lift a lock.

Deleting a count is what lifts the lock it causes (django-axes has no other state); the page lists the
counts with the account or e-mail address, the client address, the number of failures and until when the
lock lasts, so that an administrator called by a locked-out agent finds the right line.
"""

from axes.models import AccessAttempt
from django.conf import settings
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from .throttle import PASSWORD_RESET_PREFIX


class UnlockOnlyPolicy(ModelPermissionPolicy):
    """Counts are written by sign-in attempts only: administrators may see and delete them, nothing else."""

    def user_has_permission(self, user, action):
        if action not in ("view", "delete"):
            return False
        return super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)


register_permission_policy(AccessAttempt, UnlockOnlyPolicy(AccessAttempt))


def attempt_account(attempt):
    return (attempt.username or "").removeprefix(PASSWORD_RESET_PREFIX) or "—"


def attempt_form(attempt):
    if (attempt.username or "").startswith(PASSWORD_RESET_PREFIX):
        return _("Mot de passe oublié")
    return _("Connexion")


def attempt_locked_until(attempt):
    if attempt.failures_since_start < settings.AXES_FAILURE_LIMIT:
        return _("non bloqué")
    until = attempt.attempt_time + settings.AXES_COOLOFF_TIME
    if until <= timezone.now():
        return _("terminé")
    return date_format(timezone.localtime(until), "j F Y, G \\h i")


class AttemptIndexView(generic.IndexView):
    page_title = _("Connexions bloquées")

    @property
    def columns(self):
        return [
            TitleColumn(
                "account",
                label=_("Compte ou adresse électronique"),
                accessor=attempt_account,
                get_url=lambda attempt: self.get_inspect_url(attempt),
            ),
            Column("form", label=_("Formulaire"), accessor=attempt_form),
            Column("ip_address", label=_("Adresse IP")),
            Column("failures_since_start", label=_("Échecs"), sort_key="failures_since_start"),
            DateColumn("attempt_time", label=_("Dernier essai"), sort_key="attempt_time"),
            Column("locked_until", label=_("Bloqué jusqu'au"), accessor=attempt_locked_until),
        ]


class AttemptDeleteView(generic.DeleteView):
    page_title = _("Débloquer")

    def get_success_message(self):
        return _("Blocage levé pour « %(account)s » (%(address)s).") % {
            "account": attempt_account(self.object),
            "address": self.object.ip_address or "—",
        }


class LockedSignInViewSet(ModelViewSet):
    model = AccessAttempt
    icon = "lock"
    menu_label = _("Connexions bloquées")
    name = "connexions-bloquees"
    add_to_settings_menu = True
    index_view_class = AttemptIndexView
    delete_view_class = AttemptDeleteView
    inspect_view_enabled = True
    inspect_view_fields = ["username", "ip_address", "user_agent", "path_info", "failures_since_start", "attempt_time"]
    copy_view_enabled = False
    ordering = ["-attempt_time"]
    search_fields = ["username", "ip_address"]
    list_filter = []
    form_fields = []
