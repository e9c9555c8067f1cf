"""The portal under load as in production: deploy/serve (granian) and the production settings.

Two checks, on loopback only and bounded in time (manage.py soak, `make soak`):

1. Idle connections: open many TCP connections that send nothing (or half a request line), then ask
   /healthz on fresh connections; each answer must come within a second. gunicorn's sync workers froze
   with five such connections (issue 12, finding 2); its threaded workers are measured for comparison.
2. Concurrent readers: N clients, each on its own keep-alive connection, ask for T seconds a mix of pages
   readers ask and that no cache holds yet: searches and listings with filters drawn at random (never
   twice the same), suggestions, fiches, the home page, the JSON search. Requests per second,
   percentiles of the response time and errors (5xx or a broken connection; 0 expected).

The server runs in its own processes and reads a throwaway database of the configured engine that the
caller prepared (portal.devtools.bench.database); static files are collected into a temporary folder,
as `collectstatic` does in a deployment.
"""

import http.client
import os
import socket
import subprocess
import sys
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore

from practices.models import PracticeSheetPage

from .bench.measures import BenchError, Draws, percentile

HEALTHZ = "/healthz"


class SoakError(Exception):
    pass


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def database_url(settings_dict, vendor):
    """The URL of the throwaway database, for the server's own processes."""
    if vendor == "sqlite":
        return f"sqlite:///{settings_dict['NAME']}"
    if vendor == "postgresql":
        user = settings_dict.get("USER") or ""
        password = f":{settings_dict['PASSWORD']}" if settings_dict.get("PASSWORD") else ""
        credentials = f"{user}{password}@" if user else ""
        host = settings_dict.get("HOST") or "127.0.0.1"
        port = settings_dict.get("PORT") or 5432
        return f"postgres://{credentials}{host}:{port}/{settings_dict['NAME']}"
    raise SoakError(f"Moteur de base non pris en charge : {vendor}.")


class Server:
    """The production server on a free loopback port, the production settings, the throwaway database.

    `kind` is "granian" (deploy/serve, what the README deploys) or, for comparison, "gunicorn-sync" (the
    former production command) or "gunicorn-gthread" (gunicorn's threaded workers).
    """

    def __init__(self, db_url, workdir, kind="granian"):
        self.port = free_port()
        self.kind = kind
        self.workdir = Path(workdir)
        self.log_path = self.workdir / f"{kind}.log"
        venv = Path(sys.executable).parent
        self.env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "portal.settings.production",
            # the reader's session is signed by this process (reader_session): the same key
            "SECRET_KEY": settings.SECRET_KEY,
            "ALLOWED_HOSTS": "127.0.0.1",
            "DATABASE_URL": db_url,
            "SECURE_SSL_REDIRECT": "false",
            "STATIC_ROOT": str(self.workdir / "static"),
            "MEDIA_ROOT": str(settings.MEDIA_ROOT),
            "LOG_LEVEL": "ERROR",
            "VENV": str(venv.parent),
            "WEB_HOST": "127.0.0.1",
            "PORT": str(self.port),
            "WEB_ACCESS_LOG": "false",
        }
        if kind == "granian":
            self.args = [str(settings.BASE_DIR / "deploy" / "serve")]
        else:
            worker = kind.removeprefix("gunicorn-")
            self.args = [str(venv / "gunicorn"), "portal.wsgi", "--bind", f"127.0.0.1:{self.port}", "--workers", "3"]
            self.args += ["--worker-class", worker] + (["--threads", "4"] if worker == "gthread" else [])
        self.process = None

    def collect_static(self):
        subprocess.run(
            [sys.executable, str(settings.BASE_DIR / "manage.py"), "collectstatic", "--noinput", "-v", "0"],
            env=self.env,
            check=True,
            cwd=settings.BASE_DIR,
        )

    def __enter__(self):
        self.log = open(self.log_path, "wb")  # noqa: SIM115 (closed in __exit__)
        self.process = subprocess.Popen(self.args, env=self.env, cwd=settings.BASE_DIR, stdout=self.log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                self.log.close()
                tail = self.log_path.read_text(errors="replace").splitlines()[-15:]
                raise SoakError(f"{self.kind} s'est arrêté au démarrage :\n" + "\n".join(tail))
            try:
                if get(self.port, HEALTHZ, timeout=2)[0] == 200:
                    return self
            except OSError:
                pass
            time.sleep(0.2)
        raise SoakError(f"{self.kind} ne répond pas sur /healthz après 60 s.")

    def __exit__(self, *exc):
        self.process.terminate()
        try:
            self.process.wait(timeout=40)
        except subprocess.TimeoutExpired:
            self.process.kill()
        self.log.close()
        # The log goes with the throwaway folder: what went wrong is kept in the report.
        lines = self.log_path.read_text(errors="replace").splitlines()
        self.errors = [line[:300] for line in lines if "Error" in line or "ERROR" in line or "Traceback" in line][:10]

    def warm_up(self, rounds=30):
        """Every process loads the application on its first request: not what a reader meets later."""
        for _round in range(rounds):
            get(self.port, HEALTHZ, timeout=10)


def get(port, path, *, timeout, headers=None):
    """One request on a new connection: (status, seconds)."""
    started = time.perf_counter()
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        connection.request("GET", path, headers=headers or {})
        response = connection.getresponse()
        response.read()
        return response.status, time.perf_counter() - started
    finally:
        connection.close()


def idle_connections(port, count=50, probes=10, timeout=5.0):
    """Open `count` connections that send nothing (half of them a started request line), then time
    /healthz on fresh connections. Returns the probes' times in seconds (None for a probe that got no
    answer within `timeout`)."""
    idle = []
    try:
        for number in range(count):
            sock = socket.create_connection(("127.0.0.1", port), timeout=5)
            if number % 2:
                sock.sendall(b"GET / HTTP/1.1\r\n")
            idle.append(sock)
        time.sleep(0.5)  # let the server accept them all
        times = []
        for _probe in range(probes):
            try:
                status, seconds = get(port, HEALTHZ, timeout=timeout)
                times.append(seconds if status == 200 else None)
            except OSError:
                times.append(None)
        return times
    finally:
        for sock in idle:
            sock.close()


def reader_session(user):
    """A signed-in session for `user`, written where the server's processes read it (the database)."""
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    return session.session_key


class UrlMix:
    """Paths in the proportions readers ask for them; searches, listings and suggestions are new each
    time, as long as the content's vocabulary allows (a small data set runs out of new prefixes first:
    then a prefix may come again)."""

    def __init__(self, seed=2026):
        self.draws = Draws(seed)
        fiches = list(PracticeSheetPage.objects.live().public().values_list("url_path", flat=True)[:5000])
        if not fiches:
            raise SoakError("Aucune fiche publiée : rien à lire.")
        home_path = PracticeSheetPage.objects.live().first().get_site().root_page.url_path
        self.fiche_paths = ["/" + path[len(home_path):] for path in fiches]
        self.counts = Counter()
        draws = self.draws
        self.mix = (
            ("recherche", 35, draws.search),
            ("liste des fiches", 15, draws.fiche_index),
            ("suggestions", 15, draws.prefix),
            ("fiche", 20, lambda: draws.random.choice(self.fiche_paths)),
            ("accueil", 10, lambda: "/"),
            ("recherche JSON", 5, lambda: draws.search("&format=json")),
        )
        self.lock = threading.Lock()

    def __call__(self):
        with self.lock:
            name, _weight, make = self.draws.random.choices(self.mix, [weight for _name, weight, _make in self.mix])[0]
            self.counts[name] += 1
            try:
                return make()
            except BenchError:
                self.draws.seen.clear()
                return make()


@dataclass
class LoadResult:
    clients: int
    seconds: float
    times: list = field(default_factory=list)
    statuses: Counter = field(default_factory=Counter)
    broken: int = 0
    first_error: str = ""

    @property
    def requests(self):
        return len(self.times)

    @property
    def errors(self):
        return self.broken + sum(count for status, count in self.statuses.items() if status >= 500)

    def as_json(self):
        return {
            "clients": self.clients,
            "seconds": round(self.seconds, 1),
            "requests": self.requests,
            "requests_per_second": round(self.requests / self.seconds, 1),
            "p50_ms": round(percentile(self.times, 0.50) * 1000, 1) if self.times else None,
            "p95_ms": round(percentile(self.times, 0.95) * 1000, 1) if self.times else None,
            "p99_ms": round(percentile(self.times, 0.99) * 1000, 1) if self.times else None,
            "max_ms": round(max(self.times) * 1000, 1) if self.times else None,
            "statuses": {str(status): count for status, count in sorted(self.statuses.items())},
            "broken_connections": self.broken,
            "errors": self.errors,
            "first_error": self.first_error,
        }


def concurrent_load(port, next_path, session_key, *, clients=50, seconds=60.0, timeout=30.0):
    """`clients` threads, each on its own keep-alive connection, ask for the next path until time is up."""
    result = LoadResult(clients=clients, seconds=seconds)
    lock = threading.Lock()
    headers = {"Cookie": f"{settings.SESSION_COOKIE_NAME}={session_key}", "Accept-Language": "fr"}
    deadline = time.monotonic() + seconds

    def client():
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
        while time.monotonic() < deadline:
            # the drawn words are French: percent-encoded as a browser sends them
            path = quote(next_path(), safe="/?&=%+:")
            started = time.perf_counter()
            try:
                connection.request("GET", path, headers=headers)
                response = connection.getresponse()
                response.read()
                status = response.status
                if response.getheader("Connection", "").lower() == "close":
                    connection.close()
            except (OSError, http.client.HTTPException) as error:
                connection.close()
                with lock:
                    result.broken += 1
                    result.first_error = result.first_error or f"{path} : {error!r}"
                continue
            elapsed = time.perf_counter() - started
            with lock:
                result.times.append(elapsed)
                result.statuses[status] += 1
        connection.close()

    started = time.monotonic()
    threads = [threading.Thread(target=client, daemon=True) for _n in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout + seconds + 5)
    result.seconds = time.monotonic() - started
    return result
