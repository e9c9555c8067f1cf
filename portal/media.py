"""Who may read an uploaded file: the permissions of what holds it, for every way it is served.

An uploaded file is held by a document (`documents/…`), an image (`original_images/…`) or one of an
image's renditions (`images/…`, held by its image). A logged-in user may read it when

1. every view restriction of the holder's collection accepts the request: Wagtail's own rule for
   documents (`/documents/<id>/<name>`), applied here to images and renditions too;
2. and, when pages use the holder (Wagtail's reference index: a fiche's documents and images, a
   listing image, a link in rich text…), one of those pages is live and visible to this reader: a
   file used only on pages a view restriction hides from them stays hidden with those pages. Users of
   the admin (editors, moderators, animators) pass this second rule: they choose and attach files.

A file that nothing in the database holds (an avatar, a file left behind) needs the login only, which
every URL of the portal requires. `portal.views.protected_media` applies this to `/media/` (streamed
by Django, or by the web server through `X-Accel-Redirect`), and the `before_serve_document` hook
(portal.wagtail_hooks) applies rule 2 to Wagtail's `/documents/` view, which applies rule 1 itself.

How the file is sent (`download_headers`): inline for raster images and PDF, as an attachment for
anything else (an HTML or SVG file uploaded as a document must never run in the portal's origin),
never sniffed (`nosniff`), and under a Content-Security-Policy that forbids it to load or run anything.
"""

import mimetypes
import os
import posixpath

from django.contrib.contenttypes.models import ContentType
from django.utils.http import content_disposition_header
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, ReferenceIndex

from .access import hidden_paths, may_access_admin, refusal
from .cache import cached_content, cached_shared

# Shown in the browser rather than downloaded: raster images and PDF (which browsers display in their
# own sandboxed viewer). SVG is an image that can run scripts: it is downloaded.
INLINE_TYPES = {"image/png", "image/jpeg", "image/gif", "image/webp", "image/avif", "application/pdf"}
# Nothing in a served file may load or run anything; PDF viewers need no `sandbox` to stay inert and
# some refuse to open under it.
FILE_POLICY = "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'"


# What a file system names at most: 255 bytes a name (NAME_MAX), and a whole path well under PATH_MAX.
NAME_MAX = 255
PATH_MAX = 1024


def may_name_a_file(path):
    """Whether `path` (relative to MEDIA_ROOT) could name a stored file at all. A NUL or an overlong
    name is not a missing file but an error of the file system (ENAMETOOLONG), and PostgreSQL refuses
    NUL in the holder's look-up: such a path is a 404 before either is asked."""
    encoded = os.fsencode(path)
    return b"\x00" not in encoded and len(encoded) <= PATH_MAX and all(len(name) <= NAME_MAX for name in encoded.split(b"/"))


def _holders():
    """(path prefix, holder model, the id of the holder of a file under it): the documents, the
    original images, the renditions (whose holder is their image)."""
    image_model = get_image_model()
    renditions = image_model.get_rendition_model().objects
    return (
        ("documents/", get_document_model(), lambda path: get_document_model().objects.filter(file=path).values_list("pk", flat=True)),
        ("original_images/", image_model, lambda path: image_model.objects.filter(file=path).values_list("pk", flat=True)),
        ("images/", image_model, lambda path: renditions.filter(file=path).values_list("image_id", flat=True)),
    )


def holder_of(path, request=None):
    """The document or image that holds the file at `path` (relative to MEDIA_ROOT), or None.

    Looked up once per shared version (which documents and images replace when they are saved or
    deleted) and path; a path nothing holds is looked up again next time (a rendition just made)."""
    path = posixpath.normpath(path).lstrip("/")

    for prefix, model, lookup in _holders():
        if path.startswith(prefix):
            # the lookup is a lazy queryset: read only when the cache does not know the path
            pk = cached_shared(request, "media-holder", lookup(path).first, path)
            return None if pk is None else model.objects.select_related("collection").filter(pk=pk).first()
    return None


def collection_refusal(holder, request):
    """The first view restriction of the holder's collection that refuses this request, or None."""
    return refusal(holder.collection.get_view_restrictions(), request)


def pages_using(holder, request=None):
    """(id, tree path) of the live pages that use `holder`, by Wagtail's reference index; once per
    content version (each publication replaces it)."""

    def build():
        page_type = ContentType.objects.get_for_model(Page)
        ids = ReferenceIndex.get_references_to(holder).filter(base_content_type=page_type).values_list("object_id", flat=True)
        return list(Page.objects.live().filter(pk__in=[int(pk) for pk in ids if str(pk).isdigit()]).values_list("pk", "path"))

    return cached_content(request, "media-pages", build, holder._meta.label_lower, holder.pk)


def hidden_by_its_pages(holder, request):
    """Rule 2: pages use the holder, and every one of them is hidden from this reader."""
    if may_access_admin(request):
        return False
    pages = pages_using(holder, request)
    if not pages:
        return False
    hidden = hidden_paths(request)
    return all(any(path.startswith(prefix) for prefix in hidden) for _pk, path in pages)


def may_read(holder, request):
    return collection_refusal(holder, request) is None and not hidden_by_its_pages(holder, request)


def content_type_of(path):
    return mimetypes.guess_type(path)[0] or "application/octet-stream"


def download_headers(path, filename=None):
    """The headers a served file gets whatever serves it (Django or the web server)."""
    inline = content_type_of(path) in INLINE_TYPES
    return {
        "Content-Disposition": content_disposition_header(not inline, filename or posixpath.basename(path)),
        "X-Content-Type-Options": "nosniff",
        "Content-Security-Policy": FILE_POLICY,
    }
