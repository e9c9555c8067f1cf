"""Asking to join a network from its page, and the animators' answer.

A reader sends a request from the network page (one pending request per person and network, the
database says so too); the network's animators are told by e-mail and decide in the admin
(practices.admin_networks.requests). Accepting opens a membership through the same model rules as
the animators' own forms, so the history stays consistent whichever way someone joined. The
requester is told by e-mail either way.

Deciding is claimed with a conditional UPDATE on the pending status: two animators clicking at the
same moment cannot both decide, on SQLite or PostgreSQL alike.
"""

import logging
from urllib.parse import urljoin

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.mail import EmailMessage, get_connection
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from portal.access import hidden_paths

from .animators import animator_users, network_managers
from .models import JoinRequest, JoinRequestStatus, Membership, MembershipRole, NetworkPage, Person

logger = logging.getLogger(__name__)

MESSAGE_MAX_LENGTH = 2000


class AlreadyDecided(Exception):
    """Another animator (or another tab) decided this request first."""


class JoinRequestForm(forms.Form):
    message = forms.CharField(
        label=gettext_lazy("Message aux animateurs (facultatif)"),
        help_text=gettext_lazy("Présentez-vous en quelques mots : votre service, ce que vous attendez du réseau."),
        widget=forms.Textarea(attrs={"rows": 4, "maxlength": MESSAGE_MAX_LENGTH}),
        max_length=MESSAGE_MAX_LENGTH,
        required=False,
        error_messages={
            "max_length": gettext_lazy(
                "Votre message compte %(show_value)d caractères : raccourcissez-le à %(limit_value)d au plus."
            )
        },
    )


# --- who the requester is -------------------------------------------------------------------------


def people_of(user):
    """The person records that are `user`: the one linked to the account, or one with its address and no account."""
    query = Q(user=user)
    email = (user.email or "").strip().lower()
    if email:
        query |= Q(user__isnull=True, email=email)
    return Person.objects.filter(query)


def current_membership(network, user):
    """The open membership of `user` in `network` today, if any."""
    return (
        Membership.objects.current()
        .filter(network=network, person__in=people_of(user))
        .order_by("joined_on")
        .first()
    )


def pending_request(network, user):
    return JoinRequest.objects.filter(network=network, user=user, status=JoinRequestStatus.PENDING).first()


def page_is_visible(page, request):
    """Live, and under no view restriction this request does not pass (portal.access, as the search sees it)."""
    return page.live and not any(page.path.startswith(path) for path in hidden_paths(request))


def requester_person(user):
    """The person who asked: by account, else by address, else created from the account.

    A record found by its address is linked to the account only if it holds no animator role: an
    address typed into one's own profile must never hand over someone else's rights.
    """
    person = Person.objects.filter(user=user).first()
    if person is not None:
        return person
    email = (user.email or "").strip().lower()
    namesake = Person.objects.filter(email=email).first() if email else None
    if namesake is not None and namesake.user_id is None:
        animates = namesake.memberships.filter(role=MembershipRole.ANIMATOR).exists()
        if not animates:
            namesake.user = user
            namesake.save(update_fields=["user"])
        return namesake
    first_name = (user.first_name or "").strip()
    last_name = (user.last_name or "").strip() or ("" if first_name else user.get_username())
    # An address already used by another account's record stays with it: this record goes without.
    return Person.objects.create(
        first_name=first_name, last_name=last_name, email="" if namesake is not None else email, user=user
    )


# --- deciding -------------------------------------------------------------------------------------


def _claim(join_request, status, by, response):
    claimed = JoinRequest.objects.filter(pk=join_request.pk, status=JoinRequestStatus.PENDING).update(
        status=status, decided_at=timezone.now(), decided_by=by, response=response
    )
    if not claimed:
        raise AlreadyDecided


def accept(join_request, by, response="", request=None):
    """Open a membership (role "membre", from today) unless the requester already has one; then tell them.

    Returns (membership, e-mail sent). A model validation error rolls the decision back.
    """
    today = timezone.localdate()
    with transaction.atomic():
        _claim(join_request, JoinRequestStatus.ACCEPTED, by, response)
        person = requester_person(join_request.user)
        membership = (
            Membership.objects.filter(network_id=join_request.network_id, person=person)
            .not_left(today)
            .first()
        )
        if membership is None:
            membership = Membership(
                network_id=join_request.network_id,
                person=person,
                role=MembershipRole.MEMBER,
                joined_on=today,
                note=_("Demande d'adhésion du %(date)s") % {"date": timezone.localtime(join_request.created_at).strftime("%d/%m/%Y")},
            )
            membership.full_clean()
            membership.save()
        JoinRequest.objects.filter(pk=join_request.pk).update(membership=membership)
    join_request.refresh_from_db()
    return membership, notify_requester(join_request, request)


def refuse(join_request, by, response="", request=None):
    """Close the request as refused and tell the requester, with the animator's reason if there is one."""
    with transaction.atomic():
        _claim(join_request, JoinRequestStatus.REFUSED, by, response)
    join_request.refresh_from_db()
    return notify_requester(join_request, request)


# --- e-mails --------------------------------------------------------------------------------------


def absolute_url(path, request=None):
    """The address for an e-mail: the one the reader is using when there is a request, else BASE_URL."""
    if request is not None:
        return request.build_absolute_uri(path)
    return urljoin(settings.WAGTAILADMIN_BASE_URL.rstrip("/") + "/", path.lstrip("/"))


def network_url(network, request=None):
    parts = network.get_url_parts(request)
    return absolute_url(parts[2] if parts else "/", request)


def email_message(template, context, to):
    """The e-mail practices/emails/{template}_subject.txt and _body.txt make for `to` (also used by
    practices.proposals)."""
    context = {"site_name": settings.WAGTAIL_SITE_NAME, **context}
    subject = " ".join(render_to_string(f"practices/emails/{template}_subject.txt", context).split())
    body = render_to_string(f"practices/emails/{template}_body.txt", context)
    return EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, [to])


def send_emails(messages_to_send, about="une demande d'adhésion"):
    """Send; a mail server that is down must not undo a decision already recorded."""
    if not messages_to_send:
        return False
    try:
        get_connection().send_messages(messages_to_send)
    except OSError:
        logger.exception("Courriel non envoyé (%s)", about)
        return False
    return True


def notify_requester(join_request, request=None):
    if not join_request.user.email:
        return False
    template = "join_request_accepted" if join_request.status == JoinRequestStatus.ACCEPTED else "join_request_refused"
    context = {
        "join_request": join_request,
        "user": join_request.user,
        "network": join_request.network,
        "network_url": network_url(join_request.network, request),
    }
    return send_emails([email_message(template, context, join_request.user.email)])


def deciders(network):
    """(addresses, animators?) of who is told of a new request.

    The network's animators; when none of them has an account with an address (a network whose
    animators are not yet linked to their accounts), the administrators, who can decide or link them.
    """
    addresses = sorted({user.email for user in animator_users(network) if user.email})
    if addresses:
        return addresses, True
    return sorted({user.email for user in network_managers() if user.email}), False


def notify_animators(join_request, request=None):
    """One message per recipient (their addresses are not shown to each other); returns who was told:
    "animateurs", "administrateurs", or None when nobody could be."""
    network = join_request.network
    addresses, animators = deciders(network)
    context = {
        "join_request": join_request,
        "requester": join_request.user,
        "network": network,
        "network_url": network_url(network, request),
        "admin_url": absolute_url(reverse("demandes-adhesion:index") + f"?reseau={network.pk}", request),
        "to_animators": animators,
    }
    if not send_emails([email_message("join_request_new", context, address) for address in addresses]):
        return None
    return "animateurs" if animators else "administrateurs"


# --- the public view ------------------------------------------------------------------------------


def send_join_request(request, network_id):
    """POST from the network page: create the pending request, tell the animators, go back to the page."""
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"], content=_("Envoyez votre demande depuis la page du réseau.").encode())
    network = get_object_or_404(NetworkPage, pk=network_id)
    if not page_is_visible(network, request):
        raise Http404(_("Ce réseau n'existe pas ou ne vous est pas accessible."))
    back = network.get_url(request) or "/"
    if current_membership(network, request.user) is not None:
        messages.info(request, _("Vous êtes déjà membre de ce réseau."))
        return redirect(back)
    form = JoinRequestForm(request.POST)
    if not form.is_valid():
        return invalid_request(request, network, form)
    if pending_request(network, request.user) is not None:
        return duplicate(request, back)
    try:
        with transaction.atomic():
            join_request = JoinRequest.objects.create(network=network, user=request.user, message=form.cleaned_data["message"])
    except IntegrityError:
        return duplicate(request, back)
    told = notify_animators(join_request, request)
    if told == "animateurs":
        messages.success(request, _("Votre demande a été envoyée aux animateurs du réseau."))
    elif told == "administrateurs":
        messages.success(
            request,
            _("Votre demande est enregistrée. Les animateurs de ce réseau n'ont pas encore de compte sur le portail : "
              "elle a été transmise à ses administrateurs, qui vous répondront."),
        )
    else:
        messages.success(request, _("Votre demande est enregistrée : les animateurs du réseau la verront dans le portail."))
    return redirect(back)


def duplicate(request, back):
    messages.info(request, _("Vous avez déjà une demande en attente pour ce réseau : les animateurs vont y répondre."))
    return redirect(back)


def invalid_request(request, network, form):
    """The network page again, with the message kept and the error beside it (400)."""
    context = network.get_context(request)
    context["join_request_form"] = form
    return TemplateResponse(request, network.get_template(request), context, status=400)


__all__ = [
    "AlreadyDecided",
    "JoinRequestForm",
    "accept",
    "current_membership",
    "page_is_visible",
    "pending_request",
    "refuse",
    "requester_person",
    "send_join_request",
]
