import logging
import posixpath

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied
from django.db import DatabaseError, connection
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe
from django.views.static import serve
from wagtail.views import serve as wagtail_serve

from . import media

ACCESSIBILITY_PATH = "accessibilite/"

logger = logging.getLogger(__name__)


@login_not_required
@never_cache
@require_safe
def healthz(request):
    """For load balancers and uptime probes: 200 and an empty body when the database answers."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return HttpResponse(status=503)
    return HttpResponse(status=200)


def csrf_failure(request, reason=""):
    """Django's CSRF check failed (settings.CSRF_FAILURE_VIEW): a French DSFR page that says what to do.

    Django's own page is in English and, with DEBUG, shows its internals; the reason stays in the logs.
    """
    logger.warning("Échec du contrôle CSRF sur %s : %s", request.path, reason)
    return render(request, "403_csrf.html", status=403)


@login_not_required
@require_safe
def accessibility_statement(request):
    """The accessibility statement (the « Accessibilité » content page): the law wants it reachable by
    everyone, and the login page links to it. Served by Wagtail like any page, so that its own view
    restrictions, if an administrator ever set one, still apply."""
    return wagtail_serve(request, ACCESSIBILITY_PATH)


@require_safe
def protected_media(request, path):
    """Uploaded files (images, renditions, documents), served with the permissions of what holds them
    (portal.media): the login, the restrictions of their collection, and those of the pages that use
    them. A refusal is the portal's 403 page, whatever serves the file afterwards.

    With MEDIA_ACCEL_REDIRECT_PREFIX, the web server streams the file once Django has checked all that;
    the headers set here (disposition, nosniff, policy) go out with it.
    """
    path = posixpath.normpath(path).lstrip("/")
    if path.startswith("..") or path in ("", ".") or not media.may_name_a_file(path):
        raise Http404
    holder = media.holder_of(path, request)
    if holder is not None and not media.may_read(holder, request):
        raise PermissionDenied("Fichier réservé")
    filename = getattr(holder, "filename", None) if path.startswith("documents/") else None
    if settings.MEDIA_ACCEL_REDIRECT_PREFIX:
        response = HttpResponse()
        response["X-Accel-Redirect"] = settings.MEDIA_ACCEL_REDIRECT_PREFIX.rstrip("/") + "/" + path
        response["Content-Type"] = media.content_type_of(path)
    else:
        response = serve(request, path, document_root=settings.MEDIA_ROOT)
    for header, value in media.download_headers(path, filename).items():
        response[header] = value
    response["Cache-Control"] = "private, max-age=3600"
    return response
