"""Who may see what: the view restrictions a reader does not pass, and whether they may open the admin.

Why: every page asks these questions (Wagtail checks the page's view restrictions; the search, the home
page and the related fiches leave out what a restriction hides; the header shows "Administration" to
those who may reach it), and the answers cost three to five queries a request, yet they change only when
an editor sets a restriction or an administrator changes someone's groups.

- The view restrictions are Wagtail's own `PageViewRestriction` rows, their groups prefetched, read from
  the cache against the content version (portal.cache), which a restriction saved or deleted replaces.
  Each is checked by Wagtail itself (`accept_request`), once per request: a restriction on a page
  applies to its whole subtree, so what a reader may not see is a list of tree paths (usually empty).
- Whether a reader may open the administration is cached per user against a *permissions version*,
  replaced whenever groups, permissions or someone's groups change. The user's own flags (superuser,
  active) are part of the key: they come with the user row every request loads.
- `visibility_signature` names what a reader cannot see (usually nothing): cached fragments that list
  pages (related fiches, sélections) vary on it, so that two readers who see the same pages share them.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.db.models import Q
from django.db.models.signals import m2m_changed, post_delete, post_save
from wagtail.models import Page, PageViewRestriction
from wagtail.query import PageQuerySet

from .cache import bump_version, cached_content, cached_on_version

PERMISSIONS_VERSION_KEY = "portal:permissions-version"
PROFILE_TIMEOUT = 60 * 60 * 12
ADMIN_PERMISSION = "wagtailadmin.access_admin"


# --- view restrictions -----------------------------------------------------------------------------


def _load_restrictions():
    restrictions = list(
        PageViewRestriction.objects.select_related("page").prefetch_related("groups").order_by("page__path", "pk")
    )
    return {
        "restrictions": restrictions,
        # Wagtail resolves aliases to their source page before looking for restrictions: when the site
        # has aliases and restrictions, pages defer to Wagtail's own look-up (see restriction_ids_for).
        "aliases": bool(restrictions) and Page.objects.filter(alias_of__isnull=False).exists(),
    }


def _snapshot(request=None):
    if request is not None and hasattr(request, "_portal_restrictions"):
        return request._portal_restrictions
    snapshot = cached_content(request, "view-restrictions", _load_restrictions)
    if request is not None:
        request._portal_restrictions = snapshot
    return snapshot


def restrictions(request=None):
    return _snapshot(request)["restrictions"]


def restriction_ids_for(page):
    """Ids of the restrictions on `page` or above it; None when only Wagtail's look-up can tell (aliases)."""
    snapshot = _snapshot()
    if not snapshot["restrictions"]:
        return []
    if snapshot["aliases"]:
        return None
    return [r.pk for r in snapshot["restrictions"] if page.path.startswith(r.page.path)]


def hidden_restrictions(request):
    """The restrictions this request does not pass (Wagtail's own check), memoised on the request."""
    if not hasattr(request, "_portal_hidden_restrictions"):
        request._portal_hidden_restrictions = [r for r in restrictions(request) if not r.accept_request(request)]
    return request._portal_hidden_restrictions


def refusal(restrictions, request):
    """The first of these view restrictions (of a page or a collection) that refuses the request, or None."""
    return next((restriction for restriction in restrictions if not restriction.accept_request(request)), None)


def hidden_paths(request):
    """Tree paths of the subtrees this request may not see (usually none)."""
    if request is None:
        return []
    return [r.page.path for r in hidden_restrictions(request)]


def hidden_page_ids(request):
    """Pages a view restriction hides from this request, as a subquery (None when nothing is hidden).

    For SQL written by hand (practices.related); querysets say `.visible_to(request)` instead.
    """
    condition = _hidden_condition(request)
    return None if condition is None else Page.objects.filter(condition).values("pk")


def _hidden_condition(request):
    paths = hidden_paths(request)
    if not paths:
        return None
    condition = Q()
    for path in paths:
        condition |= Q(path__startswith=path)
    return condition


def visibility_signature(request):
    """A short string naming what this request cannot see: equal for two readers who see the same pages."""
    if request is None:
        return ""
    return ",".join(str(r.pk) for r in hidden_restrictions(request))


class VisiblePageQuerySet(PageQuerySet):
    """Wagtail's page queryset, plus what this portal asks of every listing."""

    def visible_to(self, request):
        """The pages no view restriction hides from this request (all of them when request is None)."""
        condition = _hidden_condition(request)
        return self if condition is None else self.exclude(condition)


def pages():
    """Every page (Page.objects), with `visible_to`."""
    return VisiblePageQuerySet(Page).order_by("path")


# --- the reader's rights ---------------------------------------------------------------------------


def bump_permissions_version(*args, **kwargs):
    bump_version(PERMISSIONS_VERSION_KEY)


def may_access_admin(request):
    """user.has_perm("wagtailadmin.access_admin"), without its two queries on every page."""
    if request is None:
        return False
    if hasattr(request, "_portal_may_access_admin"):
        return request._portal_may_access_admin
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        result = False
    else:
        result = cached_on_version(
            PERMISSIONS_VERSION_KEY,
            request,
            "admin-access",
            lambda: user.has_perm(ADMIN_PERMISSION),
            user.pk,
            user.is_superuser,
            user.is_active,
            timeout=PROFILE_TIMEOUT,
        )
    request._portal_may_access_admin = result
    return result


def connect():
    """Replace the permissions version whenever someone's rights may have changed."""
    User = get_user_model()
    for through, name in (
        (User.groups.through, "user-groups"),
        (User.user_permissions.through, "user-permissions"),
        (Group.permissions.through, "group-permissions"),
    ):
        m2m_changed.connect(bump_permissions_version, sender=through, dispatch_uid=f"portal.permissions.{name}", weak=False)
    for model in (Group, Permission):
        name = model._meta.model_name
        post_save.connect(bump_permissions_version, sender=model, dispatch_uid=f"portal.permissions.save.{name}", weak=False)
        post_delete.connect(bump_permissions_version, sender=model, dispatch_uid=f"portal.permissions.delete.{name}", weak=False)
    post_delete.connect(bump_permissions_version, sender=User, dispatch_uid="portal.permissions.delete.user", weak=False)
