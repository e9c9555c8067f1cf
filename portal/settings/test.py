"""Fast settings for the test suite: cheap hasher, local memory everywhere, immediate tasks.

The database follows DATABASE_URL like every other environment, so `.ci/run` runs the same suite on
PostgreSQL by setting it.
"""

import tempfile

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-key-not-secret-6d0a4c2b8e"
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
MEDIA_ROOT = tempfile.mkdtemp(prefix="reseaux-test-media-")
WAGTAILADMIN_BASE_URL = "http://testserver"

# The demo content and the benchmark are tested too.
INSTALLED_APPS = [*INSTALLED_APPS, "portal.devtools"]  # noqa: F405

PORTAL_DEMO_ACCOUNTS = True
PORTAL_DEMO_PASSWORD = "reseaux-demo-2026"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"null": {"class": "logging.NullHandler"}},
    "root": {"handlers": ["null"], "level": "WARNING"},
}
