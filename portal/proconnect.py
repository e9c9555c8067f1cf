"""Sign-in with ProConnect, the State's identity federation for its agents (OpenID Connect).

mozilla-django-oidc speaks the protocol: the authorization request, the state and nonce kept in the
session, the code exchanged for tokens, the ID token's signature checked against the provider's keys.
This module fits it to the portal:

- the feature exists only while OIDC_RP_CLIENT_ID is set; otherwise the views answer 404, the login page
  shows no button and the settings do not install the backend;
- the provider's endpoints may come from its discovery document, read at first use and kept for a day,
  never at import (settings do no network I/O) and never when Django merely builds the backends, which it
  does for every permission check: a provider that is down must not break the pages of people already in;
- accounts are matched by e-mail address, whatever its case; a first sign-in creates a reader;
- a refusal (no address, an address the provider did not verify, a provider that does not answer) is a
  French message on the login page, never an error page;
- logging out of the portal also ends the ProConnect session, as ProConnect requires.

What ProConnect says about the agent's structure is sent with `signed_in`, for the domain to keep it
where it keeps people's structures (the portal does not know people: practices does).
"""

import logging
import threading
import time
from urllib.parse import urlencode

import jwt
import requests
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.models import Group
from django.core.exceptions import ImproperlyConfigured, SuspiciousOperation
from django.db import transaction
from django.dispatch import Signal
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import resolve_url
from django.utils.crypto import get_random_string
from django.utils.module_loading import import_string
from django.utils.translation import gettext_lazy as _
from django.views.generic import View
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.utils import import_from_settings
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView, OIDCAuthenticationRequestView

from . import roles

logger = logging.getLogger(__name__)

# Sent after a successful sign-in with ProConnect, inside the transaction that created or found the user:
# user, claims (what ProConnect said), structure (a text, possibly empty), created (a new account).
signed_in = Signal()

REFUSED_NO_EMAIL = _(
    "ProConnect n'a pas transmis votre adresse électronique : la connexion est impossible. "
    "Connectez-vous avec votre identifiant, ou contactez l'administrateur du portail."
)
REFUSED_UNVERIFIED = _(
    "Votre adresse électronique n'est pas vérifiée auprès de ProConnect : la connexion est impossible. "
    "Vérifiez-la auprès de votre fournisseur d'identité, puis réessayez."
)
REFUSED_AMBIGUOUS = _(
    "Plusieurs comptes du portail portent votre adresse électronique : la connexion est impossible. "
    "Contactez l'administrateur du portail."
)
REFUSED_INACTIVE = _("Votre compte sur le portail est désactivé. Contactez l'administrateur du portail.")
REFUSED_CANCELLED = _("La connexion avec ProConnect a été annulée ou refusée.")
REFUSED_UNAVAILABLE = _(
    "La connexion avec ProConnect n'a pas abouti. Réessayez dans quelques instants, "
    "ou connectez-vous avec votre identifiant."
)

# mozilla-django-oidc's setting → the field of the provider's discovery document that gives it.
ENDPOINTS = {
    "OIDC_OP_AUTHORIZATION_ENDPOINT": "authorization_endpoint",
    "OIDC_OP_TOKEN_ENDPOINT": "token_endpoint",
    "OIDC_OP_USER_ENDPOINT": "userinfo_endpoint",
    "OIDC_OP_JWKS_ENDPOINT": "jwks_uri",
    "OIDC_OP_LOGOUT_ENDPOINT": "end_session_endpoint",
}
DISCOVERY_MAX_AGE = 24 * 60 * 60


class ProviderUnavailable(Exception):
    """The discovery document could not be read."""


# What can go wrong while talking to the provider: each ends on the login page with a message. The last
# ones come from answers the provider should not give (a token or a document missing a field).
PROVIDER_ERRORS = (
    ProviderUnavailable,
    ImproperlyConfigured,
    SuspiciousOperation,
    requests.RequestException,
    jwt.PyJWTError,
    KeyError,
    ValueError,
)

_documents = {}  # discovery URL → (read at, document)
_documents_lock = threading.Lock()


def enabled():
    return bool(getattr(settings, "OIDC_RP_CLIENT_ID", ""))


def discovery_document(url):
    """The provider's `.well-known/openid-configuration`, read once a day per process.

    A failed read is not kept: the next sign-in tries again.
    """
    with _documents_lock:
        kept = _documents.get(url)
    if kept is not None and time.monotonic() - kept[0] < DISCOVERY_MAX_AGE:
        return kept[1]
    try:
        response = requests.get(
            url,
            timeout=import_from_settings("OIDC_TIMEOUT", None),
            verify=import_from_settings("OIDC_VERIFY_SSL", True),
            proxies=import_from_settings("OIDC_PROXY", None),
        )
        response.raise_for_status()
        document = response.json()
    except (requests.RequestException, ValueError) as exc:
        raise ProviderUnavailable(f"cannot read {url}: {exc}") from exc
    if not isinstance(document, dict):
        raise ProviderUnavailable(f"{url} is not a discovery document")
    with _documents_lock:
        _documents[url] = (time.monotonic(), document)
    return document


def provider_setting(name, *default):
    """mozilla-django-oidc's `get_settings`, with the endpoints taken from discovery when not set one by one."""
    if name not in ENDPOINTS:
        return import_from_settings(name, *default)
    explicit = getattr(settings, name, "")
    if explicit:
        return explicit
    discovery_url = getattr(settings, "OIDC_OP_DISCOVERY_URL", "")
    if discovery_url:
        found = discovery_document(discovery_url).get(ENDPOINTS[name])
        if found:
            return found
    if default:
        return default[0]
    raise ImproperlyConfigured(f"{name} is not set and OIDC_OP_DISCOVERY_URL does not give it")


def structure_from_claims(claims):
    """The agent's structure as people read it: the unit ProConnect names, and the SIRET that identifies it.

    ProConnect always gives the SIRET of the agent's organisation; the name of their direction, service
    or bureau (`organizational_unit`) only when their identity provider knows it.
    """
    unit = str(claims.get("organizational_unit") or "").strip()
    siret = "".join(str(claims.get("siret") or "").split())
    parts = [unit] if unit else []
    if siret:
        parts.append(f"SIRET {siret}")
    return " — ".join(parts)


def _refuse(request, message):
    """Remember why a sign-in is refused, for the callback view to say it on the login page."""
    if request is not None:
        request.proconnect_refusal = message
    return False


class ProConnectBackend(OIDCAuthenticationBackend):
    """Signs in the agent ProConnect vouches for: the account with their address, or a new reader's."""

    # mozilla-django-oidc reads its settings in __init__; Django builds the backends for every permission
    # check, so they are read when the sign-in needs them instead (__getattr__).
    _defaults = {"OIDC_OP_JWKS_ENDPOINT": None, "OIDC_RP_SIGN_ALGO": "RS256", "OIDC_RP_IDP_SIGN_KEY": None}

    def __init__(self, *args, **kwargs):
        self.UserModel = get_user_model()

    def __getattr__(self, name):
        if name.startswith("OIDC_"):
            if name in self._defaults:
                return provider_setting(name, self._defaults[name])
            return provider_setting(name)
        raise AttributeError(name)

    @staticmethod
    def get_settings(attr, *args):
        return provider_setting(attr, *args)

    def authenticate(self, request, **kwargs):
        # Only the callback view passes a nonce: a login form posted with ?code=…&state=… must not
        # reach the provider.
        if request is None or "nonce" not in kwargs or not enabled():
            return None
        return super().authenticate(request, **kwargs)

    def retrieve_matching_jwk(self, token):
        """The provider's key for `token`; a token whose header names no key is checked against its only one.

        The key id (`kid`) is optional in a JWS header, and mozilla-django-oidc fails on a token without it.
        """
        if "kid" in jwt.get_unverified_header(token):
            return super().retrieve_matching_jwk(token)
        response = requests.get(
            self.OIDC_OP_JWKS_ENDPOINT,
            verify=self.get_settings("OIDC_VERIFY_SSL", True),
            timeout=self.get_settings("OIDC_TIMEOUT", None),
            proxies=self.get_settings("OIDC_PROXY", None),
        )
        response.raise_for_status()
        keys = [key for key in response.json().get("keys", []) if key.get("use", "sig") == "sig"]
        if len(keys) != 1:
            raise SuspiciousOperation("the token names no key and the provider publishes several")
        return jwt.PyJWK(keys[0])

    def verify_claims(self, claims):
        if not _email(claims):
            return _refuse(self.request, REFUSED_NO_EMAIL)
        if str(claims.get("email_verified", "")).lower() == "false":
            return _refuse(self.request, REFUSED_UNVERIFIED)
        return True

    def filter_users_by_claims(self, claims):
        users = self.UserModel.objects.filter(email__iexact=_email(claims))
        if len(users) > 1:
            _refuse(self.request, REFUSED_AMBIGUOUS)
        return users

    def get_username(self, claims):
        """The address itself, readable in the admin's user list; made unique if a local account took it."""
        base = _email(claims).lower()[:150]
        candidate, n = base, 1
        while self.UserModel.objects.filter(username__iexact=candidate).exists():
            n += 1
            suffix = f"-{n}"
            candidate = base[: 150 - len(suffix)] + suffix
        return candidate

    @transaction.atomic
    def create_user(self, claims):
        """A reader, with no password: they sign in through ProConnect (or ask an administrator)."""
        first_name, last_name = _names(claims)
        user = self.UserModel.objects.create_user(
            self.get_username(claims), email=_email(claims).lower(), first_name=first_name, last_name=last_name
        )
        readers = Group.objects.filter(name=roles.READERS).first()
        if readers is None:
            logger.warning("group %s missing: %s signed in with no role", roles.READERS, user.username)
        else:
            user.groups.add(readers)
        signed_in.send(type(self), user=user, claims=claims, structure=structure_from_claims(claims), created=True)
        return user

    @transaction.atomic
    def update_user(self, user, claims):
        """The account stays as its owner and administrators left it: only missing names are filled in."""
        first_name, last_name = _names(claims)
        changed = []
        if first_name and not user.first_name:
            user.first_name = first_name
            changed.append("first_name")
        if last_name and not user.last_name:
            user.last_name = last_name
            changed.append("last_name")
        if changed:
            user.save(update_fields=changed)
        signed_in.send(type(self), user=user, claims=claims, structure=structure_from_claims(claims), created=False)
        return user


def _email(claims):
    return str(claims.get("email") or "").strip()


def _names(claims):
    max_length = get_user_model()._meta.get_field("first_name").max_length
    given = str(claims.get("given_name") or "").strip()[:max_length]
    usual = str(claims.get("usual_name") or claims.get("family_name") or "").strip()[:max_length]
    return given, usual


class EnabledOnly:
    """404 while the feature is off, as if the route did not exist."""

    def dispatch(self, request, *args, **kwargs):
        if not enabled():
            raise Http404
        return super().dispatch(request, *args, **kwargs)


class AuthenticationRequestView(EnabledOnly, OIDCAuthenticationRequestView):
    """Sends the browser to ProConnect's authorization endpoint."""

    def __init__(self, **kwargs):
        # mozilla-django-oidc's __init__ reads the endpoints; get() does, where a failure can be answered.
        View.__init__(self, **kwargs)

    @staticmethod
    def get_settings(attr, *args):
        return provider_setting(attr, *args)

    def get(self, request):
        try:
            self.OIDC_OP_AUTH_ENDPOINT = provider_setting("OIDC_OP_AUTHORIZATION_ENDPOINT")
            self.OIDC_RP_CLIENT_ID = provider_setting("OIDC_RP_CLIENT_ID")
        except PROVIDER_ERRORS as exc:
            logger.warning("ProConnect sign-in cannot start: %s", exc)
            messages.error(request, REFUSED_UNAVAILABLE)
            return HttpResponseRedirect(resolve_url(settings.LOGIN_URL))
        return super().get(request)


class AuthenticationCallbackView(EnabledOnly, OIDCAuthenticationCallbackView):
    """Where ProConnect sends the browser back: signs the agent in, or says on the login page why not."""

    @staticmethod
    def get_settings(attr, *args):
        return provider_setting(attr, *args)

    @property
    def failure_url(self):
        return resolve_url(settings.LOGIN_URL)

    def get(self, request):
        try:
            return super().get(request)
        except PROVIDER_ERRORS as exc:
            logger.warning("ProConnect sign-in failed: %s", exc, exc_info=True)
            return self.login_failure()

    def login_failure(self):
        user = getattr(self, "user", None)
        if user is not None and not user.is_active:
            message = REFUSED_INACTIVE
        elif self.request.GET.get("error"):
            message = REFUSED_CANCELLED
        else:
            message = getattr(self.request, "proconnect_refusal", None) or REFUSED_UNAVAILABLE
        messages.error(self.request, message)
        return super().login_failure()


authentication_init = login_not_required(AuthenticationRequestView.as_view())
authentication_callback = login_not_required(AuthenticationCallbackView.as_view())


def provider_logout_url(request):
    """Where the browser goes after a portal logout (OIDC_OP_LOGOUT_URL_METHOD): ProConnect's end of session.

    ProConnect keeps its own session; without this, the next « S'identifier avec ProConnect » on a shared
    computer would sign the previous agent in again. It needs the ID token of the sign-in
    (OIDC_STORE_ID_TOKEN) and comes back to LOGOUT_REDIRECT_URL, which must be registered with it. Should
    the provider not answer, the portal's own logout still happens.
    """
    after = request.build_absolute_uri(resolve_url(settings.LOGOUT_REDIRECT_URL))
    id_token = request.session.get("oidc_id_token")
    if not (enabled() and id_token):
        return after
    try:
        endpoint = provider_setting("OIDC_OP_LOGOUT_ENDPOINT")
    except PROVIDER_ERRORS as exc:
        logger.warning("ProConnect session not ended: %s", exc)
        return after
    query = urlencode({"id_token_hint": id_token, "state": get_random_string(32), "post_logout_redirect_uri": after})
    return f"{endpoint}{'&' if '?' in endpoint else '?'}{query}"


class LogoutView(auth_views.LogoutView):
    """Django's logout; for an agent signed in through ProConnect, then ProConnect's own."""

    def post(self, request, *args, **kwargs):
        method = getattr(settings, "OIDC_OP_LOGOUT_URL_METHOD", "")
        provider_url = import_string(method)(request) if method and request.session.get("oidc_id_token") else None
        response = super().post(request, *args, **kwargs)
        return HttpResponseRedirect(provider_url) if provider_url else response
