"""French DSFR error pages for 400, 403, 404 and 500."""

import pytest
from django.core.exceptions import SuspiciousOperation
from django.test import Client, override_settings
from django.urls import path

from portal.urls import urlpatterns as portal_urlpatterns


def raise_bad_request(request):
    raise SuspiciousOperation("requête suspecte")


def crash(request):
    raise RuntimeError("boom")


urlpatterns = [path("essai/400/", raise_bad_request), path("essai/500/", crash), *portal_urlpatterns]

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.test_errors")]


def assert_dsfr_error(response, status, title):
    html = response.content.decode()
    assert response.status_code == status
    assert f"<h1>{title}</h1>" in html
    assert f"Erreur {status}" in html
    assert 'lang="fr"' in html and "dsfr.min.css" in html
    assert "fr-footer" in html


def test_404(reader_client):
    assert_dsfr_error(reader_client.get("/cette-page-n-existe-pas/"), 404, "Page non trouvée")


def test_403(reader_client):
    assert_dsfr_error(reader_client.get("/admin/"), 403, "Accès refusé")


def test_400(reader_client):
    assert_dsfr_error(reader_client.get("/essai/400/"), 400, "Requête incorrecte")


def test_500_stands_alone(reader):
    client = Client(raise_request_exception=False)
    client.force_login(reader)
    assert_dsfr_error(client.get("/essai/500/"), 500, "Erreur inattendue")


@override_settings(DEBUG=False)
def test_404_for_anonymous_users_is_a_login_redirect(client):
    response = client.get("/cette-page-n-existe-pas/")
    assert response.status_code == 302


def test_a_stale_form_gets_a_french_page_and_changes_nothing(reader):
    client = Client(enforce_csrf_checks=True)
    client.force_login(reader)
    response = client.post("/deconnexion/")
    assert_dsfr_error(response, 403, "Formulaire expiré")
    assert "Rien n'a été enregistré" in response.content.decode()
    assert client.get("/").status_code == 200  # still logged in: the logout did not happen


def test_a_stale_login_form_gets_the_french_page_too(db):
    response = Client(enforce_csrf_checks=True).post("/connexion/", {"username": "x", "password": "y"})
    assert_dsfr_error(response, 403, "Formulaire expiré")
