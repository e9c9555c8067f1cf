"""The API's absolute URLs (`detail_url`, `html_url`, the `find/` redirect) follow the host the request came to.

Wagtail writes them from the Site's root URL (`http://localhost` in the demo), whereas the portal is served
under several names; portal.api binds the router to each request, and writes `html_url` from it too.
"""

import pytest
from django.test import override_settings
from wagtail.models import Site

from .factories import make_fiche

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("settings_hosts")]

HOSTS = ["testserver", "reseaux.intranet.gouv.fr", "10.0.0.5:8080"]


@pytest.fixture
def settings_hosts():
    with override_settings(ALLOWED_HOSTS=["testserver", "reseaux.intranet.gouv.fr", "10.0.0.5"]):
        yield


@pytest.fixture
def fiche(db):
    return make_fiche("Réseau breton", slug="reseau-breton")


def test_the_site_root_url_is_not_the_request_host(fiche):
    """The premise: the Site says one host, whatever host the request used."""
    assert Site.objects.get(is_default_site=True).root_url != "http://reseaux.intranet.gouv.fr"


@pytest.mark.parametrize("host", HOSTS)
def test_listing_detail_urls_follow_the_host(reader_client, fiche, host):
    data = reader_client.get("/api/v2/pages/?type=practices.PracticeSheetPage", HTTP_HOST=host).json()
    [item] = data["items"]
    assert item["meta"]["detail_url"] == f"http://{host}/api/v2/pages/{fiche.pk}/"


def test_https_is_kept(reader_client, fiche):
    data = reader_client.get("/api/v2/pages/?type=practices.PracticeSheetPage", HTTP_HOST="reseaux.intranet.gouv.fr", secure=True).json()
    assert data["items"][0]["meta"]["detail_url"] == f"https://reseaux.intranet.gouv.fr/api/v2/pages/{fiche.pk}/"


def test_the_detail_view_and_its_parent_follow_the_host(reader_client, fiche):
    data = reader_client.get(f"/api/v2/pages/{fiche.pk}/", HTTP_HOST="reseaux.intranet.gouv.fr").json()
    assert data["meta"]["detail_url"] == f"http://reseaux.intranet.gouv.fr/api/v2/pages/{fiche.pk}/"
    parent = data["meta"]["parent"]
    assert parent["meta"]["detail_url"] == f"http://reseaux.intranet.gouv.fr/api/v2/pages/{fiche.get_parent().pk}/"


def test_find_redirects_on_the_same_host(reader_client, fiche):
    response = reader_client.get(f"/api/v2/pages/find/?html_path={fiche.url}", HTTP_HOST="reseaux.intranet.gouv.fr")
    assert response.status_code == 302
    assert response["Location"].startswith(f"http://reseaux.intranet.gouv.fr/api/v2/pages/{fiche.pk}/")


def test_an_unknown_host_is_still_refused(reader_client, fiche):
    assert reader_client.get("/api/v2/pages/", HTTP_HOST="evil.example").status_code == 400


@pytest.mark.parametrize("host", HOSTS)
def test_html_urls_follow_the_host(reader_client, fiche, host):
    detail = reader_client.get(f"/api/v2/pages/{fiche.pk}/", HTTP_HOST=host).json()
    assert detail["meta"]["html_url"] == f"http://{host}{fiche.url}"
    listing = reader_client.get("/api/v2/pages/?type=practices.PracticeSheetPage&fields=_,html_url", HTTP_HOST=host).json()
    assert listing["items"][0]["meta"]["html_url"] == f"http://{host}{fiche.url}"
