"""An intranet, closed by default: every route needs a login except the login pages and /healthz."""

import pytest
from django.conf import settings
from django.core import mail
from django.core.files.base import ContentFile
from django.db import DatabaseError
from django.urls import reverse
from wagtail.documents.models import Document

from portal.urls import PUBLIC_VIEWS

from .factories import PASSWORD, make_user
from .urlwalk import concrete_urls

LOGIN = "/connexion/"


@pytest.fixture(scope="module")
def routes(django_db_blocker):
    with django_db_blocker.unblock():
        found, missing = concrete_urls()
    assert not missing, f"routes the test cannot turn into a URL: {missing}"
    return found


def test_the_walk_covers_the_whole_urlconf(routes):
    names = {pattern.name for _url, _route, pattern in routes}
    # a sample of what must be there: pages, search, documents, renditions, API, admin, media
    assert {"wagtail_serve", "search", "wagtaildocs_serve", "wagtailimages_serve", "media", "healthz"} <= names
    assert any(route.startswith("api/v2/") for _url, route, _p in routes)
    assert len(routes) > 150


def test_only_the_public_views_are_exempt_from_login(routes):
    exempt = {pattern.name for _url, _route, pattern in routes if getattr(pattern.callback, "login_required", True) is False}
    assert exempt == PUBLIC_VIEWS


@pytest.mark.django_db
@pytest.mark.parametrize("method", ["get", "post"])
def test_every_route_redirects_anonymous_users_to_the_login_page(client, routes, method):
    escaped = []
    for url, _route, pattern in routes:
        if pattern.name in PUBLIC_VIEWS:
            continue
        response = getattr(client, method)(url)
        if response.status_code != 302 or not response["Location"].startswith(LOGIN + "?next="):
            escaped.append((url, response.status_code))
    assert escaped == []


@pytest.mark.django_db
def test_healthz_answers_empty_200_without_login(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.content == b""
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.django_db
def test_healthz_answers_503_when_the_database_fails(client, monkeypatch):
    from portal import views

    class BrokenCursor:
        def __enter__(self):
            raise DatabaseError("down")

        def __exit__(self, *exc):
            return False

    monkeypatch.setattr(views.connection, "cursor", lambda: BrokenCursor())
    assert client.get("/healthz").status_code == 503


@pytest.mark.django_db
def test_login_page_is_french_and_public(client):
    response = client.get(LOGIN)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'lang="fr"' in html
    assert "Connexion à Réseaux de pratiques" in html
    assert "Mot de passe oublié" in html
    assert 'class="fr-header"' in html


@pytest.mark.django_db
def test_login_then_logout(client):
    make_user(username="cadre")
    response = client.post(LOGIN, {"username": "cadre", "password": PASSWORD, "next": "/recherche/"})
    assert response.status_code == 302 and response["Location"] == "/recherche/"
    assert client.get("/").status_code == 200
    response = client.post(reverse("logout"))
    assert response.status_code == 302 and response["Location"] == LOGIN
    assert client.get("/").status_code == 302


@pytest.mark.django_db
def test_wrong_password_gets_a_french_error_not_a_500(client):
    make_user(username="cadre")
    response = client.post(LOGIN, {"username": "cadre", "password": "faux"})
    assert response.status_code == 200
    assert "Saisissez un Identifiant et un mot de passe valides" in response.content.decode() or "valides" in response.content.decode()


@pytest.mark.django_db
def test_login_refuses_an_external_next(client):
    make_user(username="cadre")
    response = client.post(LOGIN, {"username": "cadre", "password": PASSWORD, "next": "https://ailleurs.example/"})
    assert response["Location"] == settings.LOGIN_REDIRECT_URL


@pytest.mark.django_db
def test_password_reset_by_email(client):
    user = make_user(username="cadre", email="cadre@exemple.gouv.fr")
    response = client.post(reverse("password_reset"), {"email": "cadre@exemple.gouv.fr"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["cadre@exemple.gouv.fr"]
    assert "Réinitialisation de votre mot de passe" in message.subject
    link = next(line for line in message.body.splitlines() if "/mot-de-passe/nouveau/" in line).strip()
    path = link.split("testserver", 1)[1]
    response = client.get(path, follow=True)
    assert response.status_code == 200
    form_url = response.redirect_chain[-1][0] if response.redirect_chain else path
    response = client.post(form_url, {"new_password1": "un-nouveau-mot-de-passe-42", "new_password2": "un-nouveau-mot-de-passe-42"})
    assert response.status_code == 302 and response["Location"] == reverse("password_reset_complete")
    user.refresh_from_db()
    assert user.check_password("un-nouveau-mot-de-passe-42")


@pytest.mark.django_db
def test_the_reset_email_carries_the_portal_name_from_the_settings(client):
    from wagtail.models import Site

    from portal.models import PortalSettings

    settings_row = PortalSettings.for_site(Site.objects.get(is_default_site=True))
    settings_row.portal_name = "Pratiques en Bretagne"
    settings_row.save()
    make_user(username="cadre", email="cadre@exemple.gouv.fr")
    client.post(reverse("password_reset"), {"email": "cadre@exemple.gouv.fr"})
    message = mail.outbox[0]
    assert message.subject == "Réinitialisation de votre mot de passe — Pratiques en Bretagne"
    assert "sur le portail Pratiques en Bretagne" in message.body and "Réseaux de pratiques" not in message.body


@pytest.mark.django_db
def test_password_reset_for_unknown_address_reveals_nothing(client):
    response = client.post(reverse("password_reset"), {"email": "inconnu@exemple.gouv.fr"})
    assert response.status_code == 302
    assert mail.outbox == []


@pytest.mark.django_db
def test_password_reset_with_bad_address_is_a_french_form_error(client):
    response = client.post(reverse("password_reset"), {"email": "pas une adresse"})
    assert response.status_code == 200
    assert "Saisissez une adresse e-mail valide" in response.content.decode()


@pytest.mark.django_db
def test_documents_and_media_need_a_login(client, reader):
    document = Document.objects.create(title="Note de cadrage", file=ContentFile(b"contenu", name="note.txt"))
    for url in (document.url, "/media/" + document.file.name):
        assert client.get(url).status_code == 302
    client.force_login(reader)
    assert client.get(document.url).status_code == 200
    response = client.get("/media/" + document.file.name)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"contenu"
    assert "private" in response["Cache-Control"]


@pytest.mark.django_db
def test_media_path_traversal_is_refused(reader_client):
    assert reader_client.get("/media/../portal/settings/base.py").status_code == 404
    assert reader_client.get("/media/%2e%2e/portal/settings/base.py").status_code == 404
