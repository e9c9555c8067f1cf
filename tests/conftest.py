import json
import os
import shutil
import tempfile
from contextlib import contextmanager
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.cache import caches
from django.core.management import call_command
from django.db import connection, transaction
from wagtail.models import Page

from home.models import HomePage
from portal import roles

from .factories import make_user


@pytest.fixture(autouse=True)
def empty_caches():
    """Every test starts with empty caches, and leaves none behind.

    The database is rolled back after each test but the local-memory cache is not: a page, a fragment
    or a listing cached against the content version (portal.cache) by one test would be served to the
    next, whose pages have other ids under the same slugs.
    """
    for cache in caches.all():
        cache.clear()
    yield
    for cache in caches.all():
        cache.clear()


# --- data built once for a module or a class of tests ----------------------------------------------


@pytest.fixture(scope="session")
def built_once(django_db_setup, django_db_blocker):
    """`with built_once(): …` in a module- or class-scoped fixture that builds the data all its tests read.

    Building the same fiches, networks or demo content again for each of thirty tests costs seconds and
    checks nothing more. The data is written in a transaction that stays open for the scope and is
    rolled back when it ends, so no other module ever sees it; each test runs in a savepoint on top of it
    (pytest-django's `db`), so what one test writes never reaches the next. Fixtures yield ids and let a
    function-scoped fixture load fresh instances, so that no test sees another's objects either.

    Only for tests that use `db` (never `transactional_db`, which would flush the tables under the open
    transaction), and only where every test of the scope works on that data: it is there for all of them,
    whether they ask for it or not.
    """

    @contextmanager
    def scope():
        with django_db_blocker.unblock(), transaction.atomic():
            yield
            transaction.set_rollback(True)

    return scope


# --- transactional tests put the reference data back -------------------------------------------------

# What the migrations wrote (home page, index pages, roles, regions, themes…), serialized before the first
# test that flushes the database and written back after each of them: (content types, everything else).
_reference_data = None
_RESTORE = pytest.StashKey[object]()


def _flushes_the_database(item):
    """Whether pytest-django runs this test as a TransactionTestCase, which empties every table at the end."""
    marker = item.get_closest_marker("django_db")
    if marker is not None and (
        marker.kwargs.get("transaction") or marker.kwargs.get("reset_sequences") or (marker.args and marker.args[0])
    ):
        return True
    return bool({"transactional_db", "live_server"} & set(getattr(item, "fixturenames", ())))


@pytest.fixture(autouse=True)
def _reference_data_outlives_a_flush(request, django_db_blocker):
    """A transactional test leaves the database as the migrations made it, not empty.

    Django's TransactionTestCase flushes every table afterwards, the rows of the data migrations included.
    pytest-django runs such tests after the others, but not before the tests without `db` whose module
    fixtures read the database (test_bench, test_access), nor before other transactional tests, and
    xdist's other schedules (--dist loadfile…) keep no order at all: those found no home page. The flush
    happens in pytest-django's teardown, after this fixture's; `pytest_runtest_teardown` below writes
    the rows back once it is done.
    """
    global _reference_data
    if _flushes_the_database(request.node):
        if _reference_data is None:
            _reference_data = _serialize(django_db_blocker)
        request.node.stash[_RESTORE] = django_db_blocker
    yield


def _serialize(django_db_blocker):
    """Taken at database creation when a test asks for serialized_rollback; otherwise now, before the first
    flush: the tests before ran in transactions rolled back since. Content types apart, to be written first:
    the signal receivers of the other rows look theirs up, and would create them under new ids otherwise."""
    data = getattr(connection, "_test_serialized_contents", None)
    if data is None:
        with django_db_blocker.unblock():
            data = connection.creation.serialize_db_to_string()
    rows = json.loads(data)
    content_types = [row for row in rows if row["model"] == "contenttypes.contenttype"]
    others = [row for row in rows if row["model"] != "contenttypes.contenttype"]
    return json.dumps(content_types), json.dumps(others)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item, nextitem):
    try:
        return (yield)
    finally:
        django_db_blocker = item.stash.get(_RESTORE, None)
        # after the last test, the test database is already gone with the session's fixtures
        if django_db_blocker is not None and nextitem is not None:
            with django_db_blocker.unblock():
                # Again, without post_migrate this time (it recreated content types and permissions under new
                # ids), and leaving the sequences past the ids written back, as TransactionTestCase does.
                call_command("flush", interactive=False, inhibit_post_migrate=True, reset_sequences=False, verbosity=0)
                ContentType.objects.clear_cache()
                for data in _reference_data:
                    connection.creation.deserialize_db_from_string(data)
            ContentType.objects.clear_cache()


def pytest_collection_modifyitems(config, items):
    """With PYTEST_DATABASE_TESTS_ONLY=1 (`.ci/run`'s PostgreSQL pass), keep only the tests that use the
    database: the others (the layers, the translations, the French normaliser, the map…) do not depend on
    it, and the SQLite pass has just run them."""
    if os.environ.get("PYTEST_DATABASE_TESTS_ONLY") != "1":
        return
    kept, left = [], []
    for item in items:
        uses = item.get_closest_marker("django_db") is not None or "django_db_setup" in getattr(item, "fixturenames", ())
        (kept if uses else left).append(item)
    if left:
        config.hook.pytest_deselected(items=left)
        items[:] = kept


def pytest_sessionfinish(session, exitstatus):
    """The test settings give each process a media folder of its own (mkdtemp); remove it, with the images
    and documents the tests wrote there."""
    media = Path(settings.MEDIA_ROOT)
    if media.parent == Path(tempfile.gettempdir()) and media.name.startswith("reseaux-test-media-"):
        shutil.rmtree(media, ignore_errors=True)


# --- people and pages -------------------------------------------------------------------------------


@pytest.fixture
def home_page(db):
    return HomePage.objects.get(depth=2)


@pytest.fixture
def reader(db):
    return make_user(roles.READERS, username="lecteur-test")


@pytest.fixture
def contributor(db):
    return make_user(roles.CONTRIBUTORS, username="contributeur-test")


@pytest.fixture
def moderator(db):
    return make_user(roles.MODERATORS, username="moderateur-test")


@pytest.fixture
def animator(db):
    return make_user(roles.ANIMATORS, username="animateur-test")


@pytest.fixture
def administrator(db):
    return make_user(roles.ADMINISTRATORS, username="administrateur-test")


@pytest.fixture
def reader_client(client, reader):
    client.force_login(reader)
    return client


@pytest.fixture
def root_page(db):
    return Page.get_first_root_node()
