"""Uploaded files follow the permissions of what holds them (portal.media), however they are served:
Wagtail's /documents/ view, /media/ streamed by Django, or /media/ handed to the web server with
X-Accel-Redirect. Issue 12, finding 1: a document of a collection restricted to a group was refused at
/documents/ but served to any reader at /media/documents/…"""

import pytest
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Collection, CollectionViewRestriction, PageViewRestriction

from portal import roles
from practices.models.fiche_parts import FicheAttachment, FicheImage

from .factories import make_fiche

pytestmark = pytest.mark.django_db


@pytest.fixture
def restricted_collection():
    """A collection only administrators may read (the finding's case)."""
    collection = Collection.get_first_root_node().add_child(name="Réservé aux administrateurs")
    restriction = CollectionViewRestriction.objects.create(collection=collection, restriction_type=CollectionViewRestriction.GROUPS)
    restriction.groups.add(Group.objects.get(name=roles.ADMINISTRATORS))
    return collection


def document(name="secret.txt", content=b"contenu confidentiel", **fields):
    return get_document_model().objects.create(title=name, file=ContentFile(content, name=name), **fields)


def body(response):
    return b"".join(response.streaming_content) if response.streaming else response.content


def media_url(field_file):
    return "/media/" + field_file.name


def test_a_document_of_a_restricted_collection_is_refused_at_every_url(client, reader, admin_user, restricted_collection):
    secret = document(collection=restricted_collection)
    client.force_login(reader)
    for url in (secret.url, media_url(secret.file)):
        response = client.get(url)
        assert response.status_code == 403, url
        assert b"contenu confidentiel" not in body(response)
    assert "Accès refusé" in client.get(media_url(secret.file)).content.decode()  # the portal's French 403
    client.force_login(admin_user)
    for url in (secret.url, media_url(secret.file)):
        assert body(client.get(url)) == b"contenu confidentiel"


def test_an_image_of_a_restricted_collection_and_its_renditions_are_refused(client, reader, admin_user, restricted_collection):
    image = get_image_model().objects.create(title="Plan", file=get_test_image_file(), collection=restricted_collection)
    rendition = image.get_rendition("width-100")
    client.force_login(reader)
    for url in (media_url(image.file), media_url(rendition.file)):
        assert client.get(url).status_code == 403, url
    client.force_login(admin_user)
    for url in (media_url(image.file), media_url(rendition.file)):
        response = client.get(url)
        assert response.status_code == 200 and response["Content-Type"] == "image/png", url


def restricted_to_moderators(page):
    restriction = PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.GROUPS)
    restriction.groups.add(Group.objects.get(name=roles.MODERATORS))


def test_files_used_only_on_a_restricted_fiche_stay_hidden_with_it(client, reader, moderator, contributor):
    attached = document("compte-rendu.txt", b"ordre du jour")
    picture = get_image_model().objects.create(title="Photo", file=get_test_image_file())
    fiche = make_fiche("Fiche réservée")
    fiche.attachments.add(FicheAttachment(document=attached))
    fiche.images.add(FicheImage(image=picture))
    fiche.save_revision().publish()
    restricted_to_moderators(fiche)
    urls = (attached.url, media_url(attached.file), media_url(picture.file), media_url(picture.get_rendition("width-800").file))

    client.force_login(reader)
    assert [client.get(url).status_code for url in urls] == [403] * 4
    for user in (moderator, contributor):  # the group the fiche is shown to; an editor, who attaches files
        client.force_login(user)
        assert [client.get(url).status_code for url in urls] == [200] * 4, user

    # used on a page the reader sees as well: served
    public = make_fiche("Fiche ouverte")
    public.attachments.add(FicheAttachment(document=attached))
    public.save_revision().publish()
    client.force_login(reader)
    assert client.get(attached.url).status_code == 200
    assert body(client.get(media_url(attached.file))) == b"ordre du jour"


def test_a_file_nothing_holds_needs_the_login_only(client, reader, settings, tmp_path):
    stray = tmp_path / "divers" / "note.txt"
    stray.parent.mkdir()
    stray.write_bytes(b"note")
    settings.MEDIA_ROOT = tmp_path
    client.force_login(reader)
    assert body(client.get("/media/divers/note.txt")) == b"note"


@pytest.mark.parametrize(
    ("name", "disposition"),
    [("note.txt", "attachment"), ("page.html", "attachment"), ("dessin.svg", "attachment"), ("rapport.pdf", "inline")],
)
def test_media_files_are_downloaded_unless_images_or_pdf_and_never_sniffed(reader_client, name, disposition):
    held = document(name, b"<script>alert(1)</script>")
    response = reader_client.get(media_url(held.file))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith(disposition)
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "default-src 'none'" in response["Content-Security-Policy"]


def test_an_image_is_shown_inline(reader_client):
    image = get_image_model().objects.create(title="Photo", file=get_test_image_file())
    response = reader_client.get(media_url(image.file))
    assert response["Content-Disposition"].startswith("inline")
    assert response["X-Content-Type-Options"] == "nosniff"


def test_behind_x_accel_redirect_the_same_checks_come_first(client, reader, admin_user, restricted_collection, settings):
    settings.MEDIA_ACCEL_REDIRECT_PREFIX = "/fichiers-proteges/"
    secret = document(collection=restricted_collection)
    client.force_login(reader)
    response = client.get(media_url(secret.file))
    assert response.status_code == 403 and "X-Accel-Redirect" not in response
    client.force_login(admin_user)
    response = client.get(media_url(secret.file))
    assert response.status_code == 200
    assert response["X-Accel-Redirect"] == "/fichiers-proteges/" + secret.file.name
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response.content == b""  # the web server sends the file



@pytest.mark.parametrize(
    "path",
    [
        "%F0%9F%98%80" * 100,  # one name of 400 bytes: ENAMETOOLONG from the file system, a 500 (fuzzer)
        "documents/" + "x" * 300 + ".txt",
        "documents/" + "/".join(["abc"] * 300),
        "documents/note%00.txt",  # NUL: refused by PostgreSQL in the holder's look-up
    ],
)
def test_a_path_no_file_system_could_hold_is_a_404(reader_client, path):
    assert reader_client.get("/media/" + path).status_code == 404
