"""Form plumbing shared by every form a reader sees: DSFR markup on every field."""

from django import forms
from django.contrib.auth import forms as auth_forms
from django.utils.translation import gettext_lazy as _
from dsfr.forms import DsfrBoundField, DsfrDjangoTemplates
from dsfr.utils import dsfr_input_class_attr


class DsfrFormMixin:
    """Renders a form with django-dsfr's field templates and classes.

    django-dsfr's own DsfrBaseForm does the same but only for plain forms and warns on every render;
    a mixin also dresses Django's authentication forms.
    """

    template_name = "dsfr/form_snippet.html"
    bound_field_class = DsfrBoundField
    default_renderer = DsfrDjangoTemplates

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for bound_field in self.visible_fields():
            dsfr_input_class_attr(bound_field)


class DsfrForm(DsfrFormMixin, forms.Form):
    pass


class LoginForm(DsfrFormMixin, auth_forms.AuthenticationForm):
    username = auth_forms.UsernameField(
        label=_("Identifiant"),
        widget=forms.TextInput(attrs={"autofocus": True, "autocomplete": "username"}),
    )
    password = forms.CharField(
        label=_("Mot de passe"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )


class PasswordResetForm(DsfrFormMixin, auth_forms.PasswordResetForm):
    email = forms.EmailField(
        label=_("Adresse électronique"),
        help_text=_("Format attendu : prenom.nom@exemple.gouv.fr"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )


class SetPasswordForm(DsfrFormMixin, auth_forms.SetPasswordForm):
    pass


class PasswordChangeForm(DsfrFormMixin, auth_forms.PasswordChangeForm):
    pass
