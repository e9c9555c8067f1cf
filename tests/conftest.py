import pytest
from django.core.cache import caches
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
