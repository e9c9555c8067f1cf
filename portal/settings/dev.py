"""Settings for a developer's machine: `make run` uses these."""

from .base import *  # noqa: F403
from .base import env

DEBUG = env.bool("DEBUG", default=True)
# A development-only key: the production settings refuse to start without a real one.
SECRET_KEY = env("SECRET_KEY", default="dev-only-insecure-key-do-not-use-in-production-9f3c1e")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])

# Development tools: load_demo (the demo content), bench (the benchmark) and the map builder.
INSTALLED_APPS = [*INSTALLED_APPS, "portal.devtools"]  # noqa: F405

# Demo accounts, one per role, printed by `make run`.
PORTAL_DEMO_ACCOUNTS = True
PORTAL_DEMO_PASSWORD = env("DEMO_PASSWORD", default="reseaux-demo-2026")
