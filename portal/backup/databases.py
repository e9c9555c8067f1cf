"""The two engines: a consistent copy of the database, its row counts, and its restoration.

SQLite's online backup API works both ways on a live database, in-memory test databases included;
PostgreSQL goes through pg_dump and pg_restore, whose versions are checked first so that a missing or too
old client gives a French explanation rather than a stack trace.
"""

import os
import re
import shutil
import sqlite3
import subprocess
from pathlib import Path

from django.conf import settings
from django.db import connection
from django.db.backends.postgresql.client import DatabaseClient

from .base import DUMP_NAMES, BackupError


def current_engine():
    if connection.vendor not in DUMP_NAMES:
        raise BackupError(f"Base de données non prise en charge par la sauvegarde : {connection.vendor}.")
    return connection.vendor


def _quote(name):
    return '"' + name.replace('"', '""') + '"'


def count_rows(cursor, engine):
    """{table: rows} of every table of the database: Django's, the search's, SQLite's own."""
    if engine == "sqlite":
        cursor.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
        tables = [(name, _quote(name)) for (name,) in cursor.fetchall()]
    else:
        cursor.execute(
            "SELECT schemaname, tablename FROM pg_tables "
            "WHERE schemaname NOT IN ('pg_catalog', 'information_schema') ORDER BY 1, 2"
        )
        tables = [
            (table if schema == "public" else f"{schema}.{table}", f"{_quote(schema)}.{_quote(table)}")
            for schema, table in cursor.fetchall()
        ]
    counts = {}
    for name, quoted in tables:
        cursor.execute(f"SELECT COUNT(*) FROM {quoted}")  # names read from the catalogue, quoted
        counts[name] = cursor.fetchone()[0]
    return counts


def dump_sqlite(path):
    """Copy the live database with SQLite's backup API, which sees one consistent state even while
    the site writes, then count the rows of the copy: the counts describe exactly what is archived."""
    connection.ensure_connection()
    copy = sqlite3.connect(path)
    try:
        connection.connection.backup(copy)
        copy.execute("PRAGMA journal_mode=DELETE")  # one self-contained file, no -wal beside it
        tables = count_rows(copy.cursor(), "sqlite")
    finally:
        copy.close()
    return {"tables": tables, "tool": f"sqlite {sqlite3.sqlite_version}"}


def pg_tool(name):
    """The path of pg_dump or pg_restore (BACKUP_PG_BINDIR first), or a French explanation."""
    bindir = settings.BACKUP_PG_BINDIR
    found = shutil.which(name, path=bindir) if bindir else shutil.which(name)
    if not found:
        where = f" dans {bindir} (BACKUP_PG_BINDIR)" if bindir else " (PATH)"
        raise BackupError(
            f"{name} est introuvable{where}. Installez les outils clients de PostgreSQL (paquet "
            "postgresql-client), de la version majeure du serveur ou d'une plus récente, ou indiquez leur "
            "dossier dans BACKUP_PG_BINDIR (par exemple /usr/lib/postgresql/16/bin)."
        )
    return found


def _tool_major(path):
    output = subprocess.run([path, "--version"], capture_output=True, text=True, check=False).stdout
    match = re.search(r"(\d+)(?:\.\d+)?", output)
    return int(match.group(1)) if match else 0, output.strip()


def _pg_command(tool, *arguments):
    """The command line and environment of a PostgreSQL tool for the configured database, with the
    connection settings psql would get from dbshell (password, service, TLS files)."""
    database = connection.settings_dict
    _, variables = DatabaseClient.settings_to_cmd_args_env(database, [])
    command = [tool, "--no-password"]
    for option, key in (("--username", "USER"), ("--host", "HOST"), ("--port", "PORT")):
        if database.get(key):
            command.append(f"{option}={database[key]}")
    if database.get("NAME"):
        command.append(f"--dbname={database['NAME']}")
    return [*command, *arguments], {**os.environ, **(variables or {})}


def _run(command, environment, consequence=""):
    result = subprocess.run(command, capture_output=True, text=True, env=environment, check=False)
    if result.returncode:
        name = Path(command[0]).name
        raise BackupError(f"{name} a échoué (code {result.returncode}) : {result.stderr.strip()}{consequence}")


def dump_postgresql(path):
    """pg_dump in the snapshot of a transaction that counted the rows, so that the counts and the dump
    describe the same instant while the site writes."""
    tool = pg_tool("pg_dump")
    connection.ensure_connection()
    major, version = _tool_major(tool)
    server = connection.pg_version // 10000
    if major < server:
        raise BackupError(
            f"{version} est plus ancien que le serveur (PostgreSQL {server}) : il refuserait de sauvegarder. "
            f"Installez postgresql-client-{server} ou indiquez son dossier dans BACKUP_PG_BINDIR "
            f"(par exemple /usr/lib/postgresql/{server}/bin)."
        )
    snapshot_holder = connection.get_new_connection(connection.get_connection_params())
    try:
        snapshot_holder.autocommit = True
        with snapshot_holder.cursor() as cursor:
            cursor.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
            cursor.execute("SELECT pg_export_snapshot()")
            snapshot = cursor.fetchone()[0]
            tables = count_rows(cursor, "postgresql")
            _run(*_pg_command(tool, "--format=custom", f"--snapshot={snapshot}", f"--file={path}"))
            cursor.execute("COMMIT")
    finally:
        snapshot_holder.close()
    return {"tables": tables, "tool": version, "tool_major": major}


def restore_postgresql(path, manifest):
    tool = pg_tool("pg_restore")
    major, version = _tool_major(tool)
    if major < manifest["database"].get("tool_major", 0):
        raise BackupError(
            f"{version} est plus ancien que le pg_dump qui a fait l'archive ({manifest['database']['tool']}) : "
            "installez des outils clients plus récents ou indiquez leur dossier dans BACKUP_PG_BINDIR."
        )
    connection.close()  # no lock of ours in the way; the next query reconnects and sees the new types
    # One transaction: a failure leaves the database as it was. Owners and grants of the machine the
    # archive comes from are not replayed: the tables belong to whoever restores.
    command = _pg_command(tool, "--clean", "--if-exists", "--no-owner", "--no-privileges", "--single-transaction", "--exit-on-error", str(path))
    _run(
        *command,
        consequence=(
            "\nLa base est restée telle qu'avant (une seule transaction) et les fichiers n'ont pas été touchés. "
            "Si des tables de la base gênent, restaurez dans une base neuve (dropdb, createdb)."
        ),
    )


def restore_sqlite(path):
    """SQLite's backup API, the other way round: it replaces the live database page by page under a
    lock, leaves its journal mode as it was, and other processes see the new content at their next read."""
    connection.ensure_connection()
    source = sqlite3.connect(path)
    try:
        source.backup(connection.connection)
    finally:
        source.close()
