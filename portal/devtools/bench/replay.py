"""`manage.py bench --rejouer N`: the bench's never-asked searches, replayed on the configured database.

Why: building 100,000 fiches takes ten minutes a run. To compare two versions of the code on the same
content and the same words, the content is loaded once (`load_demo --fiches 100000`) and each checkout
replays the same paired searches (`Draws.paired_search`, same seed: the words and region stock
Wagtail's search gets in the bench): one request each, through the whole stack, as a signed-in reader,
with the bench's private cache. Nothing is written but the reader's session.

It is not the bench: no warm-up, no floor to divide by; it tells which requests are slow and which of
their statements cost the most (docs/performance.md says what was measured with it).
"""

import statistics
import time

from django.contrib.auth import get_user_model
from django.db import DEFAULT_DB_ALIAS, connections
from django.test import Client
from django.test.utils import CaptureQueriesContext

from portal.roles import READERS

from .measures import BenchError, Draws, bench_settings, percentile

SLOWEST = 8
STATEMENTS = 3


def reader(username=None):
    """The account the searches are asked as: `username`, or the first active reader."""
    users = get_user_model().objects.filter(is_active=True)
    found = users.filter(username=username).first() if username else users.filter(groups__name=READERS).order_by("pk").first()
    if found is None:
        raise BenchError(
            f"Aucun compte actif « {username} »." if username else
            "Aucun lecteur dans la base : chargez le contenu de démonstration (make demo) ou indiquez --lecteur."
        )
    return found


def replay(count, *, seed=2026, username=None):
    """{"searches", "median_ms", "p95_ms", "slowest": [{"ms", "url", "statements": [{"ms", "sql"}]}],
    "requests": [{"ms", "url"}] in the order asked} (the last to compare two checkouts URL by URL)."""
    if count < 1:
        raise BenchError("Il faut au moins une recherche à rejouer.")
    connection = connections[DEFAULT_DB_ALIAS]
    account = reader(username)
    with bench_settings():
        draws = Draws(seed)
        client = Client()
        client.force_login(account)
        timed = []
        for _number in range(count):
            url = draws.paired_search()
            with CaptureQueriesContext(connection) as captured:
                started = time.perf_counter()
                response = client.get(url)
                elapsed = (time.perf_counter() - started) * 1000
            if response.status_code != 200:
                raise BenchError(f"{url} a répondu {response.status_code}.")
            statements = sorted(captured.captured_queries, key=lambda query: -float(query["time"]))[:STATEMENTS]
            timed.append(
                {
                    "ms": round(elapsed, 1),
                    "url": url,
                    "statements": [{"ms": round(float(q["time"]) * 1000, 1), "sql": " ".join(q["sql"].split())[:100]} for q in statements],
                }
            )
    samples = [entry["ms"] for entry in timed]
    return {
        "searches": count,
        "seed": seed,
        "median_ms": round(statistics.median(samples), 1),
        "p95_ms": round(percentile(samples, 0.95), 1),
        "slowest": sorted(timed, key=lambda entry: -entry["ms"])[:SLOWEST],
        "requests": [{"ms": entry["ms"], "url": entry["url"]} for entry in timed],
    }


def _ms(value, width=0):
    return f"{value:{width}.1f}".replace(".", ",")


def lines(result):
    """The French report of a replay."""
    out = [
        f"{result['searches']} recherches jamais demandées rejouées (graine {result['seed']}) : "
        f"médiane {_ms(result['median_ms'])} ms, p95 {_ms(result['p95_ms'])} ms",
        "",
        "Les plus lentes, et leurs instructions SQL les plus lentes :",
    ]
    for entry in result["slowest"]:
        out.append(f"{_ms(entry['ms'], 8)} ms  {entry['url']}")
        out.extend(f"{_ms(statement['ms'], 16)} ms  {statement['sql']}" for statement in entry["statements"])
    return out
