"""The admin page « Importer des fiches »: upload, preview (a dry run), confirm (the real import).

Why the files are kept on the server between preview and confirmation: the person must see what will be
created before anything is, without uploading again; and a path or content sent back by the browser is
never trusted. Each upload goes to a fresh directory named by a random token, under a directory of the
user's own; the token is also kept in the session, and the confirmation must send the same one. The
directory is removed once imported or cancelled, and abandoned ones after a day.
"""

import json
import re
import secrets
import shutil
import tempfile
import time
from pathlib import Path, PurePath

from django import forms
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.defaultfilters import filesizeformat
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from ..models import PracticeIndexPage
from .creating import import_file, source_name
from .reading import EXTENSIONS

URL_NAME = "importer_des_fiches"
MAX_FILES = 20
SESSION_KEY = "fiche_import_token"
STORE_LIFETIME = 24 * 3600
_TOKEN = re.compile(r"^[A-Za-z0-9_-]{20,64}$")


def may_import(user):
    """Those who may add fiches: contributors, moderators, administrators."""
    if not user.is_authenticated:
        return False
    index = PracticeIndexPage.objects.first()
    return index is not None and index.permissions_for_user(user).can_add_subpage()


def store_root(user):
    base = Path(getattr(settings, "FICHE_IMPORT_DIR", "") or Path(tempfile.gettempdir()) / "reseaux-imports")
    return base / str(int(user.pk))


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ",".join(sorted(EXTENSIONS))}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        if isinstance(data, list | tuple) and data:
            return [super(MultipleFileField, self).clean(item, initial) for item in data]
        return [super().clean(data[0] if isinstance(data, list | tuple) and data else data or None, initial)]


class UploadForm(forms.Form):
    files = MultipleFileField(
        label=gettext_lazy("Fichiers à importer"),
        help_text=gettext_lazy("Texte (.txt), Markdown (.md), DOCX, ODT ou PDF ; jusqu'à 20 fichiers."),
        error_messages={"required": gettext_lazy("Choisissez au moins un fichier à importer.")},
    )

    def clean_files(self):
        files = [file for file in self.cleaned_data["files"] if file]
        if len(files) > MAX_FILES:
            raise forms.ValidationError(_("%(max)s fichiers au plus à la fois.") % {"max": MAX_FILES})
        limit = settings.WAGTAILDOCS_MAX_UPLOAD_SIZE
        for file in files:
            if file.size > limit:
                raise forms.ValidationError(
                    _("« %(name)s » est trop volumineux : %(max)s au plus.")
                    % {"name": source_name(file.name), "max": filesizeformat(limit)}
                )
        return files


class ConfirmForm(forms.Form):
    token = forms.CharField(widget=forms.HiddenInput, max_length=64)
    action = forms.ChoiceField(choices=[("confirm", "confirm"), ("cancel", "cancel")])

    def __init__(self, *args, session_token=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.session_token = session_token

    def clean_token(self):
        token = self.cleaned_data["token"]
        if not _TOKEN.match(token) or not self.session_token or not secrets.compare_digest(token, self.session_token):
            raise forms.ValidationError(_("Cet import a expiré ou a déjà été confirmé : déposez à nouveau les fichiers."))
        return token


class ImportView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "practices/admin/import/form.html"
    page_title = gettext_lazy("Importer des fiches")
    header_icon = "upload"

    def dispatch(self, request, *args, **kwargs):
        if not may_import(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def get(self, request, *args, **kwargs):
        return self.render_to_response(self.get_context_data(form=UploadForm()))

    def post(self, request, *args, **kwargs):
        if "token" in request.POST:
            return self.confirm(request)
        form = UploadForm(request.POST, request.FILES)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form), status=400)
        token, stored = self.store(request, form.cleaned_data["files"])
        reports = [import_file(file, name, user=request.user, dry_run=True) for file, name in stored]
        context = self.get_context_data(
            reports=reports, confirm_form=ConfirmForm(initial={"token": token}), dry_run=True
        )
        self.template_name = "practices/admin/import/report.html"
        return self.render_to_response(context)

    def confirm(self, request):
        form = ConfirmForm(request.POST, session_token=request.session.get(SESSION_KEY))
        if not form.is_valid():
            errors = [error for field_errors in form.errors.values() for error in field_errors]
            context = self.get_context_data(form=UploadForm(), errors=errors)
            return self.render_to_response(context, status=400)
        directory = store_root(request.user) / form.cleaned_data["token"]
        request.session.pop(SESSION_KEY, None)
        if form.cleaned_data["action"] == "cancel":
            shutil.rmtree(directory, ignore_errors=True)
            return redirect(URL_NAME)
        try:
            manifest = json.loads((directory / "manifest.json").read_text(encoding="utf-8"))
            reports = [
                import_file(directory / entry["stored"], entry["name"], user=request.user) for entry in manifest
            ]
        except (OSError, ValueError, KeyError):
            context = self.get_context_data(
                form=UploadForm(), errors=[_("Les fichiers déposés ne sont plus disponibles : déposez-les à nouveau.")]
            )
            return self.render_to_response(context, status=400)
        finally:
            shutil.rmtree(directory, ignore_errors=True)
        self.template_name = "practices/admin/import/report.html"
        return self.render_to_response(self.get_context_data(reports=reports, dry_run=False))

    def store(self, request, files):
        """Write the uploads to a new private directory; [(path, file name)] and its token."""
        root = store_root(request.user)
        root.mkdir(parents=True, exist_ok=True, mode=0o700)
        for old in root.iterdir():  # abandoned previews
            if old.is_dir() and time.time() - old.stat().st_mtime > STORE_LIFETIME:
                shutil.rmtree(old, ignore_errors=True)
        token = secrets.token_urlsafe(24)
        directory = root / token
        directory.mkdir(mode=0o700)
        manifest, stored = [], []
        for number, upload in enumerate(files):
            name = source_name(upload.name)
            target = directory / f"{number:02d}{PurePath(name).suffix.lower()[:10]}"
            with target.open("wb") as out:
                for chunk in upload.chunks():
                    out.write(chunk)
            manifest.append({"stored": target.name, "name": name})
            stored.append((target, name))
        (directory / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
        request.session[SESSION_KEY] = token
        return token, stored


class ImportMenuItem(MenuItem):
    def is_shown(self, request):
        return may_import(request.user)


@hooks.register("register_admin_urls")
def register_import_url():
    return [path("importer-des-fiches/", ImportView.as_view(), name=URL_NAME)]


@hooks.register("register_admin_menu_item")
def register_import_menu_item():
    return ImportMenuItem(
        gettext_lazy("Importer des fiches"), reverse(URL_NAME), icon_name="upload", order=151, name="importer-des-fiches"
    )
