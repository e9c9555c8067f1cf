"""Practices proposed by readers from the front office (« Proposer une pratique », practices.proposals).

A proposal is a draft fiche under /fiches/ sent to the moderation workflow; this row remembers who
proposed it and when, so that the proposer can follow it without admin access, and so that the
number of proposals per day can be capped. The fiche itself carries the content and its status.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Proposal(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("proposée par"), on_delete=models.CASCADE, related_name="proposals"
    )
    # SET_NULL: a draft deleted by a moderator still shows in the proposer's list, as such.
    page = models.ForeignKey(
        "practices.PracticeSheetPage",
        verbose_name=_("fiche"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="proposals",
    )
    title = models.CharField(_("titre proposé"), max_length=255)
    contact_email = models.EmailField(_("adresse de contact"))
    created_at = models.DateTimeField(_("proposée le"), auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("proposition de pratique")
        verbose_name_plural = _("propositions de pratiques")

    def __str__(self):
        return self.title
