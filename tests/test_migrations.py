"""Migrations are committed: models and migration files agree."""

import io

import pytest
from django.core.management import call_command


@pytest.mark.django_db
def test_makemigrations_check_is_clean():
    out = io.StringIO()
    try:
        call_command("makemigrations", "--check", "--dry-run", stdout=out, stderr=out)
    except SystemExit as exit_:  # raised when a migration is missing
        pytest.fail(f"missing migration:\n{out.getvalue()} ({exit_})")
