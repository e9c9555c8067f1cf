"""Issue 12, finding 7: refusals are one log line, a reader refused by a group restriction gets the
portal's French 403, and the accessibility statement is reachable without a login."""

import copy
import io
import logging.config

import pytest
from django.contrib.auth.models import Group
from wagtail.models import PageViewRestriction

from portal import roles
from portal.settings.base import LOGGING as SITE_LOGGING

from .factories import make_fiche

pytestmark = pytest.mark.django_db


def restricted_fiche():
    fiche = make_fiche("Fiche des modérateurs")
    restriction = PageViewRestriction.objects.create(page=fiche, restriction_type=PageViewRestriction.GROUPS)
    restriction.groups.add(Group.objects.get(name=roles.MODERATORS))
    return fiche


def test_a_reader_refused_by_a_group_restriction_gets_the_french_403(client, reader, moderator):
    fiche = restricted_fiche()
    client.force_login(reader)
    response = client.get(fiche.url)
    assert response.status_code == 403
    html = response.content.decode()
    assert "Accès refusé" in html and "Fiche des modérateurs" not in html
    client.force_login(moderator)
    assert client.get(fiche.url).status_code == 200


def test_an_anonymous_visitor_of_a_restricted_page_still_goes_to_the_login_page(client):
    fiche = restricted_fiche()
    response = client.get(fiche.url)
    assert response.status_code == 302 and response["Location"].startswith("/connexion/")


def test_a_403_is_one_log_line_without_traceback(client, reader, settings):
    """With the site's logging (the tests quiet it), a refusal writes one line and no traceback."""
    fiche = restricted_fiche()
    client.force_login(reader)
    stream = io.StringIO()
    site = copy.deepcopy(SITE_LOGGING)
    site["handlers"]["console"]["stream"] = stream
    logging.config.dictConfig(site)
    try:
        assert client.get(fiche.url).status_code == 403
    finally:
        logging.config.dictConfig(settings.LOGGING)
    written = stream.getvalue()
    assert len([line for line in written.splitlines() if "Forbidden" in line]) == 1, written
    assert "Traceback" not in written


def test_the_accessibility_statement_needs_no_login(client):
    response = client.get("/accessibilite/")
    assert response.status_code == 200
    assert "Accessibilité" in response.content.decode()


def test_the_login_page_links_to_a_reachable_accessibility_statement(client):
    html = client.get("/connexion/").content.decode()
    assert 'href="/accessibilite/"' in html
    assert client.get("/accessibilite/").status_code == 200
