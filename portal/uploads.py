"""Uploads too large for any form are refused from their announced size, before a byte is read.

Django reads a multipart body to disk and Wagtail's image field opens the file with the image library
before it checks the size: a 200 MB file named `.png` tied a worker up for a minute and ended in a 500.
The largest upload any form accepts is known (settings.MAX_UPLOAD_BYTES: the largest document or image
plus room for the other fields), so a request announcing more gets the French 413 page at once, whatever
the file's name. Django ignores a multipart body sent without Content-Length, and the reverse proxy in
front refuses larger bodies too (README: client_max_body_size).
"""

from django.conf import settings
from django.http import JsonResponse
from django.shortcuts import render
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _


class UploadSizeMiddleware:
    """Placed after the authentication middleware (the page shows the user's header) and before
    anything reads the body (the CSRF check reads the form in process_view, after every __call__)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > settings.MAX_UPLOAD_BYTES:
            return too_large(request)
        return self.get_response(request)


def too_large(request):
    # The admin's multiple upload sends each file from a script and shows `error_message` beside it.
    if request.headers.get("x-requested-with") == "XMLHttpRequest" or "application/json" in request.headers.get("accept", ""):
        message = _("Fichier trop volumineux : %(size)s au plus.") % {"size": filesizeformat(settings.MAX_UPLOAD_BYTES)}
        return JsonResponse({"success": False, "error_message": message}, status=413)
    context = {
        "max_size": settings.MAX_UPLOAD_BYTES,
        "max_image_size": settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE,
        "max_document_size": settings.WAGTAILDOCS_MAX_UPLOAD_SIZE,
    }
    return render(request, "413.html", context, status=413)
