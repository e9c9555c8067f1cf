"""Issue 13, finding 6: no page writes an error or a warning to the browser console.

The DSFR's script reports what is wrong with a component in the console (a modal without a name, a header
without its menu…) and breaks off the set-up of the page when it meets markup it does not expect: a clean
console is how a reader's page is known to be complete. Every front-office page type is loaded at a phone's
width and at a desktop's (the DSFR sets up the header's modals differently), as a logged-in reader, and the
login page logged out.
"""

import pytest

from tests.browser.front_office import WIDTHS, log_in, reader_pages, settle
from tests.factories import make_front_office

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

EXPECTED_STATUS = {"erreur 404": 404, "erreur 403": 403}


class Console:
    """Errors and warnings a page writes, with uncaught exceptions. The browser also logs « Failed to load
    resource » for the document of an error page itself, which is the page's purpose, not a fault."""

    def __init__(self, page):
        self.messages = []
        self.expected_failure = None
        page.on("console", self._on_console)
        page.on("pageerror", lambda error: self.messages.append(f"exception : {error}"))

    def _on_console(self, message):
        if message.type not in ("error", "warning"):
            return
        if self.expected_failure and message.text.startswith("Failed to load resource"):
            url, status = self.expected_failure
            if message.location.get("url") == url and f"status of {status}" in message.text:
                return
        self.messages.append(f"{message.type} : {message.text}")

    def visit(self, page, url, status=200):
        self.messages.clear()
        self.expected_failure = (url, status) if status != 200 else None
        response = page.goto(url)
        assert response.status == status, f"{url} : {response.status}"
        settle(page)
        return list(self.messages)


def test_no_page_writes_an_error_or_a_warning_to_the_console(open_page, live_server):
    site = make_front_office()
    problems = []
    for label, width in WIDTHS.items():
        page = open_page(width)
        console = Console(page)

        url = live_server.url + "/connexion/"
        problems += [f"[{label}] connexion (déconnecté) : {message}" for message in console.visit(page, url)]

        log_in(page, live_server.url, site.reader.username)
        for name, path in reader_pages(site):
            url = live_server.url + path
            messages = console.visit(page, url, EXPECTED_STATUS.get(name, 200))
            problems += [f"[{label}] {name} ({path}) : {message}" for message in messages]
    assert not problems, "\n".join(problems)
