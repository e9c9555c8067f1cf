"""manage.py bench: the search, listing and reading speed of the portal at N fiches (docs/performance.md)."""

import time

from django.core.management.base import BaseCommand, CommandError

from portal.devtools.bench import BenchError, relevance, replay, run
from portal.devtools.bench.database import throwaway_database
from portal.devtools.bench.measures import bench_settings, prepare
from portal.devtools.bench.report import relevance_lines, table, write_data, write_json, write_relevance_json

RELEVANCE_DISTRACTORS = 2_000


class Command(BaseCommand):
    help = (
        "Mesure la recherche, les facettes, la liste et la page des fiches et les suggestions sur N fiches "
        "synthétiques, dans une base jetable du moteur configuré (la base configurée n'est pas touchée)."
    )
    # The configured database may not even exist yet: nothing here needs it.
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument(
            "--fiches",
            type=int,
            default=None,
            metavar="N",
            help="Nombre de fiches synthétiques (10 000 par défaut ; 2 000 avec --pertinence).",
        )
        parser.add_argument("--json", metavar="CHEMIN", help="Écrire aussi les résultats dans ce fichier JSON.")
        parser.add_argument("--repetitions", type=int, default=40, metavar="R", help="Tours de mesure (40 par défaut).")
        parser.add_argument("--chauffe", type=int, default=5, metavar="W", help="Tours de chauffe non comptés (5 par défaut).")
        parser.add_argument(
            "--froid",
            action="store_true",
            help="Mesurer la première lecture après une publication : chaque mesure suit le remplacement de la "
            "version du contenu et la lecture d'une autre fiche.",
        )
        parser.add_argument(
            "--pertinence",
            action="store_true",
            help="Mesurer la pertinence plutôt que la vitesse : la table de requêtes (rappel@10 et MRR par groupe) "
            "sur le contenu de démonstration et N fiches synthétiques comme leurres.",
        )

        parser.add_argument(
            "--rejouer",
            type=int,
            metavar="N",
            help="Diagnostic : rejouer sur la base configurée, sans la reconstruire, les N premières recherches "
            "jamais demandées du banc (mêmes mots et régions que Wagtail), une requête chacune, et lister les "
            "plus lentes avec leurs instructions SQL (pour comparer deux versions du code sur le même contenu).",
        )
        parser.add_argument("--graine", type=int, default=2026, metavar="S", help="Graine du tirage des recherches (2026 par défaut).")
        parser.add_argument("--lecteur", metavar="IDENTIFIANT", help="Compte sous lequel rejouer (le premier lecteur sinon).")

    def handle(self, *args, **options):
        if options["rejouer"] is not None:
            return self.replay(options)
        if options["fiches"] is None:
            options["fiches"] = RELEVANCE_DISTRACTORS if options["pertinence"] else 10_000
        if options["fiches"] < 0:
            raise CommandError("--fiches : un nombre positif attendu.")
        started = time.monotonic()
        verbosity = options["verbosity"]

        def say(message):
            if verbosity >= 1:
                self.stderr.write(f"[{time.monotonic() - started:6.1f} s] {message}")

        if options["pertinence"]:
            return self.relevance(options, say)
        try:
            with throwaway_database(verbosity=max(verbosity - 1, 0), say=say):
                report = run(
                    options["fiches"], rounds=options["repetitions"], warmup=options["chauffe"], cold=options["froid"], say=say
                )
        except BenchError as error:
            raise CommandError(str(error)) from error
        self.stdout.write("\n".join(table(report)))
        if options["json"]:
            write_json(report, options["json"])
            self.stdout.write(f"Résultats écrits dans {options['json']}")

    def replay(self, options):
        try:
            result = replay.replay(options["rejouer"], seed=options["graine"], username=options["lecteur"])
        except BenchError as error:
            raise CommandError(str(error)) from error
        self.stdout.write("\n".join(replay.lines(result)))
        if options["json"]:
            write_data(result, options["json"])
            self.stdout.write(f"Résultats écrits dans {options['json']}")

    def relevance(self, options, say):
        try:
            with throwaway_database(verbosity=max(options["verbosity"] - 1, 0), say=say), bench_settings():
                reader = prepare(options["fiches"], say)
                say("Table de pertinence…")
                groups = relevance.evaluate(reader)
                summary = relevance.summary(groups)
                summary["fiches"] = options["fiches"]
                missed = relevance.failures(groups)
        except BenchError as error:
            raise CommandError(str(error)) from error
        self.stdout.write("\n".join(relevance_lines(summary, missed)))
        if options["json"]:
            write_relevance_json(summary, missed, options["json"])
            self.stdout.write(f"Résultats écrits dans {options['json']}")
