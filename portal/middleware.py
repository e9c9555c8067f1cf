from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from wagtail.views import serve as wagtail_serve

from . import cache, serving


class AdminAccessMiddleware:
    """Readers never reach the administration.

    Wagtail sends a logged-in user without admin access back to the login page, which reads like a
    failed login. Here they get a French 403 page that says what happened instead.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    @cached_property
    def admin_prefix(self):
        return reverse("wagtailadmin_home")

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and request.path.startswith(self.admin_prefix)
            and not user.has_perm("wagtailadmin.access_admin")
        ):
            raise PermissionDenied(_("L'administration du portail est réservée aux contributeurs, modérateurs et animateurs."))
        return None


class PortalCacheMiddleware:
    """What the caches of portal.cache need from each request.

    - The request is the one the versions are memoised on while it is served, even where code has no
      request at hand (Wagtail asking a page for its view restrictions).
    - Before Wagtail serves a page, the site comes from the cache (portal.serving.find_site), so that
      Wagtail's own look-up and its routing start without a query. Other views find it when they need
      it; none is looked up for views that never need it (the health check, files).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = cache.serving(request)
        try:
            return self.get_response(request)
        finally:
            cache.done(token)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if view_func is wagtail_serve:
            serving.find_site(request)
        return None
