"""Issue 12, finding 3: sign-ins and password resets resist guessing (django-axes, portal.throttle).

After five failures in fifteen minutes, for one account or from one address, the next tries get the
French 429 page saying until when; the lock is kept in the database (a restart does not lift it, an
administrator does, from the admin), and it ends by itself after the delay.
"""

import datetime
import logging

import pytest
from axes.models import AccessAttempt
from django.core import mail
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from .factories import PASSWORD

pytestmark = pytest.mark.django_db

LOGIN = reverse("login")
RESET = reverse("password_reset")


def sign_in(client, username, password, address="10.0.0.1", **extra):
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=address, **extra)


def signed_in(client):
    return "_auth_user_id" in client.session


def test_thirty_wrong_passwords_then_the_right_one_is_refused_with_a_french_429(client, reader, caplog):
    statuses = [sign_in(client, reader.username, f"faux-{n}").status_code for n in range(30)]
    # four plain refusals (the form again), then the lock from the fifth failure on
    assert statuses[:4] == [200] * 4
    assert set(statuses[4:]) == {429}
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="portal.throttle"):
        response = sign_in(client, reader.username, PASSWORD)
    assert response.status_code == 429
    assert not signed_in(client)
    html = response.content.decode()
    assert "Trop de tentatives de connexion" in html
    assert "vous pourrez réessayer à" in html
    assert int(response["Retry-After"]) == 15 * 60
    # one line for the refusal, naming the account and the address, no traceback
    lines = [record for record in caplog.records if record.name == "portal.throttle"]
    assert len(lines) == 1 and "lecteur-test" in lines[0].getMessage() and "10.0.0.1" in lines[0].getMessage()
    assert lines[0].exc_info is None


def test_the_lock_survives_a_restart_and_ends_after_fifteen_minutes(reader):
    for n in range(5):
        sign_in(Client(), reader.username, f"faux-{n}")
    # A restart: new processes have empty caches and new clients; the count is in the database.
    cache.clear()
    assert sign_in(Client(), reader.username, PASSWORD).status_code == 429
    # Sixteen minutes after the last try the lock is over.
    AccessAttempt.objects.update(attempt_time=datetime.datetime.now(datetime.UTC) - datetime.timedelta(minutes=16))
    client = Client()
    assert sign_in(client, reader.username, PASSWORD).status_code == 302
    assert signed_in(client)


def test_an_account_is_locked_from_every_address_and_an_address_for_every_account(reader, contributor):
    for n in range(5):
        sign_in(Client(), reader.username, f"faux-{n}", address=f"10.0.1.{n}")
    # per account: five addresses, one account, and a sixth address is refused too
    assert sign_in(Client(), reader.username, PASSWORD, address="10.0.1.99").status_code == 429
    # another account from a fresh address is not affected
    client = Client()
    assert sign_in(client, contributor.username, PASSWORD, address="10.0.2.1").status_code == 302

    # per address: five accounts guessed from one address, then a sixth account from it is refused
    for n in range(5):
        sign_in(Client(), f"inconnu-{n}", "faux", address="10.0.3.1")
    assert sign_in(Client(), contributor.username, PASSWORD, address="10.0.3.1").status_code == 429


def test_signing_in_to_ones_own_account_does_not_clear_the_counts(reader, contributor):
    """Otherwise an agent could guess a colleague's password four times, sign in to their own account
    from the same address (clearing that address's counts), and start again."""
    for n in range(4):
        assert sign_in(Client(), reader.username, f"faux-{n}").status_code == 200
    assert sign_in(Client(), contributor.username, PASSWORD).status_code == 302
    assert sign_in(Client(), reader.username, "faux-4", address="10.0.9.9").status_code == 429
    assert sign_in(Client(), reader.username, PASSWORD, address="10.0.9.10").status_code == 429


def test_an_administrator_lifts_the_lock_from_the_admin(client, reader, administrator):
    for n in range(5):
        sign_in(Client(), reader.username, f"faux-{n}")
    assert sign_in(Client(), reader.username, PASSWORD).status_code == 429

    client.force_login(administrator)
    listing = client.get("/admin/connexions-bloquees/")
    assert listing.status_code == 200
    html = listing.content.decode()
    assert "Connexions bloquées" in html and "lecteur-test" in html and "10.0.0.1" in html
    attempt = AccessAttempt.objects.get(username=reader.username)
    response = client.post(f"/admin/connexions-bloquees/delete/{attempt.pk}/", follow=True)
    assert response.status_code == 200
    assert "Blocage levé pour « lecteur-test »" in response.content.decode()

    unlocked = Client()
    assert sign_in(unlocked, reader.username, PASSWORD).status_code == 302
    assert signed_in(unlocked)


def test_the_lock_list_is_for_administrators_only_and_read_only(client, reader, moderator, administrator):
    sign_in(Client(), reader.username, "faux")
    attempt = AccessAttempt.objects.get()
    client.force_login(moderator)
    assert client.get("/admin/connexions-bloquees/").status_code in (302, 403)
    assert client.post(f"/admin/connexions-bloquees/delete/{attempt.pk}/").status_code in (302, 403)
    assert AccessAttempt.objects.exists()
    client.force_login(administrator)
    assert client.get("/admin/connexions-bloquees/new/").status_code in (302, 403, 404)
    assert client.get(f"/admin/connexions-bloquees/edit/{attempt.pk}/").status_code in (302, 403, 404)


def test_password_reset_requests_are_throttled_per_address_and_per_email(client, reader):
    reader.email = "lecteur.test@exemple.gouv.fr"
    reader.save()
    for n in range(5):
        response = client.post(RESET, {"email": reader.email}, REMOTE_ADDR=f"10.0.4.{n}")
        assert response.status_code == 302, n
    assert len(mail.outbox) == 5
    # the sixth request for this e-mail, from yet another address: refused, no e-mail
    response = client.post(RESET, {"email": reader.email.upper()}, REMOTE_ADDR="10.0.4.99")
    assert response.status_code == 429
    assert "Trop de demandes de réinitialisation" in response.content.decode()
    assert len(mail.outbox) == 5
    # asking for a new password is not a wrong password: the account still signs in elsewhere
    fresh = Client()
    assert sign_in(fresh, reader.username, PASSWORD, address="10.0.5.1").status_code == 302

    # per address: five different e-mails from one address, then the sixth is refused
    for n in range(5):
        assert client.post(RESET, {"email": f"personne{n}@exemple.gouv.fr"}, REMOTE_ADDR="10.0.6.1").status_code == 302
    assert client.post(RESET, {"email": "autre@exemple.gouv.fr"}, REMOTE_ADDR="10.0.6.1").status_code == 429


def test_behind_a_trusted_proxy_the_client_address_is_the_forwarded_one(settings, reader):
    settings.TRUSTED_PROXY_COUNT = 1
    # Every request comes from the proxy (127.0.0.1); five failures from one agent's address…
    for n in range(5):
        sign_in(Client(), f"inconnu-{n}", "faux", address="127.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.9, 10.0.7.1")
    # …lock that address, not the proxy: another agent behind the same proxy signs in.
    client = Client()
    assert sign_in(client, reader.username, PASSWORD, address="127.0.0.1", HTTP_X_FORWARDED_FOR="10.0.7.2").status_code == 302
    assert sign_in(Client(), "autre", "faux", address="127.0.0.1", HTTP_X_FORWARDED_FOR="10.0.7.1").status_code == 429
