import logging
import time

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction

from portal.devtools.demo import accounts, collections, fiches, networks, site
from portal.devtools.demo.synthetic import create_fiches
from portal.roles import sync_roles

# Enough synthetic fiches for the map and the facets to look alive: the first ones of the generator
# cover every region and national (synthetic_content.COVER), the rest follow the regions' weights.
DEMO_SYNTHETIC_FICHES = 60


class Command(BaseCommand):
    help = "Charge le contenu de démonstration (idempotent : le relancer ne change rien)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--fiches",
            type=int,
            default=DEMO_SYNTHETIC_FICHES,
            metavar="N",
            help=(
                "Nombre de fiches synthétiques qui doivent exister (créées en masse, recherche indexée une fois ; "
                f"{DEMO_SYNTHETIC_FICHES} par défaut, assez pour que la carte et les facettes couvrent toutes les "
                "régions ; 0 pour aucune)."
            ),
        )

    def handle(self, *args, **options):
        # Wagtail logs every page it creates and publishes: hundreds of lines that would bury the demo
        # accounts `make run` prints. They stay in the pages' history; -v 2 shows them here too.
        wagtail_logger = logging.getLogger("wagtail")
        level = wagtail_logger.level
        if options["verbosity"] < 2:
            wagtail_logger.setLevel(logging.WARNING)
        try:
            self.load(options)
        finally:
            wagtail_logger.setLevel(level)

    def load(self, options):
        with transaction.atomic():
            sync_roles()
            site.load()
            fiches.load()
            networks.load()
            collections.load()
            # after the networks: an account is linked to the network person who has its e-mail
            created_accounts = accounts.load()
        call_command("update_index", verbosity=0)
        self.stdout.write(self.style.SUCCESS("Contenu de démonstration chargé."))
        if created_accounts:
            self.stdout.write("")
            self.stdout.write(f"Comptes de démonstration (mot de passe : {settings.PORTAL_DEMO_PASSWORD}) :")
            for username, role in created_accounts:
                self.stdout.write(f"  {username:<14} {role}")
        if options["fiches"] > 0:
            started = time.monotonic()
            created = create_fiches(options["fiches"], stdout=self.stdout)
            self.stdout.write(
                self.style.SUCCESS(
                    f"{created} fiches synthétiques créées en {time.monotonic() - started:.1f} s "
                    f"({options['fiches']} demandées)."
                )
            )
