"""`manage.py import_fiches PATH… [--dry-run] [--json REPORT] [--user NAME]`: exported fiches → drafts.

Why a command besides the admin page: a network handing over a folder of a hundred files is imported
once by an administrator, with a JSON report to keep; each file gets its own transaction, so one
unreadable file does not stop the others (the refused ones are counted on the error output).
"""

import json
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from practices.importing.creating import import_file
from practices.importing.reading import EXTENSIONS


class Command(BaseCommand):
    help = "Importe des fiches (texte, Markdown, DOCX, ODT, PDF) comme brouillons soumis à la modération."

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", help="Fichiers ou dossiers à importer.")
        parser.add_argument("--dry-run", action="store_true", help="Montre ce qui serait créé, sans rien écrire.")
        parser.add_argument("--json", dest="json_path", help="Écrit le rapport JSON dans ce fichier (« - » : la sortie).")
        parser.add_argument("--user", help="Compte auteur des brouillons (propriétaire et demandeur de la modération).")

    def handle(self, *args, paths, dry_run=False, json_path=None, user=None, **options):
        account = None
        if user:
            account = get_user_model().objects.filter(username=user).first()
            if account is None:
                raise CommandError(f"Compte inconnu : {user}")
        files = []
        for raw in paths:
            path = Path(raw)
            if path.is_dir():
                files.extend(sorted(p for p in path.iterdir() if p.is_file() and p.suffix.lower() in EXTENSIONS))
            elif path.exists():
                files.append(path)
            else:
                raise CommandError(f"Fichier introuvable : {raw}")
        reports = [import_file(path, path.name, user=account, dry_run=dry_run) for path in files]
        for report in reports:
            line = f"{report.filename} : {report.status_label}"
            if report.error:
                line += f" — {report.error}"
            elif report.page_id:
                line += f" — fiche {report.page_id} « {report.title} » ({report.edit_url})"
            if report.missing:
                line += " ; manque : " + ", ".join(report.missing)
            self.stdout.write(line)
        data = {"dry_run": dry_run, "files": [report.as_dict() for report in reports]}
        if json_path == "-":
            self.stdout.write(json.dumps(data, ensure_ascii=False, indent=2))
        elif json_path:
            Path(json_path).write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
        if any(report.error for report in reports):
            self.stderr.write(f"{sum(1 for r in reports if r.error)} fichier(s) refusé(s).")
