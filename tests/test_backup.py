"""Backups (manage.py backup / restore, portal.backup): the database and the uploaded files together.

The finding: a database restore brought every row back, but images and documents answered 404 because
the media were not in the dump. Here a full round trip, on the suite's engine (SQLite, or PostgreSQL with
DATABASE_URL=postgres://…), restores into another, new database and compares every table's row count,
every page's latest revision and every file's checksum, measured by the test itself, not by the code
under test. The restore also refuses a database with content unless forced, and a damaged archive
before it changes anything.

Transactional tests: pg_dump runs in another process and sees committed rows only, and a restore cannot
happen inside the transaction pytest-django wraps a test in.
"""

import hashlib
import io
import json
import os
import re
import sqlite3
import subprocess
import sys
import tarfile
from pathlib import Path

import psycopg
import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Page

from portal import backup, roles
from practices.models import PracticeSheetPage
from practices.models.fiche_parts import FicheAttachment, FicheImage

from .factories import make_fiche, make_membership, make_network, make_user

ROOT = Path(__file__).resolve().parent.parent
ARCHIVE_NAME = re.compile(r"reseaux-\d{8}-\d{6}\.tar\.gz")
transactional = pytest.mark.django_db(transaction=True)


# --- what is compared, measured independently of portal.backup ---------------------------------------


def table_counts(cursor, vendor):
    if vendor == "sqlite":
        cursor.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        names = [name for (name,) in cursor.fetchall()]
    else:
        cursor.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")
        names = [name for (name,) in cursor.fetchall()]
    counts = {}
    for name in names:
        cursor.execute(f'SELECT COUNT(*) FROM "{name}"')
        counts[name] = cursor.fetchone()[0]
    return counts


def latest_revisions(cursor):
    """Every page, where it stands in the tree, and its latest revision: id and content."""
    cursor.execute(
        "SELECT p.id, p.path, p.title, p.live, p.latest_revision_id, r.content FROM wagtailcore_page p "
        "LEFT JOIN wagtailcore_revision r ON r.id = p.latest_revision_id ORDER BY p.id"
    )
    return [(*row[:5], json.loads(row[5]) if isinstance(row[5], str) else row[5]) for row in cursor.fetchall()]


def database_state(cursor, vendor):
    return {"tables": table_counts(cursor, vendor), "pages": latest_revisions(cursor)}


def media_checksums(root):
    root = Path(root)
    return {
        path.relative_to(root).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


def current_state(media_root):
    with connection.cursor() as cursor:
        return database_state(cursor, connection.vendor), media_checksums(media_root)


# --- content -----------------------------------------------------------------------------------------


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    return Path(settings.MEDIA_ROOT)


@pytest.fixture
def content(media_root):
    """Accounts, pages with several revisions (one a draft ahead of the live version), an image with a
    rendition and a document, both with real files, used by a fiche; a network with a member."""
    editor = make_user(roles.CONTRIBUTORS, username="redactrice")
    make_user(roles.READERS, username="lecteur-sauvegarde")
    image = get_image_model().objects.create(title="Photo de la journée", file=get_test_image_file())
    image.get_rendition("width-100")
    document = get_document_model().objects.create(
        title="Compte rendu", file=ContentFile("Ordre du jour : coopération entre services.".encode(), name="compte-rendu.txt")
    )
    fiche = make_fiche("Ateliers de codéveloppement")
    fiche.attachments.add(FicheAttachment(document=document))
    fiche.images.add(FicheImage(image=image))
    fiche.save_revision(user=editor).publish()
    fiche.intro = "Une version en cours de relecture."
    fiche.save_revision(user=editor)  # a draft: the latest revision is not the live one
    make_fiche("Ligne d'écoute des managers", publish=False)
    make_membership(make_network("Réseau breton des pratiques managériales"))
    return {"fiche": fiche.pk, "image": image.pk, "document": document.pk, "editor": editor.pk}


def make_backup(directory, **options):
    out = io.StringIO()
    call_command("backup", dossier=str(directory), stdout=out, **options)
    return Path(out.getvalue().strip())


# --- a new, empty database of the suite's engine, beside the test database ------------------------------


@pytest.fixture
def new_database(tmp_path):
    """(DATABASE_URL of a new empty database, a function opening it directly)."""
    if connection.vendor == "sqlite":
        path = tmp_path / "restauree.sqlite3"
        yield f"sqlite:///{path}", lambda: sqlite3.connect(path)
        return
    database = connection.settings_dict
    name = f"{database['NAME']}_restauration"
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
        cursor.execute(f'CREATE DATABASE "{name}"')
    credentials = database["USER"] + (f":{database['PASSWORD']}" if database["PASSWORD"] else "")
    url = f"postgres://{credentials}@{database['HOST'] or '127.0.0.1'}:{database['PORT'] or 5432}/{name}"

    def open_database():
        return psycopg.connect(
            dbname=name, user=database["USER"], password=database["PASSWORD"] or None,
            host=database["HOST"] or "127.0.0.1", port=database["PORT"] or 5432,
        )

    yield url, open_database
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


# --- the round trip ------------------------------------------------------------------------------------


@transactional
def test_a_round_trip_loses_nothing_and_a_restore_refuses_what_it_must(content, media_root, new_database, client, tmp_path):
    """One transactional test rather than four: each is followed by a flush of every table and the
    reference data written back, which takes seconds on PostgreSQL. Its steps are the functions below."""
    at_backup = current_state(media_root)
    tables = at_backup[0]["tables"]
    assert tables["wagtailimages_image"] == 1 and tables["wagtailimages_rendition"] == 1
    assert tables["wagtaildocs_document"] == 1 and tables["wagtailcore_revision"] >= 5
    assert {"original_images", "images", "documents"} <= {name.split("/")[0] for name in at_backup[1]}

    archive = check_backup_with_garder(tmp_path / "sauvegardes", at_backup)
    check_restore_on_a_new_machine(archive, new_database, tmp_path, at_backup)
    check_damaged_archives_are_refused(archive, media_root, tmp_path, at_backup)
    check_restore_refuses_content_unless_forced(archive, media_root, client, content, at_backup)


def check_backup_with_garder(directory, at_backup):
    """One archive, with the database and every file, named by the date; --garder 2 keeps the newest
    older archive besides the new one, and leaves other files alone."""
    directory.mkdir()
    for name in ("reseaux-20240101-000000.tar.gz", "reseaux-20250101-000000.tar.gz", "reseaux-20250101-000000-2.tar.gz", "notes.txt"):
        (directory / name).write_bytes(b"")
    archive = make_backup(directory, garder=2)
    assert ARCHIVE_NAME.fullmatch(archive.name) and archive.parent == directory
    # nothing half-written left beside it
    assert sorted(os.listdir(directory)) == sorted([archive.name, "reseaux-20250101-000000-2.tar.gz", "notes.txt"])
    with tarfile.open(archive) as tar:
        names = set(tar.getnames())
    assert {"manifest.json", f"database.{'sqlite3' if connection.vendor == 'sqlite' else 'pgdump'}"} <= names
    assert {f"media/{name}" for name in at_backup[1]} <= names
    return archive


def check_restore_on_a_new_machine(archive, new_database, tmp_path, at_backup):
    """`manage.py restore` as on a new machine: another process, a database just created (no tables),
    no MEDIA_ROOT yet. Every table has its rows, every page its latest revision, every file its bytes."""
    url, open_database = new_database
    restored_media = tmp_path / "media-restauree"
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.dev",
        "DATABASE_URL": url,
        "MEDIA_ROOT": str(restored_media),
        "LOG_LEVEL": "WARNING",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "restore", str(archive)], cwd=ROOT, env=environment, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert "Archive restaurée" in result.stdout and "rien à reconstruire" in result.stdout

    restored = open_database()
    try:
        database = database_state(restored.cursor(), connection.vendor)
    finally:
        restored.close()
    assert database["tables"] == at_backup[0]["tables"]
    assert database["pages"] == at_backup[0]["pages"]
    assert media_checksums(restored_media) == at_backup[1]


def rewrite(archive, target, change):
    """A copy of `archive` where `change(name, data)` returns the new bytes of a member, or None to drop it."""
    with tarfile.open(archive) as source, tarfile.open(target, "w:gz") as copy:
        for member in source:
            new = change(member.name, source.extractfile(member).read())
            if new is not None:
                member.size = len(new)
                copy.addfile(member, io.BytesIO(new))
    return target


def altered_document(name, data):
    return data.replace("coopération".encode(), "COOPÉRATION".encode()) if name.startswith("media/documents/") else data


def check_damaged_archives_are_refused(archive, media_root, tmp_path, at_backup):
    """Altered, incomplete, truncated, without manifest, or naming a path outside: refused, even with
    --force, before the database or MEDIA_ROOT change, and no staging directory is left behind."""
    damaged = {
        "ne correspond pas à son empreinte": rewrite(archive, tmp_path / "alteree.tar.gz", altered_document),
        "manque": rewrite(archive, tmp_path / "incomplete.tar.gz", lambda name, data: None if name.startswith("media/original_images/") else data),
        "pas de manifeste": rewrite(archive, tmp_path / "sans-manifeste.tar.gz", lambda name, data: None if name == "manifest.json" else data),
        "illisible ou tronquée": tmp_path / "tronquee.tar.gz",
        "élément inattendu": tmp_path / "evasion.tar.gz",
    }
    damaged["illisible ou tronquée"].write_bytes(archive.read_bytes()[: archive.stat().st_size // 2])
    with tarfile.open(damaged["élément inattendu"], "w:gz") as tar:
        tar.add(archive, arcname="../evasion.txt")

    for expected, path in damaged.items():
        with pytest.raises(CommandError) as refusal:
            call_command("restore", str(path), force=True)
        message = str(refusal.value)
        assert expected in message and "rien n'a été modifié" in message.lower(), message
    assert current_state(media_root) == at_backup
    assert not (tmp_path / "evasion.txt").exists()
    assert not [path.name for path in media_root.parent.iterdir() if path.name.startswith(".restauration-")]


def check_restore_refuses_content_unless_forced(archive, media_root, client, content, at_backup):
    """Over a database with content: a French refusal that names --force and changes nothing; with
    --force, the database and the files are those of the backup, and the site serves them, not what was
    cached after it."""
    later = make_fiche("Fiche écrite après la sauvegarde")
    (media_root / "documents" / "apres.txt").write_bytes(b"un fichier venu plus tard")
    client.force_login(make_user(roles.READERS))
    assert client.get(later.url).status_code == 200  # and now in the cache

    with pytest.raises(CommandError) as refusal:
        call_command("restore", str(archive))
    message = str(refusal.value)
    assert "La base de données n'est pas vide" in message and "--force" in message
    assert "comptes" in message and "révisions" in message
    assert Page.objects.filter(pk=later.pk).exists() and (media_root / "documents" / "apres.txt").exists()

    out = io.StringIO()
    call_command("restore", str(archive), force=True, stdout=out)
    assert "Archive restaurée" in out.getvalue()
    assert current_state(media_root) == at_backup  # before any request writes a session or a token

    client.force_login(make_user(roles.READERS))  # the session came after the backup too
    assert client.get(later.url).status_code == 404
    fiche = PracticeSheetPage.objects.get(pk=content["fiche"])
    assert "Ateliers de codéveloppement" in client.get(fiche.url).content.decode()
    image = get_image_model().objects.get(pk=content["image"])
    assert client.get("/media/" + image.file.name).status_code == 200
    document = get_document_model().objects.get(pk=content["document"])
    response = client.get(document.url)
    assert b"".join(response.streaming_content) == "Ordre du jour : coopération entre services.".encode()


# --- without a database --------------------------------------------------------------------------------


def test_garder_needs_at_least_one_archive(tmp_path):
    with pytest.raises(CommandError, match="au moins égal à 1"):
        call_command("backup", dossier=str(tmp_path), garder=0)


def test_two_backups_in_the_same_second_get_two_names(tmp_path):
    (tmp_path / "reseaux-20260101-120000.tar.gz").write_bytes(b"la premiere")
    partial = tmp_path / ".partiel"
    partial.write_bytes(b"la seconde")
    second = backup.archive._publish(partial, tmp_path, "20260101-120000")
    assert second.name == "reseaux-20260101-120000-2.tar.gz" and second.read_bytes() == b"la seconde"
    assert (tmp_path / "reseaux-20260101-120000.tar.gz").read_bytes() == b"la premiere"


def test_archives_are_never_written_where_media_are_served(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    with pytest.raises(CommandError, match="est dans MEDIA_ROOT"):
        call_command("backup", dossier=str(tmp_path / "sauvegardes"))


def test_a_missing_pg_dump_is_explained_in_french(settings, tmp_path):
    settings.BACKUP_PG_BINDIR = str(tmp_path)
    with pytest.raises(CommandError, match="pg_dump est introuvable dans") as error:
        backup.pg_tool("pg_dump")
    assert "Installez les outils clients de PostgreSQL" in str(error.value) and "BACKUP_PG_BINDIR" in str(error.value)


@pytest.mark.django_db
@pytest.mark.skipif(connection.vendor != "postgresql", reason="pg_dump only serves PostgreSQL")
def test_a_pg_dump_older_than_the_server_is_refused_and_leaves_no_half_archive(settings, tmp_path):
    tools = tmp_path / "outils"
    tools.mkdir()
    (tools / "pg_dump").write_text("#!/bin/sh\necho 'pg_dump (PostgreSQL) 9.6.24'\n")
    (tools / "pg_dump").chmod(0o755)
    settings.BACKUP_PG_BINDIR = str(tools)
    with pytest.raises(CommandError, match="est plus ancien que le serveur"):
        call_command("backup", dossier=str(tmp_path / "sauvegardes"))
    assert os.listdir(tmp_path / "sauvegardes") == []
