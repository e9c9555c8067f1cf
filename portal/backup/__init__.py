"""Backups of the whole site: the database and the uploaded files in one archive, and their restoration.

Why one archive: a database restored without its media brings back every image and document row with a
file that answers 404, and media without their database are files nothing points to. Both travel
together in `reseaux-AAAAMMJJ-HHMMSS.tar.gz`:

- `database.sqlite3`, made by SQLite's online backup API (a consistent copy while the site runs), or
  `database.pgdump`, pg_dump's custom format taken in the same snapshot as the row counts;
- `media/…`, the tree of MEDIA_ROOT;
- `manifest.json`, written last: engine, versions, the row count of every table (search tables
  included) and the size and SHA-256 of every file.

Why a physical copy rather than dumpdata/loaddata: the search lives in the database too (FTS5 tables and
their triggers on SQLite, vectors and a text-search configuration on PostgreSQL), which dumpdata knows
nothing of, and loaddata replays signal receivers that rewrite what it loads. A copy of the engine's own
is exact, and is what the restore compares against the manifest.

Why not django-dbbackup: it writes the database and the media as two archives with no manifest, and
restores SQLite by writing over the file of a database in WAL mode; what it would still leave to us
(one archive, checksums, the refusal to overwrite content) is most of the work.

A restore unpacks and checks every file into a staging directory before it touches the database or
MEDIA_ROOT, and refuses a database that already holds content unless forced.
"""

from .archive import create_backup, prune
from .base import BackupError, Outcome
from .databases import count_rows, pg_tool
from .restore import existing_content, restore_backup

__all__ = ["BackupError", "Outcome", "count_rows", "create_backup", "existing_content", "pg_tool", "prune", "restore_backup"]
