"""The portal's routes.

An intranet: every route requires a logged-in user (LoginRequiredMiddleware). Only the views named in
PUBLIC_VIEWS may be reached anonymously. Libraries sometimes mark their own views @login_not_required
(Django REST framework does for every API view, Wagtail's login pages inherit it from Django); the sweep
at the bottom of this module puts them back under the rule, so that a route added later cannot escape
it by accident, and every anonymous request lands on the same login page. tests/test_access.py walks the resolver and requests every route anonymously.
"""

from django.conf import settings
from django.urls import URLResolver, include, path, re_path
from django.views.generic import RedirectView
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls
from wagtail.images.views.serve import ServeView

from . import views as portal_views
from .api import api_router

PUBLIC_VIEWS = frozenset(
    {
        "healthz",
        "accessibility",
        "login",
        "password_reset",
        "password_reset_done",
        "password_reset_confirm",
        "password_reset_complete",
        # Sign-in with ProConnect: the way out to the provider and the way back (404 while it is off).
        "oidc_authentication_init",
        "oidc_authentication_callback",
    }
)

urlpatterns = [
    path("healthz", portal_views.healthz, name="healthz"),
    path(portal_views.ACCESSIBILITY_PATH, portal_views.accessibility_statement, name="accessibility"),
    path("", include("portal.auth_urls")),
    # The portal's settings moved from the home app to the portal app: old bookmarks still lead there.
    re_path(
        r"^admin/settings/home/portalsettings/(?P<rest>(\d+/)?)$",
        RedirectView.as_view(url="/admin/settings/portal/portalsettings/%(rest)s", permanent=True),
    ),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    re_path(r"^images/([^/]*)/(\d*)/([^/]*)/[^/]*$", ServeView.as_view(), name="wagtailimages_serve"),
    path("api/v2/", api_router.urls),
    path("recherche/", include("search.urls")),
    path("", include("practices.urls")),  # /reseaux-demandes/…, /propositions/…
    re_path(rf"^{settings.MEDIA_URL.lstrip('/')}(?P<path>.+)$", portal_views.protected_media, name="media"),
    # Wagtail's page serving comes last: it answers every remaining URL.
    path("", include(wagtail_urls)),
]


def iter_patterns(patterns, prefix=""):
    """Every (route, URLPattern) below `patterns`, with the route's full textual prefix."""
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from iter_patterns(pattern.url_patterns, prefix + str(pattern.pattern))
        else:
            yield prefix + str(pattern.pattern), pattern


def _require_login_everywhere(patterns):
    for _route, pattern in iter_patterns(patterns):
        callback = pattern.callback
        if getattr(callback, "login_required", True) is False and pattern.name not in PUBLIC_VIEWS:
            callback.login_required = True
        # One login page: the middleware honours a view's own login_url (Wagtail's admin sets one).
        if getattr(callback, "login_url", None) not in (None, settings.LOGIN_URL):
            callback.login_url = settings.LOGIN_URL


_require_login_everywhere(urlpatterns)
