"""Issue 12, finding 5: every page carries a Content-Security-Policy and a Permissions-Policy.

The policy's reasons are in portal/security_headers.py; the browser test (tests/browser/
test_security_headers.py) shows the pages and the admin working under it.
"""

import pytest
from django.contrib.messages import constants
from django.contrib.messages.storage.base import Message
from django.http import HttpResponse
from django.template import Context, Template
from django.utils.html import format_html

from portal.security_headers import PortalCSPMiddleware

pytestmark = pytest.mark.django_db


def directives(response):
    return {
        part.split()[0]: part.split()[1:]
        for part in response["Content-Security-Policy"].split(";")
        if part.strip()
    }


@pytest.mark.parametrize("path", ["/", "/fiches/", "/recherche/?q=management", "/accessibilite/"])
def test_reader_pages_allow_scripts_from_the_portal_only(reader_client, path):
    response = reader_client.get(path)
    assert response.status_code == 200
    policy = directives(response)
    assert policy["script-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["base-uri"] == ["'self'"]
    assert policy["frame-ancestors"] == ["'self'"]
    assert policy["form-action"][0] == "'self'"
    assert "camera=()" in response["Permissions-Policy"] and "geolocation=()" in response["Permissions-Policy"]


def test_the_login_page_too(client):
    response = client.get("/connexion/")
    assert directives(response)["script-src"] == ["'self'"]


def test_a_nonce_given_to_a_template_reaches_the_policy(rf):
    def view(request):
        return HttpResponse(f'<script nonce="{request.csp_nonce}">1</script>')

    request = rf.get("/")
    response = PortalCSPMiddleware(view)(request)
    nonce = response.content.decode().split('"')[1]
    assert f"'nonce-{nonce}'" in directives(response)["script-src"]


def test_only_the_admin_allows_inline_scripts(client, administrator):
    client.force_login(administrator)
    response = client.get("/admin/")
    policy = directives(response)
    assert policy["script-src"] == ["'self'", "'unsafe-inline'"]
    assert policy["object-src"] == ["'none'"]


def test_messages_shown_by_the_dsfr_are_escaped():
    """django-dsfr would mark them safe by default (DSFR_CONTENT_IS_SAFE): a message quoting what a user
    typed must not become markup."""
    html = Template("{% load dsfr_tags %}{% dsfr_django_messages %}").render(
        Context({"messages": [Message(constants.ERROR, "Réseau « <script>alert(1)</script> » introuvable")]})
    )
    assert "<script>" not in html and "&lt;script&gt;" in html
    built = Template("{% load dsfr_tags %}{% dsfr_django_messages %}").render(
        Context({"messages": [Message(constants.INFO, format_html('<a href="{}">Voir</a>', "/fiches/"))]})
    )
    assert '<a href="/fiches/">Voir</a>' in built


def test_proconnects_origin_may_receive_the_logout_form_while_it_is_on(reader_client, settings):
    assert directives(reader_client.get("/"))["form-action"] == ["'self'"]
    settings.OIDC_RP_CLIENT_ID = "portail"
    settings.OIDC_OP_DISCOVERY_URL = "https://auth.agentconnect.gouv.fr/api/v2/.well-known/openid-configuration"
    assert directives(reader_client.get("/"))["form-action"] == ["'self'", "https://auth.agentconnect.gouv.fr"]
