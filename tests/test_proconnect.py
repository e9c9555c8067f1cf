"""Sign-in with ProConnect, end to end against a real OpenID Connect provider on the loopback.

Nothing is mocked: the provider (tests/oidc_provider.py) publishes its discovery document, signs its
tokens with its own key, and its authorization form is submitted as a browser would. Django's test
client plays the browser on the portal's side; the portal calls the provider over HTTP.
"""

import html as html_lib
import re
import socket
from pathlib import Path
from urllib.parse import parse_qs, quote, urlsplit

import pytest
import requests
from django.conf import settings as django_settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from portal import proconnect, roles
from practices.models import Person

from .factories import PASSWORD, make_user
from .oidc_provider import running_provider

# authlib, inside the provider, warns about its own deprecated calls
pytestmark = [
    pytest.mark.filterwarnings("ignore::authlib.deprecate.AuthlibDeprecationWarning"),
    pytest.mark.filterwarnings("ignore:get_jwt_config:DeprecationWarning"),
]

BACKEND = "portal.proconnect.ProConnectBackend"
LOGIN = "/connexion/"
INIT = "/oidc/authenticate/"
CALLBACK = "/oidc/callback/"

User = get_user_model()

CAMILLE = {
    "email": "Camille.Durand@interieur.gouv.fr",
    "email_verified": True,
    "given_name": "Camille",
    "usual_name": "Durand",
    "siret": "110 002 011 00044",
    "organizational_unit": "Bureau de la qualité de service",
}


@pytest.fixture(scope="module")
def provider():
    with running_provider() as provider:
        yield provider


@pytest.fixture
def proconnect_on(settings, provider):
    """The portal configured for the provider, as the environment variables would."""
    for name, value in provider.settings().items():
        setattr(settings, name, value)
    settings.AUTHENTICATION_BACKENDS = [*django_settings.AUTHENTICATION_BACKENDS, BACKEND]
    return provider


def sign_in(client, provider, sub, next_url=None):
    """The whole round trip: the portal's button, the provider's form, the portal's callback."""
    response = client.get(INIT + (f"?next={quote(next_url)}" if next_url else ""))
    assert response.status_code == 302
    back = provider.authorize(response["Location"], sub)
    assert urlsplit(back).path == CALLBACK
    return client.get(back)


def logged_in_user(client):
    response = client.get("/")
    return response.wsgi_request.user if response.status_code == 200 else None


def error_on_login_page(client, response):
    assert response.status_code == 302 and response["Location"] == LOGIN
    page = client.get(LOGIN)
    assert page.status_code == 200
    return html_lib.unescape(page.content.decode())


# --- the button and the switch ----------------------------------------------------------------------


@pytest.mark.django_db
def test_the_login_page_shows_the_proconnect_button(client, proconnect_on):
    html = client.get(LOGIN + "?next=/recherche/").content.decode()
    group = html[html.index('<div class="fr-connect-group">') :]
    group = group[: group.index("</div>")]
    assert 'class="fr-connect portal-proconnect"' in group
    assert 'href="/oidc/authenticate/?next=/recherche/"' in group
    assert '<span class="fr-connect__login">S’identifier avec</span>' in group
    assert '<span class="fr-connect__brand">ProConnect</span>' in group
    link = re.search(r'<a href="https://www.proconnect.gouv.fr/"[^>]*>Qu’est-ce que ProConnect \?</a>', group)
    assert link and 'target="_blank"' in link.group() and 'rel="noopener"' in link.group()
    assert "nouvelle fenêtre" in link.group()
    # The mark comes from a stylesheet and an SVG file of the portal: nothing inline (CSP without unsafe-inline).
    assert "portal/css/proconnect.css" in html
    assert not re.search(r"\sstyle=|\son[a-z]+=", group)
    static = Path(django_settings.BASE_DIR) / "portal" / "static" / "portal"
    assert "../img/proconnect.svg" in (static / "css" / "proconnect.css").read_text()
    assert (static / "img" / "proconnect.svg").read_text().startswith("<svg")
    # the local accounts stay
    assert 'id="id_username"' in html and 'id="id_password"' in html


@pytest.mark.django_db
def test_off_without_a_client_id(client, settings):
    settings.OIDC_RP_CLIENT_ID = ""
    html = client.get(LOGIN).content.decode()
    assert "fr-connect" not in html and "ProConnect" not in html and "proconnect.css" not in html
    assert client.get(INIT).status_code == 404
    assert client.get(CALLBACK + "?code=abc&state=def").status_code == 404
    # and the settings install the backend only with a client id (the test environment has none)
    assert BACKEND not in django_settings.AUTHENTICATION_BACKENDS


# --- signing in --------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_first_sign_in_creates_a_reader_then_finds_the_same_account(client, proconnect_on):
    proconnect_on.set_claims("camille", **CAMILLE)

    response = sign_in(client, proconnect_on, "camille")
    assert response.status_code == 302 and response["Location"] == "/"
    user = logged_in_user(client)
    assert user is not None and user.email == "camille.durand@interieur.gouv.fr"
    assert (user.first_name, user.last_name) == ("Camille", "Durand")
    assert list(user.groups.values_list("name", flat=True)) == [roles.READERS]
    assert not user.has_usable_password() and not user.is_staff and not user.is_superuser
    # the structure, where the portal keeps a person's: on their person, linked to the account
    person = Person.objects.get(user=user)
    assert person.structure == "Bureau de la qualité de service — SIRET 11000201100044"
    assert (person.first_name, person.last_name, person.email) == ("Camille", "Durand", "camille.durand@interieur.gouv.fr")
    # the page says who is there
    assert "Camille Durand" in client.get("/").content.decode()

    client.logout()
    assert logged_in_user(client) is None
    response = sign_in(client, proconnect_on, "camille")
    assert response.status_code == 302 and response["Location"] == "/"
    assert logged_in_user(client).pk == user.pk
    assert User.objects.filter(email__iexact=CAMILLE["email"]).count() == 1
    assert Person.objects.filter(email__iexact=CAMILLE["email"]).count() == 1


@pytest.mark.django_db
def test_an_existing_local_account_is_matched_whatever_the_case(client, proconnect_on):
    local = make_user(roles.CONTRIBUTORS, username="dominique", email="dominique.martin@dreal.gouv.fr",
                      first_name="Dominique", last_name="Martin-Leroy")
    proconnect_on.set_claims(
        "dominique", email="Dominique.MARTIN@dreal.gouv.fr", email_verified=True, given_name="Dom",
        usual_name="Martin", siret="13000712300011",
    )

    response = sign_in(client, proconnect_on, "dominique")
    assert response.status_code == 302 and response["Location"] == "/"
    assert logged_in_user(client).pk == local.pk
    local.refresh_from_db()
    # groups, names and password as the account had them
    assert list(local.groups.values_list("name", flat=True)) == [roles.CONTRIBUTORS]
    assert (local.first_name, local.last_name) == ("Dominique", "Martin-Leroy")
    assert local.check_password(PASSWORD)
    assert User.objects.filter(email__iexact="dominique.martin@dreal.gouv.fr").count() == 1


@pytest.mark.django_db
def test_the_structure_fills_a_blank_but_never_overwrites_nor_links_someone_else(client, proconnect_on):
    linked = make_user(roles.READERS, username="alix", email="alix@ddtm.gouv.fr")
    person = Person.objects.create(first_name="Alix", last_name="Bernard", email="alix@ddtm.gouv.fr", user=linked)
    written = make_user(roles.READERS, username="sacha", email="sacha@ddtm.gouv.fr")
    Person.objects.create(first_name="Sacha", last_name="Petit", email="sacha@ddtm.gouv.fr",
                          structure="DDTM des Côtes-d'Armor", user=written)
    # a member of a network, whose person nobody linked to an account yet: linking gives their roles
    unlinked = Person.objects.create(first_name="Noa", last_name="Roux", email="noa.roux@ddtm.gouv.fr")
    for sub, email in (("alix", "alix@ddtm.gouv.fr"), ("sacha", "sacha@ddtm.gouv.fr"), ("noa", "Noa.Roux@ddtm.gouv.fr")):
        proconnect_on.set_claims(sub, email=email, email_verified=True, given_name=sub.title(), usual_name="X",
                                 siret="13000712300011")
        client.logout()
        assert sign_in(client, proconnect_on, sub)["Location"] == "/"

    person.refresh_from_db()
    assert person.structure == "SIRET 13000712300011"
    assert Person.objects.get(user=written).structure == "DDTM des Côtes-d'Armor"
    unlinked.refresh_from_db()
    noa = User.objects.get(email="noa.roux@ddtm.gouv.fr")
    assert unlinked.user is None and not Person.objects.filter(user=noa).exists()


@pytest.mark.django_db
def test_next_is_kept_through_the_provider(client, proconnect_on):
    proconnect_on.set_claims("lou", email="lou@culture.gouv.fr", email_verified=True, given_name="Lou",
                             usual_name="Garnier", siret="11004601800013")
    response = sign_in(client, proconnect_on, "lou", next_url="/recherche/?q=coop%C3%A9ration")
    assert response.status_code == 302 and response["Location"] == "/recherche/?q=coop%C3%A9ration"


# --- refusals: a French message on the login page, never an error page ------------------------------


@pytest.mark.django_db
def test_claims_without_an_email_are_refused(client, proconnect_on):
    proconnect_on.set_claims("sans-adresse", given_name="Claude", usual_name="Sansmail", siret="11000201100044")
    html = error_on_login_page(client, sign_in(client, proconnect_on, "sans-adresse"))
    assert "ProConnect n'a pas transmis votre adresse électronique" in html
    assert logged_in_user(client) is None
    assert not User.objects.filter(last_name="Sansmail").exists()


@pytest.mark.django_db
def test_an_unverified_email_is_refused(client, proconnect_on):
    proconnect_on.set_claims("non-verifie", email="eden@exemple.gouv.fr", email_verified=False,
                             given_name="Eden", usual_name="Blanc", siret="11000201100044")
    html = error_on_login_page(client, sign_in(client, proconnect_on, "non-verifie"))
    assert "Votre adresse électronique n'est pas vérifiée auprès de ProConnect" in html
    assert logged_in_user(client) is None
    assert not User.objects.filter(email__iexact="eden@exemple.gouv.fr").exists()


@pytest.mark.django_db
def test_a_disabled_account_is_refused(client, proconnect_on):
    make_user(username="ancien", email="ancien@exemple.gouv.fr", is_active=False)
    proconnect_on.set_claims("ancien", email="ancien@exemple.gouv.fr", email_verified=True,
                             given_name="Ancien", usual_name="Agent", siret="11000201100044")
    html = error_on_login_page(client, sign_in(client, proconnect_on, "ancien"))
    assert "Votre compte sur le portail est désactivé" in html
    assert logged_in_user(client) is None


@pytest.mark.django_db
def test_a_refusal_at_the_provider_is_said(client, proconnect_on):
    response = client.get(INIT)
    authorization_url = response["Location"]
    denied = requests.post(authorization_url, data={"action": "deny"}, allow_redirects=False, timeout=5)
    assert denied.status_code == 302 and "error=access_denied" in denied.headers["Location"]
    html = error_on_login_page(client, client.get(denied.headers["Location"]))
    assert "La connexion avec ProConnect a été annulée ou refusée." in html


@pytest.mark.django_db
def test_a_replayed_or_forged_callback_is_refused(client, proconnect_on):
    proconnect_on.set_claims("rejoue", email="rejoue@exemple.gouv.fr", email_verified=True,
                             given_name="Re", usual_name="Joue", siret="11000201100044")
    response = client.get(INIT)
    back = proconnect_on.authorize(response["Location"], "rejoue")
    assert client.get(back)["Location"] == "/"
    client.logout()
    # the same code and state again, and a state the portal never issued
    assert "n'a pas abouti" in error_on_login_page(client, client.get(back))
    assert "n'a pas abouti" in error_on_login_page(client, client.get(CALLBACK + "?code=x&state=inconnu"))


@pytest.mark.django_db
def test_a_provider_that_does_not_answer_is_said(client, settings, proconnect_on):
    with socket.socket() as probe:  # a loopback port nobody listens on
        probe.bind(("127.0.0.1", 0))
        closed = probe.getsockname()[1]
    settings.OIDC_OP_DISCOVERY_URL = f"http://127.0.0.1:{closed}/.well-known/openid-configuration"
    settings.OIDC_TIMEOUT = 2
    html = error_on_login_page(client, client.get(INIT))
    assert "La connexion avec ProConnect n'a pas abouti" in html


# --- the provider's endpoints: discovered lazily, once -----------------------------------------------


@pytest.mark.django_db
def test_discovery_is_read_at_first_use_and_kept(client, proconnect_on, monkeypatch, reader):
    proconnect.__dict__["_documents"].pop(proconnect_on.discovery_url, None)
    calls = []
    real_get = requests.get

    def counting_get(url, *args, **kwargs):
        calls.append(url)
        return real_get(url, *args, **kwargs)

    monkeypatch.setattr(requests, "get", counting_get)
    # building the backends (Django does it for every permission check) reads nothing
    assert reader.has_perm("wagtailadmin.access_admin") is False
    client.force_login(reader)
    assert client.get("/").status_code == 200
    assert calls == []

    proconnect_on.set_claims("decouverte", email="decouverte@exemple.gouv.fr", email_verified=True,
                             given_name="Dé", usual_name="Couverte", siret="11000201100044")
    client.logout()
    sign_in(client, proconnect_on, "decouverte")
    client.logout()
    sign_in(client, proconnect_on, "decouverte")
    assert calls.count(proconnect_on.discovery_url) == 1


@pytest.mark.django_db
def test_explicit_endpoints_win_over_discovery(client, settings, proconnect_on):
    settings.OIDC_OP_DISCOVERY_URL = ""
    base = proconnect_on.base_url
    settings.OIDC_OP_AUTHORIZATION_ENDPOINT = base + "/oauth2/authorize"
    settings.OIDC_OP_TOKEN_ENDPOINT = base + "/oauth2/token"
    settings.OIDC_OP_USER_ENDPOINT = base + "/userinfo"
    settings.OIDC_OP_JWKS_ENDPOINT = base + "/jwks"
    proconnect_on.set_claims("explicite", email="explicite@exemple.gouv.fr", email_verified=True,
                             given_name="Ex", usual_name="Plicite", siret="11000201100044")
    assert sign_in(client, proconnect_on, "explicite")["Location"] == "/"
    assert logged_in_user(client).email == "explicite@exemple.gouv.fr"


# --- logging out ---------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_logout_also_ends_the_proconnect_session(client, proconnect_on):
    proconnect_on.set_claims("sortie", email="sortie@exemple.gouv.fr", email_verified=True,
                             given_name="Sam", usual_name="Sortie", siret="11000201100044")
    sign_in(client, proconnect_on, "sortie")
    id_token = client.session["oidc_id_token"]

    response = client.post("/deconnexion/")
    assert response.status_code == 302
    end_session = urlsplit(response["Location"])
    assert f"{end_session.scheme}://{end_session.netloc}" == proconnect_on.base_url
    assert end_session.path == "/oauth2/end_session"
    query = parse_qs(end_session.query)
    assert query["id_token_hint"] == [id_token]
    assert query["post_logout_redirect_uri"] == ["http://testserver/connexion/"]
    assert query["state"][0]
    assert logged_in_user(client) is None  # out of the portal at once

    # the provider ends its session and sends the browser back to the login page
    form = requests.get(response["Location"], timeout=5)
    assert form.status_code == 200
    redirect_uri = re.search(r'name="redirect_uri" value="([^"]+)"', form.text).group(1).replace("&amp;", "&")
    confirmed = requests.post(proconnect_on.base_url + "/oauth2/end_session/confirm",
                              data={"redirect_uri": redirect_uri}, allow_redirects=False, timeout=5)
    assert confirmed.status_code == 302
    assert confirmed.headers["Location"].startswith("http://testserver/connexion/?state=")
    assert client.get(urlsplit(confirmed.headers["Location"]).path).status_code == 200


@pytest.mark.django_db
def test_a_local_logout_is_unchanged(client, proconnect_on):
    make_user(username="cadre")
    client.post(LOGIN, {"username": "cadre", "password": PASSWORD})
    response = client.post("/deconnexion/")
    assert response.status_code == 302 and response["Location"] == LOGIN


@pytest.mark.django_db
def test_first_sign_in_without_the_readers_group_still_signs_in(client, proconnect_on):
    Group.objects.filter(name=roles.READERS).delete()
    proconnect_on.set_claims("sans-groupe", email="sans-groupe@exemple.gouv.fr", email_verified=True,
                             given_name="Sans", usual_name="Groupe", siret="11000201100044")
    assert sign_in(client, proconnect_on, "sans-groupe")["Location"] == "/"
    assert not logged_in_user(client).groups.exists()
