"""People of the networks, their memberships over time, and requests to join.

A membership is a period: it starts on `joined_on` and, the day someone leaves, gets a `left_on`. It is
never deleted, so that a network keeps its history (who animated it in 2019, how many DDI cadres left
in 2021) and a person may leave and come back as a new period. The database itself refuses two open
periods of the same person in the same network (a partial unique index), whatever path wrote them.

Memberships are plain models rather than page inlines: animators manage them every week, and that work
must neither create page revisions nor need the right to edit the network page.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.search import index


class Person(index.Indexed, models.Model):
    first_name = models.CharField(_("prénom"), max_length=80)
    last_name = models.CharField(_("nom"), max_length=80)
    email = models.EmailField(_("adresse électronique"), blank=True)
    structure = models.CharField(
        _("structure"), max_length=200, blank=True, help_text=_("Par exemple : DDTM des Côtes-d'Armor, préfecture du Finistère.")
    )
    job_title = models.CharField(_("fonction"), max_length=200, blank=True)
    service_type = models.ForeignKey(
        "practices.ServiceType",
        verbose_name=_("type de structure"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="people",
    )
    department = models.ForeignKey(
        "practices.Department",
        verbose_name=_("département"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="people",
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("compte utilisateur"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="person",
        help_text=_("Le compte du portail de cette personne, s'il existe : il lui donne les droits de son rôle."),
    )

    panels = [
        FieldRowPanel([FieldPanel("first_name"), FieldPanel("last_name")]),
        FieldRowPanel([FieldPanel("email"), FieldPanel("job_title")]),
        FieldPanel("structure"),
        FieldRowPanel([FieldPanel("service_type"), FieldPanel("department")]),
        FieldPanel("user"),
    ]
    search_fields = [
        index.SearchField("first_name"),
        index.SearchField("last_name"),
        index.AutocompleteField("first_name"),
        index.AutocompleteField("last_name"),
        index.SearchField("structure"),
        index.AutocompleteField("structure"),
        index.SearchField("email"),
        index.FilterField("service_type"),
    ]

    class Meta:
        ordering = ["last_name", "first_name", "pk"]
        verbose_name = _("personne")
        verbose_name_plural = _("personnes")
        constraints = [
            models.UniqueConstraint(
                fields=["email"],
                condition=~Q(email=""),
                name="unique_person_email",
                violation_error_message=_("Une personne avec cette adresse électronique existe déjà."),
            )
        ]

    def __str__(self):
        return self.full_name

    @property
    def full_name(self):
        return f"{self.first_name} {self.last_name}".strip()

    def clean(self):
        super().clean()
        # One spelling of an address, so that the unique constraint catches "A.Martin@…" and "a.martin@…".
        self.email = (self.email or "").strip().lower()


class MembershipRole(models.TextChoices):
    ANIMATOR = "animateur", _("animateur·rice")
    GUARANTOR = "garant", _("garant·e")
    SECRETARIAT = "secretariat", _("secrétariat")
    REFERENT = "referent", _("référent·e")
    MEMBER = "membre", _("membre")


# The order the network page groups its members in.
ROLE_ORDER = [role for role, _label in MembershipRole.choices]


MANAGE_ALL = "practices.manage_all_memberships"


def manages_all_networks(user):
    """Administrators of every network's memberships: superusers and holders of MANAGE_ALL."""
    return bool(user and user.is_authenticated and user.is_active and (user.is_superuser or user.has_perm(MANAGE_ALL)))


class MembershipQuerySet(models.QuerySet):
    def current(self, on=None):
        """Memberships open on a date (today by default): arrived by then, and not left yet."""
        on = on or timezone.localdate()
        return self.filter(joined_on__lte=on).not_left(on)

    def not_left(self, on=None):
        """Periods with no departure on or before `on` (today by default), arrivals to come included:
        the members an animator works with."""
        on = on or timezone.localdate()
        return self.filter(Q(left_on__isnull=True) | Q(left_on__gt=on))


class Membership(models.Model):
    network = models.ForeignKey(
        "practices.NetworkPage", verbose_name=_("réseau"), on_delete=models.CASCADE, related_name="memberships"
    )
    person = models.ForeignKey(Person, verbose_name=_("personne"), on_delete=models.PROTECT, related_name="memberships")
    role = models.CharField(_("rôle"), max_length=20, choices=MembershipRole.choices, default=MembershipRole.MEMBER)
    joined_on = models.DateField(_("arrivée le"), default=timezone.localdate)
    left_on = models.DateField(
        _("départ le"), null=True, blank=True, help_text=_("À remplir le jour du départ ; l'adhésion reste dans l'historique.")
    )
    note = models.CharField(_("note"), max_length=255, blank=True)
    created_at = models.DateTimeField(_("créée le"), auto_now_add=True)
    updated_at = models.DateTimeField(_("modifiée le"), auto_now=True)

    objects = MembershipQuerySet.as_manager()

    panels = [
        FieldPanel("network"),
        FieldPanel("person"),
        FieldPanel("role"),
        MultiFieldPanel([FieldRowPanel([FieldPanel("joined_on"), FieldPanel("left_on")]), FieldPanel("note")], _("Période")),
    ]

    class Meta:
        ordering = ["network", "-joined_on", "pk"]
        verbose_name = _("adhésion")
        verbose_name_plural = _("adhésions")
        # Animators manage the networks they animate (practices.animators); this is for everyone else's.
        permissions = [("manage_all_memberships", _("Peut gérer les membres de tous les réseaux"))]
        constraints = [
            models.UniqueConstraint(
                fields=["network", "person"],
                condition=Q(left_on__isnull=True),
                name="unique_open_membership",
                violation_error_message=_("Cette personne est déjà membre de ce réseau : enregistrez d'abord son départ."),
            ),
            models.CheckConstraint(
                condition=Q(left_on__isnull=True) | Q(left_on__gte=F("joined_on")),
                name="membership_leaves_after_joining",
                violation_error_message=_("La date de départ ne peut pas précéder la date d'arrivée."),
            ),
        ]
        indexes = [models.Index(fields=["network", "left_on"], name="membership_network_open")]

    def __str__(self):
        return f"{self.person} — {self.network.title} ({self.get_role_display()})"

    @property
    def is_active(self):
        return self.left_on is None or self.left_on > timezone.localdate()

    def clean(self):
        super().clean()
        if self.left_on and self.joined_on and self.left_on < self.joined_on:
            raise ValidationError({"left_on": _("La date de départ ne peut pas précéder la date d'arrivée.")})
        if self.network_id and self.person_id and self.joined_on:
            overlapping = self.overlapping_periods()
            if overlapping:
                other = overlapping[0]
                raise ValidationError(
                    {
                        "joined_on": _(
                            "Cette période chevauche une autre adhésion de la même personne à ce réseau "
                            "(arrivée le %(joined)s%(left)s)."
                        )
                        % {
                            "joined": other.joined_on.strftime("%d/%m/%Y"),
                            "left": (", départ le " + other.left_on.strftime("%d/%m/%Y")) if other.left_on else "",
                        }
                    }
                )

    def overlapping_periods(self):
        """Other periods of this person in this network that share at least a day with this one.

        Leaving one day and coming back the same day is a new period, not an overlap.
        """
        others = Membership.objects.filter(network_id=self.network_id, person_id=self.person_id).exclude(pk=self.pk)
        others = others.filter(Q(left_on__isnull=True) | Q(left_on__gt=self.joined_on))
        if self.left_on:
            others = others.filter(joined_on__lt=self.left_on)
        return list(others.order_by("joined_on")[:1])

    def record_departure(self, on=None, note=""):
        """Close the period (the history keeps it)."""
        self.left_on = on or timezone.localdate()
        if note:
            self.note = note[:255]
        self.full_clean()
        self.save(update_fields=["left_on", "note", "updated_at"])


class JoinRequestStatus(models.TextChoices):
    PENDING = "en-attente", _("en attente")
    ACCEPTED = "acceptee", _("acceptée")
    REFUSED = "refusee", _("refusée")


class JoinRequest(models.Model):
    """A reader asks to join a network from its page; one of its animators accepts or refuses."""

    network = models.ForeignKey(
        "practices.NetworkPage", verbose_name=_("réseau"), on_delete=models.CASCADE, related_name="join_requests"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("demandeur"), on_delete=models.CASCADE, related_name="join_requests"
    )
    message = models.TextField(_("message"), blank=True, max_length=2000)
    status = models.CharField(_("statut"), max_length=12, choices=JoinRequestStatus.choices, default=JoinRequestStatus.PENDING)
    created_at = models.DateTimeField(_("demandée le"), auto_now_add=True)
    decided_at = models.DateTimeField(_("traitée le"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("traitée par"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    response = models.TextField(_("réponse"), blank=True, max_length=2000)
    membership = models.ForeignKey(
        Membership, verbose_name=_("adhésion créée"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("demande d'adhésion")
        verbose_name_plural = _("demandes d'adhésion")
        constraints = [
            models.UniqueConstraint(
                fields=["network", "user"],
                condition=Q(status="en-attente"),
                name="unique_pending_join_request",
                violation_error_message=_("Vous avez déjà une demande en attente pour ce réseau."),
            )
        ]

    def __str__(self):
        return f"{self.user} → {self.network.title} ({self.get_status_display()})"

    @property
    def is_pending(self):
        return self.status == JoinRequestStatus.PENDING


__all__ = ["JoinRequest", "JoinRequestStatus", "Membership", "MembershipRole", "Person", "ROLE_ORDER"]
