"""manage.py bench: the search, listing and reading speed of the portal at N fiches (docs/performance.md)."""

import time

from django.core.management.base import BaseCommand, CommandError

from portal.devtools.bench import BenchError, run
from portal.devtools.bench.database import throwaway_database
from portal.devtools.bench.report import table, write_json


class Command(BaseCommand):
    help = (
        "Mesure la recherche, les facettes, la liste et la page des fiches et les suggestions sur N fiches "
        "synthétiques, dans une base jetable du moteur configuré (la base configurée n'est pas touchée)."
    )
    # The configured database may not even exist yet: nothing here needs it.
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("--fiches", type=int, default=10_000, metavar="N", help="Nombre de fiches synthétiques (10 000 par défaut).")
        parser.add_argument("--json", metavar="CHEMIN", help="Écrire aussi les résultats dans ce fichier JSON.")
        parser.add_argument("--repetitions", type=int, default=40, metavar="R", help="Tours de mesure (40 par défaut).")
        parser.add_argument("--chauffe", type=int, default=5, metavar="W", help="Tours de chauffe non comptés (5 par défaut).")
        parser.add_argument(
            "--froid",
            action="store_true",
            help="Mesurer la première lecture après une publication : chaque mesure suit le remplacement de la "
            "version du contenu et la lecture d'une autre fiche.",
        )

    def handle(self, *args, **options):
        if options["fiches"] < 0:
            raise CommandError("--fiches : un nombre positif attendu.")
        started = time.monotonic()
        verbosity = options["verbosity"]

        def say(message):
            if verbosity >= 1:
                self.stderr.write(f"[{time.monotonic() - started:6.1f} s] {message}")

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
