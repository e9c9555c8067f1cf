"""manage.py soak: idle connections and 50 concurrent readers against the production server (portal.devtools.soak)."""

import json
import statistics
import tempfile
import time

from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from portal.devtools.bench import BenchError
from portal.devtools.bench.database import throwaway_database
from portal.devtools.bench.measures import prepare
from portal.devtools.soak import (
    Server,
    SoakError,
    UrlMix,
    concurrent_load,
    database_url,
    idle_connections,
    reader_session,
)

IDLE_LIMIT_SECONDS = 1.0


class Command(BaseCommand):
    help = (
        "Essai d'endurance en boucle locale : le serveur de production (deploy/serve, réglages de production) sur une base "
        "jetable de N fiches ; connexions inactives puis clients simultanés sur des pages absentes du cache."
    )
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("--fiches", type=int, default=10_000, metavar="N", help="Fiches synthétiques (10 000 par défaut).")
        parser.add_argument("--clients", type=int, default=50, help="Clients simultanés (50 par défaut).")
        parser.add_argument("--duree", type=float, default=60.0, metavar="S", help="Durée de la charge en secondes (60).")
        parser.add_argument("--inactives", type=int, default=50, metavar="C", help="Connexions inactives (50).")
        parser.add_argument(
            "--comparer",
            action="store_true",
            help="Refaire l'essai des connexions inactives avec gunicorn (workers sync, l'ancienne commande, et gthread), "
            "pour comparaison (gunicorn vient des outils de développement).",
        )
        parser.add_argument("--json", metavar="CHEMIN", help="Écrire aussi les résultats dans ce fichier JSON.")

    def handle(self, *args, **options):
        started = time.monotonic()

        def say(message):
            if options["verbosity"] >= 1:
                self.stderr.write(f"[{time.monotonic() - started:6.1f} s] {message}")

        report = {"fiches": options["fiches"], "engine": connection.vendor}
        try:
            with throwaway_database(verbosity=0, say=say):
                reader = prepare(options["fiches"], say)
                session_key = reader_session(reader)
                paths = UrlMix()
                db_url = database_url(connection.settings_dict, connection.vendor)
                connection.close()  # the server's processes use the database from now on
                with tempfile.TemporaryDirectory(prefix="reseaux-soak-") as workdir:
                    report.update(self.run_server(db_url, workdir, paths, session_key, options, say))
        except (BenchError, SoakError) as error:
            raise CommandError(str(error)) from error
        self.stdout.write("\n".join(lines(report)))
        if options["json"]:
            with open(options["json"], "w", encoding="utf-8") as out:
                json.dump(report, out, indent=2, ensure_ascii=False)
            self.stdout.write(f"Résultats écrits dans {options['json']}")
        idle = report["idle"]["granian"]
        if idle["unanswered"] or idle["slow"] or report["load"]["errors"]:
            raise CommandError("Essai d'endurance échoué : voir ci-dessus.")

    def run_server(self, db_url, workdir, paths, session_key, options, say):
        result = {"idle": {}}
        server = Server(db_url, workdir)
        say("collectstatic…")
        server.collect_static()
        with server:
            server.warm_up()
            say(f"granian (deploy/serve) sur le port {server.port} : {options['inactives']} connexions inactives…")
            result["idle"]["granian"] = idle_summary(idle_connections(server.port, options["inactives"]))
            say(f"{options['clients']} clients pendant {options['duree']:.0f} s…")
            load = concurrent_load(server.port, paths, session_key, clients=options["clients"], seconds=options["duree"])
            result["load"] = {**load.as_json(), "mix": dict(paths.counts)}
        result["load"]["server_errors"] = server.errors
        if options["comparer"]:
            result["compared_load"] = {}
            for kind in ("gunicorn-sync", "gunicorn-gthread"):
                with Server(db_url, workdir, kind) as other:
                    other.warm_up()
                    say(f"{kind} (3 workers) : connexions inactives…")
                    result["idle"][kind] = idle_summary(idle_connections(other.port, options["inactives"], timeout=3))
                    say(f"{kind} : {options['clients']} clients pendant {options['duree']:.0f} s…")
                    other_load = concurrent_load(other.port, paths, session_key, clients=options["clients"], seconds=options["duree"])
                    result["compared_load"][kind] = other_load.as_json()
                result["compared_load"][kind]["server_errors"] = other.errors
        return result


def idle_summary(times):
    answered = [seconds for seconds in times if seconds is not None]
    return {
        "probes": len(times),
        "unanswered": len(times) - len(answered),
        "slow": sum(1 for seconds in answered if seconds > IDLE_LIMIT_SECONDS),
        "median_ms": round(statistics.median(answered) * 1000, 1) if answered else None,
        "max_ms": round(max(answered) * 1000, 1) if answered else None,
    }


def lines(report):
    out = [f"Essai d'endurance — {report['fiches']} fiches, base {report['engine']}"]
    for worker, idle in report["idle"].items():
        out.append(
            f"  {worker:16} connexions inactives : {idle['probes'] - idle['unanswered']}/{idle['probes']} réponses de /healthz, "
            f"médiane {idle['median_ms']} ms, max {idle['max_ms']} ms, {idle['slow']} au-delà de 1 s"
        )
    load = report["load"]
    out += load_lines("granian", load)
    out.append("  pages demandées : " + ", ".join(f"{name} {count}" for name, count in load["mix"].items()))
    for kind, other in report.get("compared_load", {}).items():
        out += load_lines(kind, other)
        out.append(f"    débit de granian : {load['requests_per_second'] / max(other['requests_per_second'], 0.1):.2f} × celui de {kind}")
    return out


def load_lines(kind, load):
    return [
        f"  charge, {kind} : {load['clients']} clients, {load['seconds']} s, {load['requests']} requêtes, "
        f"{load['requests_per_second']} req/s ; p50 {load['p50_ms']} ms, p95 {load['p95_ms']} ms, p99 {load['p99_ms']} ms, "
        f"max {load['max_ms']} ms",
        f"    statuts : {load['statuses']} ; connexions rompues : {load['broken_connections']} ; erreurs : {load['errors']}"
        + (f" (première : {load['first_error']})" if load["first_error"] else ""),
        *(f"    journal du serveur : {line}" for line in load.get("server_errors", [])),
    ]
