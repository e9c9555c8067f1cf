"""Issue 12, finding 4: an upload too large for any form is refused from its size, before any decoding.

A 200 MB file named `.png` gave a 500 after 69 s: the image library read it before the size check. Now
the announced size is checked first (portal.uploads): a French 413 at once, whatever the name, and the
format, pixel and extension checks still apply to what is let through.
"""

import io
import time

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from PIL import Image as PILImage
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

pytestmark = pytest.mark.django_db

MB = 1024 * 1024


class UnreadableBody(io.RawIOBase):
    """A request body that fails the test if anything reads it."""

    def read(self, *args):
        raise AssertionError("le corps de la requête a été lu")

    readline = readinto = read


def call_wsgi(client, path, content_length, **headers):
    """One request through the whole WSGI stack (every middleware), with a body nobody may read."""
    environ = {
        "REQUEST_METHOD": "POST",
        "PATH_INFO": path,
        "SERVER_NAME": "testserver",
        "SERVER_PORT": "80",
        "wsgi.url_scheme": "http",
        "wsgi.input": UnreadableBody(),
        "wsgi.errors": io.StringIO(),
        "CONTENT_TYPE": "multipart/form-data; boundary=----portail",
        "CONTENT_LENGTH": str(content_length),
        "HTTP_COOKIE": "; ".join(f"{name}={morsel.value}" for name, morsel in client.cookies.items()),
        **headers,
    }
    started = {}

    def start_response(status, response_headers, exc_info=None):
        started["status"] = int(status.split()[0])
        started["headers"] = dict(response_headers)

    # As Django's test client does: the test's own transaction holds the connection, which the request
    # signals would otherwise close.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        response = WSGIHandler()(environ, start_response)
        body = b"".join(response)
        response.close()
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)
    return started["status"], started["headers"], body.decode()


def png_bytes(size=(40, 30)):
    buffer = io.BytesIO()
    PILImage.new("RGB", size, "white").save(buffer, "PNG")
    return buffer.getvalue()


def test_a_200_mb_file_named_png_gets_the_french_413_at_once_without_being_read(client, contributor):
    client.force_login(contributor)
    started = time.monotonic()
    status, headers, html = call_wsgi(client, "/admin/images/add/", 200 * MB)
    assert time.monotonic() - started < 1
    assert status == 413
    assert "Fichier trop volumineux" in html and "n'a pas été lu" in html
    assert "10,0\xa0Mio" in html  # the limit for images is said
    assert get_image_model().objects.count() == 0


def test_the_same_for_documents_any_form_and_the_admins_multiple_upload(client, contributor):
    client.force_login(contributor)
    for path in ("/admin/documents/add/", "/admin/documents/multiple/add/", "/fiches/"):
        status, _headers, _html = call_wsgi(client, path, 200 * MB)
        assert status == 413, path
    status, headers, body = call_wsgi(client, "/admin/images/multiple/add/", 200 * MB, HTTP_X_REQUESTED_WITH="XMLHttpRequest")
    assert status == 413
    assert headers["Content-Type"] == "application/json"
    assert "Fichier trop volumineux" in body


def test_a_real_oversized_body_through_the_test_client(client, contributor):
    client.force_login(contributor)
    upload = SimpleUploadedFile("vacances.png", b"\x89PNG" + b"\0" * (22 * MB), content_type="image/png")
    response = client.post("/admin/images/add/", {"title": "Trop lourde", "file": upload})
    assert response.status_code == 413
    assert get_image_model().objects.count() == 0
    assert get_document_model().objects.count() == 0


def test_what_passes_the_size_check_still_meets_the_format_pixel_and_extension_checks(client, contributor, settings):
    client.force_login(contributor)
    # a file that is not an image, under the size limit: a form error, not a 500
    fake = SimpleUploadedFile("faux.png", b"ceci n'est pas une image" * 100, content_type="image/png")
    response = client.post("/admin/images/add/", {"title": "Faux", "file": fake})
    assert response.status_code == 200 and get_image_model().objects.count() == 0

    # too many pixels for the configured limit
    settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS = 1000
    big = SimpleUploadedFile("grande.png", png_bytes((100, 100)), content_type="image/png")
    response = client.post("/admin/images/add/", {"title": "Grande", "file": big})
    assert response.status_code == 200 and get_image_model().objects.count() == 0

    # an extension outside the documents' allow-list
    script = SimpleUploadedFile("outil.exe", b"MZ" + b"\0" * 100, content_type="application/octet-stream")
    response = client.post("/admin/documents/add/", {"title": "Outil", "file": script})
    assert response.status_code == 200 and get_document_model().objects.count() == 0

    # and a real image within every limit is accepted
    settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS = 128_000_000
    fine = SimpleUploadedFile("photo.png", png_bytes(), content_type="image/png")
    response = client.post("/admin/images/add/", {"title": "Photo", "file": fine})
    assert response.status_code == 302 and get_image_model().objects.count() == 1
