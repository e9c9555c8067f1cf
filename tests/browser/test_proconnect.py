"""An agent signs in with ProConnect: the button, the provider's form, the portal's home page, the way out.

The provider is real (tests/oidc_provider.py), on the loopback like the live server.
"""

import pytest
from django.conf import settings as django_settings
from django.contrib.auth import get_user_model

from portal import roles
from tests.oidc_provider import running_provider

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.filterwarnings("ignore::authlib.deprecate.AuthlibDeprecationWarning"),
    pytest.mark.filterwarnings("ignore:get_jwt_config:DeprecationWarning"),
]


@pytest.fixture
def provider(settings):
    with running_provider() as provider:
        for name, value in provider.settings().items():
            setattr(settings, name, value)
        settings.AUTHENTICATION_BACKENDS = [*django_settings.AUTHENTICATION_BACKENDS, "portal.proconnect.ProConnectBackend"]
        yield provider


def test_an_agent_signs_in_with_proconnect_and_out(page, live_server, provider):
    provider.set_claims(
        "camille",
        email="camille.durand@interieur.gouv.fr",
        email_verified=True,
        given_name="Camille",
        usual_name="Durand",
        siret="11000201100044",
    )

    page.goto(live_server.url + "/")
    assert "/connexion/" in page.url
    button = page.get_by_role("link", name="S’identifier avec ProConnect")
    assert button.is_visible()
    # the DSFR connect button, with the portal's ProConnect mark instead of FranceConnect's
    mark = page.evaluate("getComputedStyle(document.querySelector('.fr-connect'), '::before').backgroundImage")
    assert "proconnect.svg" in mark
    about = page.get_by_role("link", name="Qu’est-ce que ProConnect ?")
    assert about.get_attribute("href") == "https://www.proconnect.gouv.fr/"
    assert about.get_attribute("target") == "_blank"

    button.click()
    page.wait_for_url(provider.base_url + "/oauth2/authorize?**")
    page.fill("input[name=sub]", "camille")
    page.get_by_role("button", name="Authorize").click()
    page.wait_for_url(live_server.url + "/")

    header = page.locator("header.fr-header")
    assert "Camille Durand" in header.inner_text()
    assert page.locator("nav#navigation-principale a[aria-current=page]").inner_text() == "Accueil"
    user = get_user_model().objects.get(email="camille.durand@interieur.gouv.fr")
    assert list(user.groups.values_list("name", flat=True)) == [roles.READERS]

    # logging out goes through ProConnect's end of session and back to the login page
    header.get_by_role("button", name="Se déconnecter").click()
    page.wait_for_url(provider.base_url + "/oauth2/end_session?**")
    page.get_by_role("button", name="End session").click()
    page.wait_for_url(live_server.url + "/connexion/?state=**")
    page.goto(live_server.url + "/")
    assert "/connexion/" in page.url
