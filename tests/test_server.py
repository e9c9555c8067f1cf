"""Issue 12, finding 2: idle connections do not freeze the production server.

Five idle TCP connections froze the README's former command (gunicorn, sync workers): /healthz timed out
until they closed. deploy/serve (granian) is started here as the README starts it, with the production
settings, and must keep answering while fifty connections sit idle (half of them with a request line
started and never finished). How fast it answers is measured by `manage.py soak`, not here.
"""

import shutil

import pytest

from portal.devtools.soak import Server, get, idle_connections

pytestmark = pytest.mark.skipif(shutil.which("nproc") is None, reason="deploy/serve lit le nombre de cœurs avec nproc")


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    workdir = tmp_path_factory.mktemp("serveur")
    # /healthz only asks the database for SELECT 1: an empty SQLite file is enough.
    with Server(f"sqlite:///{workdir / 'vide.sqlite3'}", workdir) as running:
        running.warm_up(rounds=3)
        yield running


def test_fifty_idle_connections_do_not_stop_healthz(server):
    times = idle_connections(server.port, count=50, probes=5, timeout=5)
    assert None not in times, times


def test_the_server_still_answers_after_they_close(server):
    status, _seconds = get(server.port, "/healthz", timeout=5)
    assert status == 200
