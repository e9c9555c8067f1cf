"""Configuration comes from the environment; production is locked down and refuses to start unconfigured."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(__file__).resolve().parent.parent
STRONG_KEY = "k3y-for-deploy-check-" + "x7Gq2LmP9vR4tW8zB1nC5dF0hJ6sK3aE" * 2


def run_django(*args, settings_module="portal.settings.production", **env):
    """Run manage.py in a clean environment holding only `env`, as a deployment would."""
    base = {key: value for key, value in os.environ.items() if key in {"PATH", "HOME", "LANG", "TMPDIR"}}
    base.update(DJANGO_SETTINGS_MODULE=settings_module, **env)
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=base, capture_output=True, text=True, timeout=120
    )


def load_settings(module, **env):
    """Import a settings module in a subprocess and print a few values back."""
    code = (
        f"import importlib, json; s = importlib.import_module({module!r}); "
        "print(json.dumps({'db': s.DATABASES['default']['ENGINE'], 'db_name': str(s.DATABASES['default']['NAME']), "
        "'cache': s.CACHES['default']['BACKEND'], 'email': s.EMAIL_BACKEND, "
        "'email_host': getattr(s, 'EMAIL_HOST', ''), 'email_port': getattr(s, 'EMAIL_PORT', 0), "
        "'from': s.DEFAULT_FROM_EMAIL, 'hosts': s.ALLOWED_HOSTS, 'csrf': s.CSRF_TRUSTED_ORIGINS}))"
    )
    base = {key: value for key, value in os.environ.items() if key in {"PATH", "HOME", "LANG", "TMPDIR"}}
    base.update(env)
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=base, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_french_everywhere():
    assert settings.LANGUAGE_CODE == "fr-fr"
    assert settings.TIME_ZONE == "Europe/Paris"
    assert settings.WAGTAILADMIN_PERMITTED_LANGUAGES == [("fr", "Français")]


def test_defaults_need_nothing_installed():
    values = load_settings("portal.settings.dev")
    assert values["db"] == "django.db.backends.sqlite3"
    assert values["db_name"] == str(ROOT / "db.sqlite3")
    assert values["cache"].endswith("LocMemCache")
    assert values["email"].endswith("console.EmailBackend")


def test_everything_comes_from_the_environment():
    values = load_settings(
        "portal.settings.dev",
        DATABASE_URL="postgres://reseaux:secret@db.example:5433/reseaux",
        REDIS_URL="redis://cache.example:6379/2",
        EMAIL_URL="smtp://user:pw@smtp.example.gouv.fr:587/?tls=True",
        DEFAULT_FROM_EMAIL="Portail <portail@example.gouv.fr>",
        ALLOWED_HOSTS="reseaux.example.gouv.fr,autre.example.gouv.fr",
        CSRF_TRUSTED_ORIGINS="https://reseaux.example.gouv.fr",
    )
    assert values["db"] == "django.db.backends.postgresql"
    assert values["db_name"] == "reseaux"
    assert values["cache"].endswith("RedisCache")
    assert values["email"].endswith("smtp.EmailBackend")
    assert (values["email_host"], values["email_port"]) == ("smtp.example.gouv.fr", 587)
    assert values["from"] == "Portail <portail@example.gouv.fr>"
    assert values["hosts"] == ["reseaux.example.gouv.fr", "autre.example.gouv.fr"]
    assert values["csrf"] == ["https://reseaux.example.gouv.fr"]


def test_classic_smtp_variables_work_too():
    values = load_settings("portal.settings.dev", EMAIL_HOST="smtp.example.gouv.fr", EMAIL_PORT="465")
    assert values["email"].endswith("smtp.EmailBackend")
    assert (values["email_host"], values["email_port"]) == ("smtp.example.gouv.fr", 465)


@pytest.mark.parametrize("secret", [None, "", "   "], ids=["absente", "vide", "blancs"])
def test_production_refuses_to_start_without_a_secret_key(secret):
    env = {"ALLOWED_HOSTS": "reseaux.example.gouv.fr"}
    if secret is not None:
        env["SECRET_KEY"] = secret
    result = run_django("check", **env)
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_the_health_probe_answers_over_plain_http_in_production():
    code = (
        "import re, portal.settings.production as s; "
        "print(s.SECURE_SSL_REDIRECT, any(re.search(p, 'healthz') for p in s.SECURE_REDIRECT_EXEMPT), "
        "any(re.search(p, 'fiches/') for p in s.SECURE_REDIRECT_EXEMPT))"
    )
    env = {"PATH": os.environ["PATH"], "SECRET_KEY": STRONG_KEY, "ALLOWED_HOSTS": "reseaux.example.gouv.fr"}
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)
    assert result.stdout.split() == ["True", "True", "False"], result.stderr


def test_check_deploy_is_clean_with_secret_key_and_hosts():
    result = run_django("check", "--deploy", "--fail-level", "WARNING", SECRET_KEY=STRONG_KEY, ALLOWED_HOSTS="reseaux.example.gouv.fr")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "WARNINGS" not in result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_dev_settings_keep_a_dev_only_key():
    values = subprocess.run(
        [sys.executable, "-c", "import portal.settings.dev as s; print(s.SECRET_KEY)"],
        cwd=ROOT, capture_output=True, text=True, env={"PATH": os.environ["PATH"]},
    )
    assert "dev-only" in values.stdout


def test_the_admin_never_calls_out_to_gravatar(client, db):
    from .factories import make_user

    user = make_user("Administrateurs", username="avatar", email="agent@exemple.gouv.fr")
    client.force_login(user)
    html = client.get("/admin/").content.decode()
    assert "gravatar" not in html and "default-user-avatar" in html
