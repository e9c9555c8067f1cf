"""Throttling of sign-in and password-reset attempts (django-axes).

django-axes counts failed sign-ins per account and per address in the database, so a lock survives a
restart and an administrator lifts it from the admin (portal.wagtail_hooks). The portal adds three things:
the French page that says until when the lock lasts (a 429), the client address behind a reverse proxy,
and the same counting on the password-reset form, which would otherwise let anyone send an agent an
unbounded number of e-mails or probe which addresses have an account.
"""

import logging

from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_client_username, get_cool_off
from django.conf import settings
from django.shortcuts import render
from django.utils import timezone

logger = logging.getLogger("portal.throttle")

# A reset request is counted under its own name, so that asking for a new password does not count as
# a wrong password for the account, while the address's count covers both forms.
PASSWORD_RESET_PREFIX = "reinitialisation:"


def client_ip(request):
    """The client's address: REMOTE_ADDR, or the proxy's record of it when the deployment says so.

    Behind a reverse proxy every request comes from the proxy's own address: locking it would lock
    everyone. With TRUSTED_PROXY_COUNT = n, the address is the n-th entry of X-Forwarded-For counted from
    the right (the last ones are written by the deployment's own proxies, the first ones by anyone).
    """
    count = getattr(settings, "TRUSTED_PROXY_COUNT", 0)
    if count:
        forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
        if len(forwarded) >= count:
            return forwarded[-count]
    return request.META.get("REMOTE_ADDR")


def lockout_response(request, original_response=None, credentials=None):
    """The French page for a locked sign-in or reset: until when, and what to do meanwhile."""
    username = get_client_username(request, credentials) or ""
    reset = username.startswith(PASSWORD_RESET_PREFIX)
    cool_off = get_cool_off(request)
    until = timezone.localtime(timezone.now() + cool_off) if cool_off else None
    logger.warning(
        "Trop d'essais %s : compte %r, adresse %s, bloqué jusqu'à %s",
        "de réinitialisation" if reset else "de connexion",
        username.removeprefix(PASSWORD_RESET_PREFIX),
        getattr(request, "axes_ip_address", client_ip(request)),
        until.isoformat(timespec="minutes") if until else "déblocage par un administrateur",
    )
    response = render(
        request,
        "registration/locked_out.html",
        {"until": until, "minutes": int(cool_off.total_seconds() // 60) if cool_off else None, "reset": reset},
        status=settings.AXES_HTTP_RESPONSE_CODE,
    )
    if cool_off:
        response["Retry-After"] = str(int(cool_off.total_seconds()))
    return response


class ThrottledPasswordResetMixin:
    """Counts every reset request, per e-mail address and per client address, like a failed sign-in.

    Every request counts, not only "failures": the form answers the same whether the address has an
    account or not, and each request may send an e-mail. The request that reaches the limit is still
    served; the next ones get the 429 page until the lock ends.
    """

    def post(self, request, *args, **kwargs):
        email = request.POST.get("email", "").strip().lower()[:254]
        credentials = {"username": PASSWORD_RESET_PREFIX + email}
        if not AxesProxyHandler.is_allowed(request, credentials):
            return lockout_response(request, credentials=credentials)
        response = super().post(request, *args, **kwargs)
        AxesProxyHandler.user_login_failed(sender=type(self), credentials=credentials, request=request)
        # This request is served: only the following ones are refused.
        request.axes_locked_out = False
        return response
