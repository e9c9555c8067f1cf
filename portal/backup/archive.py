"""Writing an archive (database dump, MEDIA_ROOT, manifest) and reading one back with every checksum checked."""

import hashlib
import io
import itertools
import json
import os
import tarfile
import tempfile
import zlib
from pathlib import Path, PurePosixPath

import django
import wagtail
from django.conf import settings
from django.utils import timezone

from .base import ARCHIVE_NAME, CHUNK, DUMP_NAMES, FORMAT, MANIFEST, MEDIA_PREFIX, BackupError, Outcome
from .databases import current_engine, dump_postgresql, dump_sqlite


def create_backup(directory=None, keep=None):
    """Write a new archive into `directory` (BACKUP_DIR), then keep only the `keep` newest if given.

    The archive is written under a hidden temporary name and linked under its final name once complete:
    a backup that fails, or a disk that fills up, never leaves a half archive that looks like a good one.
    """
    vendor = current_engine()
    directory = Path(directory or settings.BACKUP_DIR).resolve()
    media_root = Path(settings.MEDIA_ROOT).resolve()
    if directory == media_root or media_root in directory.parents:
        raise BackupError(
            f"Le dossier des sauvegardes ({directory}) est dans MEDIA_ROOT ({media_root}) : les archives, "
            "qui contiennent toute la base, y seraient lisibles par tout agent connecté. "
            "Choisissez un dossier hors de MEDIA_ROOT (--dossier ou BACKUP_DIR)."
        )
    directory.mkdir(mode=0o700, parents=True, exist_ok=True)
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M%S")
    descriptor, partial = tempfile.mkstemp(dir=directory, prefix=f".reseaux-{stamp}-", suffix=".partiel")
    partial = Path(partial)
    try:
        with os.fdopen(descriptor, "wb") as out, tempfile.TemporaryDirectory(dir=directory, prefix=".sauvegarde-") as work:
            dump = Path(work) / DUMP_NAMES[vendor]
            database = dump_postgresql(dump) if vendor == "postgresql" else dump_sqlite(dump)
            with tarfile.open(fileobj=out, mode="w:gz", compresslevel=6) as tar:
                database.update(_add_file(tar, dump, DUMP_NAMES[vendor]), file=DUMP_NAMES[vendor])
                # After the database: a file uploaded meanwhile is only an extra file, never a row without
                # its file (a deletion meanwhile, rarer, is the other way round).
                files = {relative: _add_file(tar, path, MEDIA_PREFIX + relative) for path, relative in media_files(media_root)}
                manifest = {
                    "format": FORMAT,
                    "created_at": timezone.localtime().isoformat(timespec="seconds"),
                    "engine": vendor,
                    "versions": {"django": django.get_version(), "wagtail": wagtail.__version__},
                    "database": database,
                    "media": files,
                }
                _add_bytes(tar, MANIFEST, json.dumps(manifest, ensure_ascii=False, indent=1, sort_keys=True).encode())
            out.flush()
            os.fsync(out.fileno())
        path = _publish(partial, directory, stamp)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    removed = prune(directory, keep) if keep else []
    return Outcome(path=path, tables=database["tables"], files=files, removed=removed)


def prune(directory, keep):
    """Delete all but the `keep` newest archives of `directory` (by the date in their names)."""

    def order(path):
        match = ARCHIVE_NAME.match(path.name)
        return match.group(1), int(match.group(2) or 1)

    archives = sorted((path for path in Path(directory).iterdir() if ARCHIVE_NAME.match(path.name)), key=order, reverse=True)
    for path in archives[keep:]:
        path.unlink()
    return archives[keep:]


def _publish(partial, directory, stamp):
    """Give the finished archive its name; a link never replaces an archive made in the same second."""
    for n in itertools.count(1):
        final = directory / (f"reseaux-{stamp}.tar.gz" if n == 1 else f"reseaux-{stamp}-{n}.tar.gz")
        try:
            os.link(partial, final)
        except FileExistsError:
            continue
        except OSError:  # a file system without hard links
            if final.exists():
                continue
            os.replace(partial, final)
            return final
        partial.unlink()
        return final


class _HashingReader:
    """Hashes what tarfile reads of a file while it archives it: each file is read once."""

    def __init__(self, fileobj):
        self.fileobj = fileobj
        self.digest = hashlib.sha256()

    def read(self, size=-1):
        data = self.fileobj.read(size)
        self.digest.update(data)
        return data


def _add_file(tar, path, name):
    with open(path, "rb") as source:
        info = tar.gettarinfo(fileobj=source, arcname=name)
        info.uid = info.gid = 0
        info.uname = info.gname = ""
        reader = _HashingReader(source)
        tar.addfile(info, reader)
    return {"size": info.size, "sha256": reader.digest.hexdigest()}


def _add_bytes(tar, name, data):
    info = tarfile.TarInfo(name)
    info.size = len(data)
    info.mtime = int(timezone.now().timestamp())
    info.mode = 0o600
    tar.addfile(info, io.BytesIO(data))


def media_files(media_root):
    """(path, name relative to MEDIA_ROOT) of every regular file, in a stable order."""
    if not media_root.is_dir():
        return
    for directory, subdirectories, names in os.walk(media_root):
        subdirectories.sort()
        for name in sorted(names):
            path = Path(directory) / name
            if path.is_file() and not path.is_symlink():
                yield path, path.relative_to(media_root).as_posix()


def _member_path(name, database_file_names):
    path = PurePosixPath(name)
    if name in database_file_names:
        return path
    if name.startswith(MEDIA_PREFIX) and not path.is_absolute() and ".." not in path.parts and len(path.parts) > 1:
        return path
    raise BackupError(f"L'archive contient un élément inattendu ({name}) : elle est refusée, rien n'a été modifié.")


def unpack(archive, staging):
    """Unpack every file into `staging`, hashing it on the way, and compare with the manifest: any
    difference (altered, missing or extra file, unreadable archive) refuses it before anything changes."""
    found, manifest = {}, None
    try:
        with tarfile.open(archive, mode="r:gz") as tar:
            for member in tar:
                if member.isdir():
                    continue
                if not member.isfile():
                    raise BackupError(f"L'archive contient un élément inattendu ({member.name}) : rien n'a été modifié.")
                if member.name == MANIFEST:
                    manifest = json.loads(tar.extractfile(member).read().decode("utf-8"))
                    continue
                target = staging / _member_path(member.name, DUMP_NAMES.values())
                target.parent.mkdir(parents=True, exist_ok=True)
                digest = hashlib.sha256()
                with tar.extractfile(member) as source, open(target, "wb") as out:
                    while chunk := source.read(CHUNK):
                        digest.update(chunk)
                        out.write(chunk)
                os.utime(target, (member.mtime, member.mtime))
                found[member.name] = {"size": member.size, "sha256": digest.hexdigest()}
    except (tarfile.TarError, EOFError, zlib.error, OSError, ValueError) as error:
        raise BackupError(f"L'archive {archive} est illisible ou tronquée ({error}) : rien n'a été modifié.") from error
    try:
        if manifest is None or manifest.get("format") != FORMAT or manifest["engine"] not in DUMP_NAMES:
            raise KeyError("format")
        database = manifest["database"]
        expected = {database["file"]: {"size": database["size"], "sha256": database["sha256"]}}
        expected.update({MEDIA_PREFIX + name: entry for name, entry in manifest["media"].items()})
    except (KeyError, TypeError, AttributeError) as error:
        raise BackupError(
            f"L'archive {archive} n'a pas de manifeste valide (manifest.json) : ce n'est pas une sauvegarde "
            "de manage.py backup, ou elle est d'un autre format. Rien n'a été modifié."
        ) from error
    problems = [f"{name} manque" for name in expected if name not in found]
    problems += [f"{name} n'est pas dans le manifeste" for name in found if name not in expected]
    problems += [f"{name} ne correspond pas à son empreinte" for name in expected if name in found and found[name] != expected[name]]
    if problems:
        shown = " ; ".join(problems[:5]) + (f" ; et {len(problems) - 5} autre(s)" if len(problems) > 5 else "")
        raise BackupError(f"L'archive {archive} est altérée : {shown}. Elle est refusée, rien n'a été modifié.")
    return manifest


