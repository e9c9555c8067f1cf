"""Wagtail's publish_scheduled, which one incomplete fiche no longer stops.

Wagtail publishes the due revisions one after the other; a fiche revision that lacks a required part
raises IncompleteFicheError (PracticeSheetPage.publish), which would end the command and leave every
later page unpublished, at every run. Here that revision is taken off the schedule, the reason is
written to the log and to stderr, and the run goes on with the others. Editors see the fiche as a draft
again, with its completeness, in the admin.
"""

import logging

from wagtail.management.commands import publish_scheduled

from practices.models import IncompleteFicheError

logger = logging.getLogger(__name__)


class Command(publish_scheduled.Command):
    def handle(self, *args, **options):
        skipped = set()
        while True:
            try:
                return super().handle(*args, **options)
            except IncompleteFicheError as error:
                revision = error.revision
                if revision is None or revision.pk in skipped:
                    raise
                skipped.add(revision.pk)
                revision.approved_go_live_at = None
                revision.save(update_fields=["approved_go_live_at"])
                message = f"Publication programmée annulée pour « {revision.object_str} » : {' '.join(error.messages)}"
                logger.warning(message)
                self.stderr.write(message)
