"""A database of the configured engine that exists only for the length of one benchmark run.

Why not the configured database: the benchmark writes thousands of fiches, and a figure measured on
whatever content happens to be there could not be compared from one run to the next.

Why the test runner's machinery (`connection.creation.create_test_db`): it already knows how to create
and migrate a database on every engine. It is given a name of its own (a temporary *file* on SQLite, so
that the engine behaves as in a deployment, which an in-memory database would not; `<NAME>_bench` on
PostgreSQL), so that it never meets the configured database nor the test suite's.

Why a second connection object rather than renaming the configured one, as the test runner does: the
configured connection may be in the middle of a transaction (a pytest test is), and on SQLite an
in-memory database cannot even be closed without losing it. The configured connection is set aside,
untouched, and put back afterwards. Dropping is done here, by the name created, never by whatever name
the connection holds at that moment: a failure half-way must not drop the configured database.
"""

import copy
import shutil
import tempfile
import uuid
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import DEFAULT_DB_ALIAS, connections
from django.test import override_settings
from wagtail.search.backends import get_search_backends

from .measures import BenchError

SUFFIX = "_bench"
INDEX_PREFIX_STEM = "reseaux_banc_"
POSTGRES_MAX_NAME = 63


def throwaway_name(settings_dict, vendor, workdir=None):
    if vendor == "sqlite":
        return str(Path(workdir) / "bench.sqlite3")
    if vendor == "postgresql":
        base = settings_dict["NAME"] or "reseaux"
        return base[: POSTGRES_MAX_NAME - len(SUFFIX)] + SUFFIX
    raise BenchError(f"Moteur de base non pris en charge par le banc d'essai : {vendor}.")


@contextmanager
def throwaway_database(verbosity=0, say=lambda message: None):
    """Run the body against a new, migrated database of the configured engine; drop it afterwards.

    Yields the name of the throwaway database (a file path on SQLite).
    """
    original = connections[DEFAULT_DB_ALIAS]
    configured = settings.DATABASES[DEFAULT_DB_ALIAS]
    configured_name = configured["NAME"]
    workdir = tempfile.mkdtemp(prefix="reseaux-bench-") if original.vendor == "sqlite" else None
    name = throwaway_name(original.settings_dict, original.vendor, workdir)
    if name == configured_name or name == original.settings_dict["NAME"]:
        raise BenchError("La base jetable porterait le nom de la base configurée : abandon.")

    settings_dict = copy.deepcopy(original.settings_dict)
    settings_dict["TEST"] = {**settings_dict.get("TEST", {}), "NAME": name, "MIGRATE": True}
    bench_connection = original.__class__(settings_dict, DEFAULT_DB_ALIAS)
    connections[DEFAULT_DB_ALIAS] = bench_connection
    ContentType.objects.clear_cache()  # ids differ from one database to the other
    created = False
    try:
        say(f"Base jetable ({original.vendor}) : {name} — création et migrations…")
        created = True  # from here on, a half-created database must go too
        bench_connection.creation.create_test_db(verbosity=verbosity, autoclobber=True, serialize=False)
        with throwaway_search_indices(say):
            yield name
    finally:
        try:
            bench_connection.close()
            if created and original.vendor == "postgresql":
                _drop_postgres(bench_connection, name)
        finally:
            # create_test_db renamed the configured entry of settings.DATABASES: give it its name back.
            configured["NAME"] = configured_name
            connections[DEFAULT_DB_ALIAS] = original
            ContentType.objects.clear_cache()
            if workdir is not None:
                shutil.rmtree(workdir, ignore_errors=True)
            say(f"Base jetable supprimée : {name}")


def _drop_postgres(bench_connection, name):
    with bench_connection._nodb_cursor() as cursor:
        cursor.execute(f"DROP DATABASE IF EXISTS {bench_connection.ops.quote_name(name)}")


@contextmanager
def throwaway_search_indices(say=lambda message: None):
    """With Elasticsearch or OpenSearch, indices of the run's own (a prefix of their own, created with the
    portal's mapping, deleted at the end): the synthetic fiches must never reach the live site's indices,
    any more than its database. Nothing to do with the database backends: their index is in the
    throwaway database."""
    backends = copy.deepcopy(settings.WAGTAILSEARCH_BACKENDS)
    prefixed = [options for options in backends.values() if "INDEX_PREFIX" in options]
    if not prefixed:
        yield
        return
    prefix = f"{INDEX_PREFIX_STEM}{uuid.uuid4().hex[:8]}_"
    for options in prefixed:
        options["INDEX_PREFIX"] = prefix
    with override_settings(WAGTAILSEARCH_BACKENDS=backends):
        say(f"Index de recherche jetables : {prefix}*")
        try:
            call_command("update_index", schema_only=True, verbosity=0)
            yield
        finally:
            for backend in get_search_backends():
                client = getattr(backend, "es", None)
                if client is not None:
                    for index_name in sorted(client.indices.get(index=f"{prefix}*")):
                        if index_name.startswith(prefix):  # by name: wildcard deletions may be refused
                            client.indices.delete(index=index_name)
            say(f"Index de recherche jetables supprimés : {prefix}*")

