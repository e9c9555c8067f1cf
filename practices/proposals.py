"""« Proposer une pratique »: readers propose a practice from the front office; moderators make it a fiche.

Readers have no admin access, yet they know practices nobody has written up. The short form asks for
what a moderator needs to follow up (a title, the carrying structure, the region, what was done, a
contact) and creates a **draft** fiche under /fiches/, owned by the proposer and submitted to the
moderation workflow (« Modération des fiches ») exactly as a contributor's submission is: the workflow's
group approval task assigns it to the moderators, and Wagtail's own notification of a submitted task
e-mails each of them (task_state_submitted, with the links to preview and edit it). An incomplete draft
is expected: the moderators complete it, and the fiche's publication rule (practices.models.fiche)
still refuses to publish it until they have.

The proposer follows their proposals on « Mes propositions »: pending moderation, published (with the
link), refused (with the moderator's comment) or back to draft; and is told by e-mail, in the portal's
words, when a moderator approves or refuses one (notify_proposer). A Proposal row (practices.models.proposal)
ties each fiche to its proposer, so that nobody else sees it and so that the proposals of a day can be
counted: at most MAX_PER_DAY per person, against floods and slips of the finger.
"""

import logging
from datetime import timedelta

from django import forms
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.html import linebreaks
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods
from wagtail.admin.utils import get_user_display_name
from wagtail.models import Page, TaskState, WorkflowState
from wagtail.signals import workflow_approved, workflow_rejected
from wagtail.users.models import UserProfile

from portal.forms import DsfrForm

from .join_requests import absolute_url, email_message, send_emails
from .models import FicheContact, PracticeIndexPage, PracticeSheetPage, Proposal, Region
from .slugs import free_slug

logger = logging.getLogger(__name__)

MAX_PER_DAY = 5
DESCRIPTION_MIN_LENGTH = 40
DESCRIPTION_MAX_LENGTH = 5000


class ProposalForm(DsfrForm):
    title = forms.CharField(
        label=gettext_lazy("Titre de la pratique"),
        help_text=gettext_lazy("Par exemple : Un réseau régional d'échange sur les pratiques managériales."),
        max_length=200,
        error_messages={
            "required": gettext_lazy("Donnez un titre à la pratique."),
            "max_length": gettext_lazy("Le titre compte %(show_value)d caractères : %(limit_value)d au plus."),
        },
    )
    carrying_structure = forms.CharField(
        label=gettext_lazy("Structure porteuse"),
        help_text=gettext_lazy("Par exemple : DDTM des Côtes-d'Armor, DREAL Occitanie, pôle territorial du Tarn."),
        max_length=200,
        error_messages={
            "required": gettext_lazy("Indiquez la structure qui porte la pratique."),
            "max_length": gettext_lazy("Le nom de la structure compte %(show_value)d caractères : %(limit_value)d au plus."),
        },
    )
    region = forms.ModelChoiceField(
        label=gettext_lazy("Région"),
        queryset=Region.objects.all(),
        empty_label=gettext_lazy("Choisissez une région"),
        error_messages={
            "required": gettext_lazy("Choisissez la région de la pratique (« National / multi-régional » s'il y a lieu)."),
            "invalid_choice": gettext_lazy("Cette région n'existe pas : choisissez-en une dans la liste."),
        },
    )
    description = forms.CharField(
        label=gettext_lazy("Ce qui a été fait"),
        help_text=gettext_lazy(
            "En quelques phrases : le contexte, ce que vous avez mis en place, avec qui, et ce que cela a donné."
        ),
        widget=forms.Textarea(attrs={"rows": 8, "maxlength": DESCRIPTION_MAX_LENGTH}),
        min_length=DESCRIPTION_MIN_LENGTH,
        max_length=DESCRIPTION_MAX_LENGTH,
        error_messages={
            "required": gettext_lazy("Décrivez ce qui a été fait."),
            "min_length": gettext_lazy(
                "Quelques phrases de plus, s'il vous plaît : %(limit_value)d caractères au moins (vous en avez écrit %(show_value)d)."
            ),
            "max_length": gettext_lazy(
                "Votre description compte %(show_value)d caractères : raccourcissez-la à %(limit_value)d au plus."
            ),
        },
    )
    contact_email = forms.EmailField(
        label=gettext_lazy("Adresse électronique de contact"),
        help_text=gettext_lazy("Les modérateurs vous écriront à cette adresse. Format attendu : prenom.nom@exemple.gouv.fr"),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={
            "required": gettext_lazy("Indiquez une adresse électronique où vous joindre."),
            "invalid": gettext_lazy("Cette adresse électronique n'est pas valide (format attendu : prenom.nom@exemple.gouv.fr)."),
        },
    )

    def clean_description(self):
        # Control characters other than line breaks carry no meaning and PostgreSQL refuses NUL.
        text = self.cleaned_data["description"]
        return "".join(ch for ch in text if ch in "\n\t" or ch.isprintable())


# --- creating a proposal ----------------------------------------------------------------------------


def proposals_today(user):
    return Proposal.objects.filter(user=user, created_at__gte=timezone.now() - timedelta(days=1)).count()


def _free_slug(parent, title):
    return free_slug(parent, slugify(title)[:70].strip("-") or "proposition")


def create_proposal(user, data):
    """The draft fiche, submitted to the moderation workflow in the proposer's name; returns the Proposal.

    One transaction: a failure leaves neither a draft without its submission nor a submission without
    its draft. Wagtail's notifications (to the moderators) are sent from inside it, as when a
    contributor submits from the admin.
    """
    index = PracticeIndexPage.objects.get()
    with transaction.atomic():
        fiche = PracticeSheetPage(
            title=data["title"],
            slug=_free_slug(index, data["title"]),
            carrying_structure=data["carrying_structure"],
            region=data["region"],
            description=linebreaks(data["description"], autoescape=True),
            owner=user,
            live=False,
        )
        fiche.contacts = [
            FicheContact(name=get_user_display_name(user)[:120], role=_("Auteur·rice de la proposition"), email=data["contact_email"])
        ]
        index.add_child(instance=fiche)
        fiche.save_revision(user=user, log_action=True)
        proposal = Proposal.objects.create(user=user, page=fiche, title=fiche.title, contact_email=data["contact_email"])
        _portal_mail_instead_of_wagtails(user)
        workflow = fiche.get_workflow()
        if workflow is not None:
            workflow.start(fiche, user)
        return proposal


def _portal_mail_instead_of_wagtails(user):
    """A reader without admin access is told of the outcome by the portal (notify_proposer), in words and
    links they can use, rather than by Wagtail's approval and rejection e-mails, which send them to the
    admin's edit page (a 403 for them) and to notification preferences they cannot reach."""
    if user.has_perm("wagtailadmin.access_admin"):
        return
    profile = UserProfile.get_for_user(user)
    if profile.approved_notifications or profile.rejected_notifications:
        profile.approved_notifications = profile.rejected_notifications = False
        profile.save(update_fields=["approved_notifications", "rejected_notifications"])


# --- telling the proposer -------------------------------------------------------------------------


def _proposal_of(workflow_state):
    if workflow_state.base_content_type_id != ContentType.objects.get_for_model(Page).pk:
        return None
    return Proposal.objects.filter(page_id=int(workflow_state.object_id)).select_related("user", "page").first()


def notify_proposer(sender, instance, user=None, **kwargs):
    """workflow_approved / workflow_rejected: one e-mail to the proposal's contact address, with the
    fiche's address once published, or the moderator's comment, and the way to « Mes propositions »."""
    proposal = _proposal_of(instance)
    if proposal is None or proposal.page is None:
        return
    approved = instance.status == WorkflowState.STATUS_APPROVED
    comment = ""
    if not approved and instance.current_task_state is not None:
        comment = instance.current_task_state.specific.get_comment()
    page_path = proposal.page.get_url() if approved else None
    context = {
        "proposal": proposal,
        "user": proposal.user,
        "comment": comment,
        "page_url": absolute_url(page_path) if page_path else "",
        "list_url": absolute_url(reverse("proposal_list")),
    }
    template = "proposal_published" if approved else "proposal_refused"
    send_emails([email_message(template, context, proposal.contact_email)], about="une proposition de pratique")


def connect():
    workflow_approved.connect(notify_proposer, sender=WorkflowState, dispatch_uid="practices.proposal_approved")
    workflow_rejected.connect(notify_proposer, sender=WorkflowState, dispatch_uid="practices.proposal_rejected")


# --- what became of it ------------------------------------------------------------------------------

PENDING, PUBLISHED, REFUSED, DRAFT, DELETED = "en-attente", "publiee", "refusee", "brouillon", "supprimee"
STATUS_LABELS = {
    PENDING: gettext_lazy("En attente de modération"),
    PUBLISHED: gettext_lazy("Publiée"),
    REFUSED: gettext_lazy("Refusée"),
    DRAFT: gettext_lazy("Brouillon"),
    DELETED: gettext_lazy("Supprimée par la modération"),
}
# DSFR badge of each status
STATUS_BADGES = {PENDING: "new", PUBLISHED: "success", REFUSED: "error", DRAFT: "info", DELETED: "warning"}


def statuses(proposals):
    """[(proposal, status, url, comment)] for the proposals of one person, their workflow states read at once.

    The fiche's latest workflow state says where it is: in progress (waiting for a moderator), needs
    changes (a moderator refused it, with the comment of the task they refused), or none left open (a
    moderator took it back to draft, or it was never submitted). A live fiche is published, whatever
    its later drafts.
    """
    pages = {proposal.page_id: proposal.page for proposal in proposals if proposal.page_id}
    latest = {}
    states = (
        WorkflowState.objects.filter(
            base_content_type=ContentType.objects.get_for_model(Page), object_id__in=[str(pk) for pk in pages]
        )
        .select_related("current_task_state")
        .order_by("created_at", "pk")
    )
    for state in states:
        latest[int(state.object_id)] = state  # the last one wins
    rows = []
    for proposal in proposals:
        page = pages.get(proposal.page_id)
        state = latest.get(proposal.page_id)
        comment, url = "", None
        if page is None:
            status = DELETED
        elif page.live:
            status, url = PUBLISHED, page.get_url()
        elif state is not None and state.status == WorkflowState.STATUS_IN_PROGRESS:
            status = PENDING
        elif state is not None and state.status == WorkflowState.STATUS_NEEDS_CHANGES:
            status = REFUSED
            task_state = state.current_task_state
            if task_state is not None and task_state.status == TaskState.STATUS_REJECTED:
                comment = task_state.get_comment()
        else:
            status = DRAFT
        rows.append(
            {
                "proposal": proposal,
                "status": status,
                "label": STATUS_LABELS[status],
                "badge": STATUS_BADGES[status],
                "url": url,
                "comment": comment,
            }
        )
    return rows


# --- the views --------------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def propose(request):
    """GET: the form (the contact prefilled with the reader's address); POST: the draft and its submission."""
    if request.method == "GET":
        form = ProposalForm(initial={"contact_email": request.user.email})
        return _form_page(request, form)
    form = ProposalForm(request.POST)
    if not form.is_valid():
        return _form_page(request, form, status=400)
    if proposals_today(request.user) >= MAX_PER_DAY:
        form.add_error(
            None,
            _(
                "Vous avez déjà proposé %(count)d pratiques ces dernières 24 heures, le maximum : "
                "les modérateurs les examinent d'abord. Vous pourrez en proposer d'autres demain."
            )
            % {"count": MAX_PER_DAY},
        )
        return _form_page(request, form, status=429)
    proposal = create_proposal(request.user, form.cleaned_data)
    return redirect("proposal_sent", proposal_id=proposal.pk)


def _form_page(request, form, status=200):
    context = {"form": form, "max_per_day": MAX_PER_DAY, "today": proposals_today(request.user)}
    return TemplateResponse(request, "practices/proposal_form.html", context, status=status)


@require_http_methods(["GET"])
def sent(request, proposal_id):
    """What happens next; only for the proposer (another reader gets a 404, as for any unknown address)."""
    proposal = get_object_or_404(Proposal.objects.select_related("page"), pk=proposal_id, user=request.user)
    return TemplateResponse(request, "practices/proposal_sent.html", {"proposal": proposal, "max_per_day": MAX_PER_DAY})


@require_http_methods(["GET"])
def my_proposals(request):
    """« Mes propositions »: the reader's own proposals and what became of each, the latest first."""
    proposals = list(Proposal.objects.filter(user=request.user).select_related("page"))
    return TemplateResponse(request, "practices/proposal_list.html", {"rows": statuses(proposals)})
