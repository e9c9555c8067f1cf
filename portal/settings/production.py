"""Production settings: HTTPS only, secure cookies, static files served by WhiteNoise.

`SECRET_KEY` and `ALLOWED_HOSTS` must come from the environment; without a secret key (or with an
empty one, as a template left unfilled gives) the process refuses to start.
"""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import MIDDLEWARE, env

DEBUG = False
SECRET_KEY = env("SECRET_KEY").strip()
if not SECRET_KEY:
    raise ImproperlyConfigured("SECRET_KEY est vide : la production a besoin d'une clé secrète longue et aléatoire.")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS")

# Static files are public assets (CSS, JS, fonts) served before the login check.
MIDDLEWARE = [
    MIDDLEWARE[0],
    "whitenoise.middleware.WhiteNoiseMiddleware",
    *MIDDLEWARE[1:],
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# HTTPS everywhere. Behind a reverse proxy that terminates TLS, set TRUST_X_FORWARDED_PROTO=true so
# that Django believes the proxy's X-Forwarded-Proto header (never set it without such a proxy).
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
# The load balancer's health probe often speaks plain HTTP on the private network: answer it there.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
if env.bool("TRUST_X_FORWARDED_PROTO", default=False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=60 * 60 * 24 * 365)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=True)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SESSION_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_SECURE = True
# Pages may not be framed; Wagtail's preview panel opts back in to same-origin framing itself.
X_FRAME_OPTIONS = "DENY"

if not env("EMAIL_URL", default="") and not env("EMAIL_HOST", default=""):
    # No console in production: without configuration, hand mail to the local MTA.
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"

LOGGING["root"]["level"] = env("LOG_LEVEL", default="WARNING")  # noqa: F405
