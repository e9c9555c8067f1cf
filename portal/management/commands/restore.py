"""`manage.py restore ARCHIVE`: put back an archive of `manage.py backup`, database and files together.

It refuses a database that already holds content unless --force is given, and checks every checksum of
the archive before it changes anything (portal.backup).
"""

from django.core.management.base import BaseCommand

from portal.backup import restore_backup


class Command(BaseCommand):
    help = (
        "Restaure une archive faite par manage.py backup : la base de données et les fichiers déposés. "
        "Refuse d'écraser une base qui contient déjà du contenu, sauf avec --force."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", help="chemin de l'archive reseaux-AAAAMMJJ-HHMMSS.tar.gz")
        parser.add_argument(
            "--force",
            action="store_true",
            help="remplacer une base et des fichiers qui ne sont pas vides par ceux de l'archive",
        )

    def handle(self, *args, archive, force=False, verbosity=1, **options):
        outcome = restore_backup(archive, force=force)
        if verbosity:
            self.stdout.write(
                f"Archive restaurée : {len(outcome.tables)} tables ({outcome.rows} lignes) et "
                f"{len(outcome.files)} fichiers déposés, vérifiés."
            )
            for note in outcome.notes:
                self.stdout.write(note)
