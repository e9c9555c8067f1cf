"""Where an imported draft came from, so that importing the same file again updates it.

Keyed by the file's name (never a client's path) and the account that imported it: two contributors who
each import their « fiche.docx » get two drafts, and one contributor who corrects a file and imports it
again gets a new revision of the same draft (practices.importing.creating).
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class FicheImport(models.Model):
    source_name = models.CharField(_("fichier importé"), max_length=255)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("importé par"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    page = models.ForeignKey(
        "practices.PracticeSheetPage", verbose_name=_("fiche"), on_delete=models.CASCADE, related_name="imports"
    )
    created_at = models.DateTimeField(_("premier import"), auto_now_add=True)
    updated_at = models.DateTimeField(_("dernier import"), auto_now=True)

    class Meta:
        verbose_name = _("import de fiche")
        verbose_name_plural = _("imports de fiches")
        constraints = [
            models.UniqueConstraint(fields=["source_name", "imported_by"], name="fiche_import_unique_source"),
        ]

    def __str__(self):
        return self.source_name
