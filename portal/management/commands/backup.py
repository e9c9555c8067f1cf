"""`manage.py backup`: the database and the uploaded files in one dated archive (portal.backup).

Made for cron: the only thing written on standard output is the archive's path, so that a script can
copy it elsewhere; details come with -v 2. A failure exits with status 1 and a French message.
"""

from django.core.management.base import BaseCommand, CommandError

from portal.backup import create_backup


def size(n):
    """A size as a person reads it: 540,1 Ko."""
    if n < 1024:
        return f"{n} octets"
    for unit in ("Ko", "Mo", "Go"):
        n /= 1024
        if n < 1024 or unit == "Go":
            break
    return f"{n:.1f} {unit}".replace(".", ",")


class Command(BaseCommand):
    help = (
        "Sauvegarde la base de données et les fichiers déposés (images, documents) dans une seule archive "
        "datée, reseaux-AAAAMMJJ-HHMMSS.tar.gz, et affiche son chemin."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dossier",
            "--output-dir",
            dest="directory",
            metavar="DOSSIER",
            help="dossier où écrire l'archive (par défaut BACKUP_DIR, sinon backups/ dans le dépôt)",
        )
        parser.add_argument(
            "--garder",
            "--keep",
            dest="keep",
            type=int,
            metavar="N",
            help="ne garder que les N archives les plus récentes du dossier, la nouvelle comprise",
        )

    def handle(self, *args, directory=None, keep=None, verbosity=1, **options):
        if keep is not None and keep < 1:
            raise CommandError("--garder attend un nombre d'archives au moins égal à 1.")
        outcome = create_backup(directory, keep=keep)
        self.stdout.write(str(outcome.path))
        if verbosity >= 2:
            self.stdout.write(
                f"{len(outcome.tables)} tables ({outcome.rows} lignes), {len(outcome.files)} fichiers déposés "
                f"({size(outcome.media_bytes)}) ; archive de {size(outcome.path.stat().st_size)}."
            )
            for path in outcome.removed:
                self.stdout.write(f"Ancienne archive supprimée : {path}")
