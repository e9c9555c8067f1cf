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


@pytest.mark.django_db(transaction=True)
def test_the_search_migrates_back_and_forward_with_its_documents(client, reader):
    """A database of the previous release (search at 0007) migrates forward with its documents: they
    say their type, stay searchable, and the engines' triggers keep following new ones (SQLite rebuilds
    the documents table to add a column, PostgreSQL moves the vectors to their own table)."""
    from search.models import SearchDocument

    from .factories import make_fiche

    def found(q):
        response = client.get("/recherche/", {"q": q, "format": "json"})
        assert response.status_code == 200
        return [result["title"] for result in response.json()["results"]]

    fiche = make_fiche("Ateliers de codéveloppement")
    call_command("migrate", "search", "0007", verbosity=0)
    call_command("migrate", "search", verbosity=0)
    assert SearchDocument.objects.get(page_id=fiche.pk).search_type == "fiche"
    client.force_login(reader)
    assert found("codéveloppement") == ["Ateliers de codéveloppement"]
    make_fiche("Ligne d'écoute des managers")
    assert found("écoute") == ["Ligne d'écoute des managers"]
    # the facet pairs (0014) were counted from the rows already there, and followed the new fiche
    listing = client.get("/fiches/", {"format": "json"}).json()
    assert {value["value"]: value["count"] for value in listing["facets"]["region"]} == {"bretagne": 2}
