"""Putting an archive back: refused over content unless forced, checked before anything changes."""

import shutil
import tempfile
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.cache import caches
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.db.models import Q
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, Revision

from ..cache import bump_version
from ..models import CacheVersion
from .archive import media_files, unpack
from .base import ENGINE_NAMES, BackupError, Outcome
from .databases import count_rows, current_engine, restore_postgresql, restore_sqlite


def existing_content(media_root=None):
    """What a restore would erase, as French phrases: nothing on a new database (no tables, or only what
    the migrations create: the tree of index pages, groups, taxonomies), nor in an empty MEDIA_ROOT."""
    tables = set(connection.introspection.table_names())
    found = []

    def count(model, one, many, condition=None):
        if model._meta.db_table in tables:
            n = model._default_manager.filter(condition or Q()).count()
            if n:
                found.append(f"{n} {one if n == 1 else many}")

    count(get_user_model(), "compte", "comptes")
    count(Page, "page ajoutée", "pages ajoutées", Q(depth__gt=3) | Q(latest_revision__isnull=False))
    count(Revision, "révision", "révisions")
    count(get_image_model(), "image", "images")
    count(get_document_model(), "document", "documents")
    media_root = Path(media_root or settings.MEDIA_ROOT)
    files = sum(1 for _ in media_files(media_root))
    if files:
        found.append(f"{files} {'fichier' if files == 1 else 'fichiers'} dans {media_root}")
    return found


def restore_backup(archive, force=False):
    """Put the archive's database and files in place of the configured ones (see the package's docstring)."""
    archive = Path(archive)
    if not archive.is_file():
        raise BackupError(f"Archive introuvable : {archive}")
    engine = current_engine()
    if connection.in_atomic_block:
        raise BackupError("La restauration ne peut pas se faire dans une transaction en cours.")
    media_root = Path(settings.MEDIA_ROOT).resolve()
    content = existing_content(media_root)
    if content and not force:
        raise BackupError(
            f"La base de données n'est pas vide ({', '.join(content)}) : la restauration effacerait tout. "
            "Restaurez dans une base neuve, ou relancez avec --force pour remplacer la base et les fichiers "
            "par ceux de l'archive."
        )
    staging = _staging_directory(media_root)
    try:
        manifest = unpack(archive, staging)
        if manifest["engine"] != engine:
            raise BackupError(
                f"Cette archive vient d'une base {ENGINE_NAMES[manifest['engine']]} ; la base configurée est "
                f"{ENGINE_NAMES[engine]}. Une archive se restaure vers le même moteur. Rien n'a été modifié."
            )
        dump = staging / manifest["database"]["file"]
        if engine == "postgresql":
            restore_postgresql(dump, manifest)
        else:
            restore_sqlite(dump)
        _check_rows(manifest["database"]["tables"], engine)
        _replace_media(staging / "media", media_root)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    _forget_caches()
    outcome = Outcome(path=archive, tables=manifest["database"]["tables"], files=manifest["media"])
    outcome.notes = _notes(manifest)
    return outcome


def _staging_directory(media_root):
    """Beside MEDIA_ROOT when possible, so that moving the files in is a rename on the same disk."""
    try:
        media_root.parent.mkdir(parents=True, exist_ok=True)
        return Path(tempfile.mkdtemp(prefix=".restauration-", dir=media_root.parent))
    except OSError:
        return Path(tempfile.mkdtemp(prefix="reseaux-restauration-"))


def _check_rows(expected, engine):
    with connection.cursor() as cursor:
        restored = count_rows(cursor, engine)
    differences = [f"{table} : {restored.get(table)} au lieu de {rows}" for table, rows in expected.items() if restored.get(table) != rows]
    if differences:
        raise BackupError(
            "La base restaurée ne compte pas les lignes du manifeste ("
            + " ; ".join(differences[:5])
            + "). Les fichiers déposés n'ont pas été remplacés."
        )


def _replace_media(staged, media_root):
    """Empty MEDIA_ROOT (kept itself: it may be a mount point) and move the archive's files in."""
    media_root.mkdir(parents=True, exist_ok=True)
    for entry in media_root.iterdir():
        if entry.is_dir() and not entry.is_symlink():
            shutil.rmtree(entry)
        else:
            entry.unlink()
    if staged.is_dir():
        for entry in staged.iterdir():
            shutil.move(entry, media_root / entry.name)


def _forget_caches():
    """Nothing cached before the restore may be served after it: this process's caches (and Redis, which
    is emptied), and every version token replaced, which the other processes read at each request."""
    ContentType.objects.clear_cache()
    for cache in caches.all():
        cache.clear()
    if CacheVersion._meta.db_table in connection.introspection.table_names():  # absent from an old archive
        for name in CacheVersion.objects.values_list("name", flat=True):
            bump_version(name)


def _notes(manifest):
    notes = []
    executor = MigrationExecutor(connection)
    graph = executor.loader.graph
    if any(key not in executor.loader.disk_migrations for key in executor.loader.applied_migrations):
        notes.append(
            f"L'archive vient d'une version plus récente du portail (Wagtail {manifest['versions']['wagtail']}) : "
            "des migrations appliquées sont inconnues de ce code."
        )
    elif executor.migration_plan(graph.leaf_nodes()):
        notes.append("L'archive vient d'une version plus ancienne du portail : lancez manage.py migrate.")
    backends = [str(options.get("BACKEND", "")) for options in settings.WAGTAILSEARCH_BACKENDS.values()]
    if all("database" in backend for backend in backends):
        notes.append("L'index de recherche est en base : il est revenu avec elle, rien à reconstruire.")
    else:
        notes.append("L'index de recherche est hors de la base : reconstruisez-le avec manage.py update_index.")
    notes.append("Redémarrez le serveur d'application (deploy/serve ou le service systemd) pour vider la mémoire de ses processus.")
    return notes
