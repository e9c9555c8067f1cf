"""What Wagtail's moderation e-mails add when the submitted fiche is a reader's proposal (practices.proposals)."""

from django import template

from ..models import PracticeSheetPage, Proposal, completeness

register = template.Library()


@register.simple_tag
def proposal_notice(page):
    """{% proposal_notice page as notice %}: None, or the proposal behind this page with what the fiche
    still lacks before it can be published (`notice.proposal`, `notice.missing`)."""
    if page is None or not isinstance(page.specific_deferred, PracticeSheetPage):
        return None
    proposal = Proposal.objects.filter(page_id=page.pk).select_related("user").first()
    if proposal is None:
        return None
    fiche = page.specific_deferred.get_latest_revision_as_object()
    return {"proposal": proposal, "missing": completeness.join_french(completeness.missing_parts(fiche))}
