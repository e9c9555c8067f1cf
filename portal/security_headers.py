"""Content-Security-Policy for every page, with the Wagtail admin's one exception.

The portal's own pages load scripts only from the portal itself: no inline script, no event attribute,
so `script-src 'self'` holds without `'unsafe-inline'` (a template that needs an inline script gives it
`nonce="{{ request.csp_nonce }}"`; django-csp then adds the nonce to that response's policy). Styles keep
`'unsafe-inline'`: the DSFR's components and Wagtail set style attributes, and a style cannot run code.

The exception: Wagtail 8's admin still writes inline scripts from widget and panel templates that never
see the request (InlinePanel, the date and time choosers; wagtail/wagtail#1288), so no nonce can reach
them. Under /admin/ only, scripts may be inline; every other directive stays, and the admin is reached
by editors only. Uploaded files keep the sandboxing policy portal.media gives them (django-csp does not
replace a policy already set).
"""

from csp.constants import UNSAFE_INLINE
from csp.middleware import CSPMiddleware
from django.conf import settings

from . import proconnect


def proconnect_origins():
    """Where the logout form may lead: ProConnect's end of session (portal.proconnect) is reached by a
    redirect after the header's logout form, and `form-action` governs that redirect too. Read from the
    settings at each response, never from the discovery document (no network call to build a header)."""
    if not proconnect.enabled():
        return []
    urls = (getattr(settings, "OIDC_OP_LOGOUT_ENDPOINT", ""), getattr(settings, "OIDC_OP_DISCOVERY_URL", ""))
    return sorted({"/".join(url.split("/", 3)[:3]) for url in urls if url.startswith(("https://", "http://"))})


class PortalCSPMiddleware(CSPMiddleware):
    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only)
        origins = proconnect_origins()
        if origins:
            parts.update = {**(parts.update or {}), "form-action": origins}
        if request.path_info.startswith(settings.PORTAL_ADMIN_PREFIX):
            # a nonce beside 'unsafe-inline' would make browsers ignore 'unsafe-inline'
            parts.nonce = None
            script_src = settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]["script-src"]
            parts.replace = {**(parts.replace or {}), "script-src": [*script_src, UNSAFE_INLINE]}
        return parts
