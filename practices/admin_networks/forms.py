"""The forms animators fill in: add a member (an existing person or a new one), record a departure, correct a period.

Each form runs the models' own validation (Membership.clean, the constraints) and turns what it
raises into French form errors, so that an overlapping period or a second open membership is a
message next to the field, never an IntegrityError.
"""

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.widgets import AdminDateInput
from wagtail.snippets.widgets import AdminSnippetChooser

from practices.models import Department, Membership, MembershipRole, Person, ServiceType

ALREADY_MEMBER = _("Cette personne est déjà membre de ce réseau : enregistrez d'abord son départ.")
PERSON_FIELDS = ("first_name", "last_name", "email", "structure", "job_title", "service_type", "department")


class PersonChooser(AdminSnippetChooser):
    """Wagtail's chooser re-renders a submitted id as is; a forged one ("abc") must not turn into a 500."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Wagtail builds "Choisir personne" from the verbose name: say it in proper French.
        self.choose_one_text = _("Choisir une personne")
        self.choose_another_text = _("Choisir une autre personne")
        self.link_to_chosen_text = _("Modifier sa fiche")

    def get_instance(self, value):
        try:
            return super().get_instance(value)
        except (ValueError, ValidationError):
            return None


def add_model_errors(form, error):
    """Put a model ValidationError on the form: on its field when the form has one, else on the whole form.

    Model.clean and the matching database constraint often say the same thing (a departure before the
    arrival): each message is shown once.
    """
    error_dict = error.error_dict if hasattr(error, "error_dict") else {NON_FIELD_ERRORS: error.error_list}
    shown = {str(message) for messages in form.errors.values() for message in messages}
    for field, errors in error_dict.items():
        for message in ValidationError(errors).messages:
            if message not in shown:
                shown.add(message)
                form.add_error(field if field in form.fields else None, message)


class AddMemberForm(forms.Form):
    person = forms.ModelChoiceField(
        label=_("Personne déjà enregistrée"),
        queryset=Person.objects.all(),
        required=False,
        widget=PersonChooser(Person),
        help_text=_("Cherchez-la par son nom, sa structure ou son adresse électronique."),
    )
    first_name = forms.CharField(label=_("Prénom"), max_length=80, required=False)
    last_name = forms.CharField(label=_("Nom"), max_length=80, required=False)
    email = forms.EmailField(label=_("Adresse électronique"), required=False)
    structure = forms.CharField(
        label=_("Structure"), max_length=200, required=False, help_text=_("Par exemple : DDTM des Côtes-d'Armor.")
    )
    job_title = forms.CharField(label=_("Fonction"), max_length=200, required=False)
    service_type = forms.ModelChoiceField(label=_("Type de structure"), queryset=ServiceType.objects.all(), required=False)
    department = forms.ModelChoiceField(label=_("Département"), queryset=Department.objects.order_by("code"), required=False)
    homonym_confirmed = forms.BooleanField(
        label=_("Il s'agit d'une autre personne, qui porte le même nom"),
        required=False,
    )
    role = forms.ChoiceField(label=_("Rôle"), choices=MembershipRole.choices, initial=MembershipRole.MEMBER)
    joined_on = forms.DateField(label=_("Arrivée le"), widget=AdminDateInput, initial=timezone.localdate)
    note = forms.CharField(label=_("Note"), max_length=255, required=False)

    existing_fields = ("person",)
    new_person_fields = PERSON_FIELDS
    membership_fields = ("role", "joined_on", "note")

    def __init__(self, *args, network, **kwargs):
        super().__init__(*args, **kwargs)
        self.network = network
        self.membership = None
        self.homonyms = []

    def fieldsets(self):
        new_person = list(self.new_person_fields)
        if self.homonyms or self.data.get("homonym_confirmed"):
            new_person.append("homonym_confirmed")
        return [
            (_("Une personne déjà enregistrée…"), [self[name] for name in self.existing_fields]),
            (_("… ou une nouvelle personne"), [self[name] for name in new_person]),
            (_("Adhésion"), [self[name] for name in self.membership_fields]),
        ]

    def clean(self):
        cleaned = super().clean()
        if "person" in self.errors:
            return cleaned
        person = cleaned.get("person")
        typed = [name for name in PERSON_FIELDS if cleaned.get(name)]
        if person is None:
            if not typed:
                raise ValidationError(_("Choisissez une personne déjà enregistrée, ou saisissez le nom d'une nouvelle personne."))
            for name in ("first_name", "last_name"):
                if not cleaned.get(name):
                    self.add_error(name, _("Indiquez le prénom et le nom de la nouvelle personne."))
            if self.errors:
                return cleaned
            namesake = Person.objects.filter(email=cleaned["email"].strip().lower()).first() if cleaned["email"] else None
            if namesake is not None:
                self.add_error(
                    "email",
                    _("%(person)s est déjà enregistré·e avec cette adresse : choisissez cette personne ci-dessus.")
                    % {"person": namesake},
                )
                return cleaned
            self.homonyms = list(
                Person.objects.filter(first_name__iexact=cleaned["first_name"], last_name__iexact=cleaned["last_name"])[:3]
            )
            if self.homonyms and not cleaned.get("homonym_confirmed"):
                self.add_error(
                    None,
                    _(
                        "Une personne du même nom est déjà enregistrée (%(people)s) : choisissez-la ci-dessus, "
                        "ou cochez « Il s'agit d'une autre personne »."
                    )
                    % {"people": " ; ".join(f"{p}, {p.structure or p.email or _('sans structure')}" for p in self.homonyms)},
                )
                return cleaned
            person = Person(**{name: cleaned[name] for name in PERSON_FIELDS})
            try:
                person.full_clean(exclude=["user"])
            except ValidationError as error:
                add_model_errors(self, error)
                return cleaned
        elif typed:
            raise ValidationError(
                _("Vous avez choisi une personne déjà enregistrée et saisi une nouvelle personne : gardez l'un ou l'autre.")
            )
        if "role" not in cleaned or "joined_on" not in cleaned:
            return cleaned
        self.membership = Membership(
            network=self.network,
            person=person,
            role=cleaned["role"],
            joined_on=cleaned["joined_on"],
            note=cleaned.get("note", ""),
        )
        try:
            self.membership.full_clean(exclude=["person"] if person.pk is None else None)
        except ValidationError as error:
            add_model_errors(self, error)
        return cleaned

    def save(self):
        """Create the person if new, then the membership; None (with a form error) if someone was quicker."""
        membership = self.membership
        try:
            with transaction.atomic():
                if membership.person.pk is None:
                    membership.person.save()
                membership.save()
        except IntegrityError:
            self.add_error(None, ALREADY_MEMBER)
            return None
        return membership


class DepartureForm(forms.Form):
    left_on = forms.DateField(label=_("Départ le"), widget=AdminDateInput, initial=timezone.localdate)
    note = forms.CharField(
        label=_("Note"), max_length=255, required=False, help_text=_("Par exemple : mutation à la DREAL Bretagne.")
    )

    def __init__(self, *args, membership, **kwargs):
        super().__init__(*args, **kwargs)
        self.membership = membership
        if not self.is_bound:
            self.fields["note"].initial = membership.note

    def clean(self):
        cleaned = super().clean()
        if "left_on" in cleaned:
            self.membership.left_on = cleaned["left_on"]
            self.membership.note = cleaned.get("note", "")
            try:
                self.membership.full_clean()
            except ValidationError as error:
                add_model_errors(self, error)
        return cleaned

    def save(self):
        self.membership.save(update_fields=["left_on", "note", "updated_at"])
        return self.membership


class MembershipForm(forms.ModelForm):
    """Correct a period: the role, the dates, the note. The network and the person stay."""

    class Meta:
        model = Membership
        fields = ["role", "joined_on", "left_on", "note"]
        widgets = {"joined_on": AdminDateInput, "left_on": AdminDateInput}

    def _post_clean(self):
        super()._post_clean()
        # ModelForm skips the constraints on fields it does not show (network, person): check them too.
        if not self.errors:
            try:
                self.instance.validate_constraints()
            except ValidationError as error:
                add_model_errors(self, error)

    def save(self, commit=True):
        try:
            with transaction.atomic():
                return super().save(commit=commit)
        except IntegrityError:
            self.add_error(None, ALREADY_MEMBER)
            return None


class DecisionForm(forms.Form):
    """What an animator may write to the requester when accepting or refusing."""

    response = forms.CharField(
        label=_("Message au demandeur (facultatif)"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
        required=False,
    )


__all__ = ["AddMemberForm", "DecisionForm", "DepartureForm", "MembershipForm", "NON_FIELD_ERRORS", "add_model_errors"]
