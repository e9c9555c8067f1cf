"""Who may see what, answered from the cache: the view restrictions, and each reader's rights.

Why: every page asks these questions (Wagtail checks the page's view restrictions, the search, the home
page and the related fiches leave out what a restriction hides, the header shows "Administration" to
those who may reach it), and the answers cost three to five queries a request, yet they change only when
an editor sets a restriction or an administrator changes someone's groups.

- The list of restrictions (id, page path, type, group ids) is cached against the content version
  (home.cache), which a restriction saved or deleted replaces. It is then evaluated per request, without
  a query, with Wagtail's own rules (`accepts`): a password restriction is passed when its id is in
  Wagtail's session key, a login restriction by any logged-in user, a group restriction by a superuser
  or a member of one of its groups; a restriction on a page applies to its whole subtree.
- A reader's group ids and whether they may reach the administration are cached per user against a
  *permissions version*, replaced whenever groups, permissions or someone's groups change. The user's
  own flags (superuser, active) are part of the key: they come with the user row every request loads.
- `visibility_signature` names what a reader cannot see (usually nothing): cached fragments that list
  pages (related fiches, sélections) vary on it, so that two readers who see the same pages share them.
"""

from dataclasses import dataclass

from django.core.cache import cache

from .cache import bump_version, cached_content, read_version

PERMISSIONS_VERSION_KEY = "portal:permissions-version"
PROFILE_TIMEOUT = 60 * 60 * 12
ADMIN_PERMISSION = "wagtailadmin.access_admin"


@dataclass(frozen=True)
class Restriction:
    id: int
    page_id: int
    path: str
    restriction_type: str
    group_ids: frozenset


@dataclass(frozen=True)
class Profile:
    group_ids: frozenset
    may_access_admin: bool


ANONYMOUS = Profile(frozenset(), False)


# --- view restrictions -----------------------------------------------------------------------------


def _load_restrictions():
    from wagtail.models import Page, PageViewRestriction

    rows = list(PageViewRestriction.objects.order_by("page__path", "pk").values_list("pk", "page_id", "page__path", "restriction_type"))
    groups = {}
    if rows:
        for restriction_id, group_id in PageViewRestriction.groups.through.objects.values_list("pageviewrestriction_id", "group_id"):
            groups.setdefault(restriction_id, set()).add(group_id)
    return {
        "restrictions": [
            Restriction(pk, page_id, path, kind, frozenset(groups.get(pk, ()))) for pk, page_id, path, kind in rows
        ],
        # Wagtail resolves aliases to their source page before looking for restrictions: when the site
        # has aliases and restrictions, pages defer to Wagtail's own look-up (see restriction_ids_for).
        "aliases": bool(rows) and Page.objects.filter(alias_of__isnull=False).exists(),
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
    return [r.id for r in snapshot["restrictions"] if page.path.startswith(r.path)]


def accepts(restriction, request):
    """Wagtail's BaseViewRestriction.accept_request, on the cached restriction and profile."""
    from wagtail.models import PageViewRestriction

    if restriction.restriction_type == PageViewRestriction.PASSWORD:
        passed = request.session.get(PageViewRestriction.passed_view_restrictions_session_key, [])
        return restriction.id in passed
    if restriction.restriction_type == PageViewRestriction.LOGIN:
        return request.user.is_authenticated
    if restriction.restriction_type == PageViewRestriction.GROUPS:
        return request.user.is_superuser or bool(restriction.group_ids & profile(request).group_ids)
    return True


def hidden_restrictions(request):
    """The restrictions this request does not pass, memoised on the request."""
    if not hasattr(request, "_portal_hidden_restrictions"):
        request._portal_hidden_restrictions = [r for r in restrictions(request) if not accepts(r, request)]
    return request._portal_hidden_restrictions


def hidden_paths(request):
    """Tree paths of the subtrees this request may not see (usually none)."""
    return [r.path for r in hidden_restrictions(request)]


def visibility_signature(request):
    """A short string naming what this request cannot see: equal for two readers who see the same pages."""
    if request is None:
        return ""
    return ",".join(str(r.id) for r in hidden_restrictions(request))


# --- the reader's rights ---------------------------------------------------------------------------


def bump_permissions_version(*args, **kwargs):
    bump_version(PERMISSIONS_VERSION_KEY)


def profile(request):
    """The reader's group ids and admin access, from the cache, memoised on the request."""
    if hasattr(request, "_portal_profile"):
        return request._portal_profile
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        result = ANONYMOUS
    else:
        version = read_version(PERMISSIONS_VERSION_KEY, request)
        key = f"portal:profile:{version}:{user.pk}:{int(user.is_superuser)}:{int(user.is_active)}"
        result = cache.get(key)
        if result is None:
            result = Profile(frozenset(user.groups.values_list("pk", flat=True)), user.has_perm(ADMIN_PERMISSION))
            cache.set(key, result, PROFILE_TIMEOUT)
    request._portal_profile = result
    return result


def may_access_admin(request):
    """user.has_perm("wagtailadmin.access_admin"), without its two queries on every page."""
    return profile(request).may_access_admin if request is not None else False


def connect():
    """Replace the permissions version whenever someone's rights may have changed."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group, Permission
    from django.db.models.signals import m2m_changed, post_delete, post_save

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
