"""What the parts of a backup share: the names inside an archive, the error the commands show, the outcome."""

import re
from dataclasses import dataclass, field
from pathlib import Path

from django.core.management.base import CommandError

FORMAT = 1
MANIFEST = "manifest.json"
MEDIA_PREFIX = "media/"
DUMP_NAMES = {"sqlite": "database.sqlite3", "postgresql": "database.pgdump"}
ENGINE_NAMES = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}
# The name the backups get, with a suffix when two are made within the same second; --garder prunes
# only files with such a name.
ARCHIVE_NAME = re.compile(r"^reseaux-(\d{8}-\d{6})(?:-(\d+))?\.tar\.gz$")
CHUNK = 1024 * 1024


class BackupError(CommandError):
    """A refusal or a failure, in French, that the commands show as is (exit status 1)."""


@dataclass
class Outcome:
    path: Path
    tables: dict
    files: dict
    removed: list = field(default_factory=list)
    notes: list = field(default_factory=list)

    @property
    def rows(self):
        return sum(self.tables.values())

    @property
    def media_bytes(self):
        return sum(entry["size"] for entry in self.files.values())
