"""Settings shared by every environment.

Everything a deployment changes is read from the environment (12-factor). The defaults run on one
machine with nothing installed: SQLite in the checkout, Wagtail's database search, a local-memory
cache, tasks run immediately and e-mails printed on the console. `.env.example` documents each
variable; a `.env` file at the root of the checkout is read if present, but real environment variables
always win over it.
"""

from datetime import timedelta
from pathlib import Path

import environ
from csp.constants import NONCE, NONE, SELF, UNSAFE_INLINE

from search import config as search_config

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()
if (BASE_DIR / ".env").is_file():
    environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = False
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=[])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
# A failed CSRF check (a form left open across a logout) gets a French page, not Django's English one.
CSRF_FAILURE_VIEW = "portal.views.csrf_failure"

# The portal's own apps come first so that their templates and static files win. Their layers, from the
# bottom: portal (the core), search, practices (the domain), home (what a reader sees first);
# docs/architecture.md says what each owns.
INSTALLED_APPS = [
    "portal",
    "search",
    "practices",
    "home",
    "wagtail.contrib.settings",
    "wagtail.contrib.redirects",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail.api.v2",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "rest_framework",
    "dsfr",
    "widget_tweaks",
    "django_tasks",
    "axes",
    "csp",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Content-Security-Policy and Permissions-Policy on every response (portal.security_headers)
    "portal.security_headers.PortalCSPMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    # Versions memoised per request, the Wagtail site from the cache (portal.cache, portal.serving).
    "portal.middleware.PortalCacheMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # A body larger than any form accepts: the French 413 before a byte is read (portal.uploads).
    "portal.uploads.UploadSizeMiddleware",
    # An intranet: every view needs a logged-in user unless it is marked @login_not_required.
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "portal.middleware.AdminAccessMiddleware",
    # A locked sign-in or password reset gets the French 429 page (portal.throttle).
    "axes.middleware.AxesMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # An incomplete fiche approved from a workflow action: a French message, not a 500.
    "practices.middleware.PublishRefusedMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "portal.context_processors.fragment_cache",
            ],
        },
    },
]

# --- Content-Security-Policy and Permissions-Policy --------------------------------------------------
# Scripts only from the portal itself (or carrying this response's nonce); no plugin, no <base>, no
# framing by other sites, forms posted to the portal only (ProConnect's origin is added while it is on:
# its logout is reached by a redirect after the logout form). The Wagtail admin's exception and the
# ProConnect origin are in portal/security_headers.py.
PORTAL_ADMIN_PREFIX = "/admin/"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF, UNSAFE_INLINE],
        "img-src": [SELF, "data:", "blob:"],
        "font-src": [SELF, "data:"],
        "connect-src": [SELF],
        "frame-src": [SELF],
        "frame-ancestors": [SELF],
        "form-action": [SELF],
        "base-uri": [SELF],
        "object-src": [NONE],
    },
}
# Browser features no page of the portal uses: refused to the portal and to anything it would frame.
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer", "autoplay", "camera", "display-capture", "encrypted-media", "geolocation",
        "gyroscope", "magnetometer", "microphone", "midi", "payment", "publickey-credentials-get",
        "screen-wake-lock", "serial", "usb", "xr-spatial-tracking",
    )
}
PERMISSIONS_POLICY["fullscreen"] = ["self"]

# --- Database -------------------------------------------------------------------------------------
# SQLite in the checkout by default; any DATABASE_URL understood by django-environ otherwise
# (postgres://user:password@host:5432/name).
DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers work while an editor saves; IMMEDIATE avoids "database is locked" on upgrades
    # of read transactions to write transactions.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            "transaction_mode": "IMMEDIATE",
        }
    )
else:
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache ----------------------------------------------------------------------------------------
REDIS_URL = env("REDIS_URL", default="")
# Entries of a local-memory cache (the default without Redis); the benchmark's private cache has as many.
PORTAL_LOCAL_CACHE_ENTRIES = 10000
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env("CACHE_KEY_PREFIX", default="reseaux"),
        }
    }
else:
    # Each process's own memory: pages and listings are cached against a content version kept in the
    # database (portal.cache), so that a publication reaches every process. Room for the pages readers
    # read in a day (a fiche's cached parts take 30 to 40 kB) and the result cards of the listings (about
    # 2 kB each, search.cards); Redis shares them between processes.
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "OPTIONS": {"MAX_ENTRIES": PORTAL_LOCAL_CACHE_ENTRIES}}}

# --- Tasks ----------------------------------------------------------------------------------------
# Immediate by default: indexing and e-mails happen in the request. A deployment with a worker sets
# TASKS_BACKEND to a queueing backend.
TASKS = {
    "default": {
        "BACKEND": env("TASKS_BACKEND", default="django_tasks.backends.immediate.ImmediateBackend"),
    }
}

# --- Authentication -------------------------------------------------------------------------------
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "login"
# One login page for the portal and its administration.
WAGTAILADMIN_LOGIN_URL = LOGIN_URL
WAGTAIL_PASSWORD_RESET_ENABLED = False  # resetting happens on the portal's own pages
PASSWORD_RESET_TIMEOUT = 60 * 60 * 24  # one day

# Throttling (django-axes, portal.throttle): after LOGIN_FAILURE_LIMIT failed sign-ins (or password-reset
# requests) in LOGIN_LOCK_MINUTES, for one account or from one address, further tries get a 429 until
# LOGIN_LOCK_MINUTES after the last one. Counted in the database: a restart does not lift a lock; an
# administrator does (admin, Paramètres › Connexions bloquées). Axes' backend comes first: it refuses a
# locked account before any password is compared, then lets Django's compare it. It is Axes' variant
# that can also load a session's user, as the first backend must for Wagtail's test helpers.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env.int("LOGIN_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("LOGIN_LOCK_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_USERNAME_FORM_FIELD = "username"
# A success does not clear the counts: axes would clear every count of the address too, so that an agent
# signing in to their own account could go on guessing another one's password from the same address.
AXES_RESET_ON_SUCCESS = False
AXES_LOCKOUT_CALLABLE = "portal.throttle.lockout_response"
AXES_CLIENT_IP_CALLABLE = "portal.throttle.client_ip"
# Successful sign-ins are not recorded (the table would grow forever); failures are, until they expire.
AXES_DISABLE_ACCESS_LOG = True
# Behind n reverse proxies that append to X-Forwarded-For, the client's address is the n-th from the right.
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

SESSION_COOKIE_AGE = 60 * 60 * 10  # a working day
# Sessions are kept in the database and read from the cache: one query less on every page.
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
SESSION_EXPIRE_AT_BROWSER_CLOSE = False

# --- ProConnect (OpenID Connect) ------------------------------------------------------------------
# « S'identifier avec ProConnect » beside the local accounts, through mozilla-django-oidc
# (portal/proconnect.py). Off while OIDC_RP_CLIENT_ID is empty: no button, 404 on /oidc/…, no backend.
# The endpoints are read from OIDC_OP_DISCOVERY_URL at the first sign-in (never here: settings do no
# network I/O), unless each one is given; an endpoint given explicitly wins over the discovered one.
OIDC_RP_CLIENT_ID = env("OIDC_RP_CLIENT_ID", default="")
OIDC_RP_CLIENT_SECRET = env("OIDC_RP_CLIENT_SECRET", default="")
OIDC_OP_DISCOVERY_URL = env("OIDC_OP_DISCOVERY_URL", default="")
OIDC_OP_AUTHORIZATION_ENDPOINT = env("OIDC_OP_AUTHORIZATION_ENDPOINT", default="")
OIDC_OP_TOKEN_ENDPOINT = env("OIDC_OP_TOKEN_ENDPOINT", default="")
OIDC_OP_USER_ENDPOINT = env("OIDC_OP_USER_ENDPOINT", default="")
OIDC_OP_JWKS_ENDPOINT = env("OIDC_OP_JWKS_ENDPOINT", default="")
OIDC_OP_LOGOUT_ENDPOINT = env("OIDC_OP_LOGOUT_ENDPOINT", default="")  # end_session_endpoint
OIDC_RP_SIGN_ALGO = env("OIDC_RP_SIGN_ALGO", default="RS256")
# ProConnect's scopes: the e-mail, the names (given_name, usual_name), the organisation (siret) and, when
# the agent's identity provider knows it, their direction or service (organizational_unit).
OIDC_RP_SCOPES = env("OIDC_RP_SCOPES", default="openid email given_name usual_name siret organizational_unit")
OIDC_TIMEOUT = env.int("OIDC_TIMEOUT", default=10)  # seconds for each call to the provider
# The ID token is kept in the session: ProConnect's end of session needs it (id_token_hint) at logout.
OIDC_STORE_ID_TOKEN = True
OIDC_OP_LOGOUT_URL_METHOD = "portal.proconnect.provider_logout_url"
OIDC_CREATE_USER = True
if OIDC_RP_CLIENT_ID:
    AUTHENTICATION_BACKENDS = [*AUTHENTICATION_BACKENDS, "portal.proconnect.ProConnectBackend"]

# --- E-mail ---------------------------------------------------------------------------------------
# EMAIL_URL (smtp://user:password@host:587/?tls=True, smtp+ssl://…, consolemail://) wins; otherwise
# the classic EMAIL_HOST / EMAIL_PORT / … variables; otherwise the console.
if env("EMAIL_URL", default=""):
    globals().update(env.email_url("EMAIL_URL"))
elif env("EMAIL_HOST", default=""):
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = env("EMAIL_HOST")
    EMAIL_PORT = env.int("EMAIL_PORT", default=25)
    EMAIL_HOST_USER = env("EMAIL_HOST_USER", default="")
    EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD", default="")
    EMAIL_USE_TLS = env.bool("EMAIL_USE_TLS", default=False)
    EMAIL_USE_SSL = env.bool("EMAIL_USE_SSL", default=False)
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="Réseaux de pratiques <ne-pas-repondre@reseaux.localhost>")
SERVER_EMAIL = env("SERVER_EMAIL", default=DEFAULT_FROM_EMAIL)
EMAIL_SUBJECT_PREFIX = "[Réseaux de pratiques] "

# --- Internationalisation -------------------------------------------------------------------------
LANGUAGE_CODE = "fr-fr"
LANGUAGES = [("fr", "Français")]
TIME_ZONE = "Europe/Paris"
USE_I18N = True
USE_TZ = True
LOCALE_PATHS = [BASE_DIR / "locale"]

# --- Static and uploaded files --------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "portal" / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Uploaded files are served through Django so that the login requirement covers them. Behind a web
# server that supports it, set MEDIA_ACCEL_REDIRECT_PREFIX (for example /protected-media/) and the
# portal answers with an X-Accel-Redirect header after checking the login instead of streaming the file.
MEDIA_ACCEL_REDIRECT_PREFIX = env("MEDIA_ACCEL_REDIRECT_PREFIX", default="")
# Backups (manage.py backup / restore, portal.backup): one archive holds the database and MEDIA_ROOT.
# Never under MEDIA_ROOT, which any signed-in agent can read through /media/.
BACKUP_DIR = env.path("BACKUP_DIR", default=BASE_DIR / "backups")
# Files uploaded to « Importer des fiches » wait here between the preview and the confirmation, one private
# folder per account (practices.importing.views); never under MEDIA_ROOT. Empty: the system's temporary folder.
FICHE_IMPORT_DIR = env("FICHE_IMPORT_DIR", default="")
# Where pg_dump and pg_restore live when those on PATH are older than the server (…/postgresql/16/bin).
BACKUP_PG_BINDIR = env("BACKUP_PG_BINDIR", default="")
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# --- Wagtail --------------------------------------------------------------------------------------
WAGTAIL_SITE_NAME = "Réseaux de pratiques"
WAGTAILADMIN_BASE_URL = env("BASE_URL", default="http://127.0.0.1:8000")
WAGTAILADMIN_PERMITTED_LANGUAGES = [("fr", "Français")]
WAGTAIL_I18N_ENABLED = False
WAGTAIL_ENABLE_UPDATE_CHECK = False  # an intranet does not call out to wagtail.org
# Nor to gravatar.com: every admin page would send a hash of the agents' e-mail addresses there (and,
# on a closed network, show a broken image). Wagtail's default avatar, or the one each user uploads.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
# Page addresses in plain ASCII ("creation-du-reseau"): accented slugs become %C3%A9 in links and e-mails.
WAGTAIL_ALLOW_UNICODE_SLUGS = False
# Draftail named by its field's label, so that screen readers announce it (portal.rich_text)
WAGTAILADMIN_RICH_TEXT_EDITORS = {"default": {"WIDGET": "portal.rich_text.LabelledDraftailRichTextArea"}}
WAGTAIL_DATE_FORMAT = "%d/%m/%Y"
WAGTAIL_DATETIME_FORMAT = "%d/%m/%Y %H:%M"
WAGTAIL_TIME_FORMAT = "%H:%M"
WAGTAILDOCS_SERVE_METHOD = "serve_view"  # documents always go through the login check
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odp", "ods", "odt", "pdf", "pptx", "rtf", "txt", "xlsx", "zip"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
# What the search reads of a document's file (portal.document_text): larger files are not opened, and
# the text stops after so many characters (a 100-page report is about 250,000).
DOCUMENT_TEXT_MAX_BYTES = env.int("DOCUMENT_TEXT_MAX_BYTES", default=20 * 1024 * 1024)
DOCUMENT_TEXT_MAX_CHARS = env.int("DOCUMENT_TEXT_MAX_CHARS", default=100_000)
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
# The largest request body with a file that a form accepts: the largest file plus the other fields.
# Larger ones are refused from their Content-Length (portal.uploads); the proxy's limit should match.
MAX_UPLOAD_BYTES = max(WAGTAILDOCS_MAX_UPLOAD_SIZE, WAGTAILIMAGES_MAX_UPLOAD_SIZE) + 1024 * 1024
# Search: the database by default (SQLite FTS5 or PostgreSQL full text with a French configuration),
# Elasticsearch or OpenSearch when their URL is set. See search/config.py.
WAGTAILSEARCH_BACKENDS = {
    "default": search_config.backend_settings(
        DATABASES["default"]["ENGINE"],
        elasticsearch_url=env("ELASTICSEARCH_URL", default=""),
        opensearch_url=env("OPENSEARCH_URL", default=""),
        index_prefix=env("SEARCH_INDEX_PREFIX", default="reseaux_"),
        elasticsearch_version=env.int("ELASTICSEARCH_VERSION", default=8),
        opensearch_version=env.int("OPENSEARCH_VERSION", default=3),
    )
}

TAGGIT_CASE_INSENSITIVE = True

REST_FRAMEWORK = {
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
}

# --- Portal ---------------------------------------------------------------------------------------
# Demo accounts (one per role) are created by load_demo only where this is true: the dev settings.
PORTAL_DEMO_ACCOUNTS = False
PORTAL_DEMO_PASSWORD = ""

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "filters": {"one_line_403": {"()": "portal.logs.OneLineForbidden"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain", "filters": ["one_line_403"]}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
    "loggers": {
        "django.db.backends": {"level": "INFO"},
        # one line per task run drowns everything else out
        "django_tasks": {"level": "WARNING"},
        # pypdf logs each defect it works around in a malformed PDF; portal.document_text already logs
        # one line for a file it cannot read.
        "pypdf": {"level": "ERROR"},
        # django-axes writes three lines per failed sign-in, with the account and address masked;
        # portal.throttle writes one, with both, when a lock refuses a try.
        "axes": {"level": "ERROR"},
    },
}


# django-dsfr: mark optional fields rather than required ones, as the DSFR now recommends.
DSFR_MARK_OPTIONAL_FIELDS = True
# django-dsfr marks every text given to its tags (alerts, messages…) as safe HTML unless told otherwise:
# a message quoting what a user typed would then run in the page. Text is escaped; HTML built with
# format_html or mark_safe stays HTML.
DSFR_CONTENT_IS_SAFE = False
