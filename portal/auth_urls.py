"""Login, logout and password management on the portal's own French pages.

Django marks the login and password-reset views @login_not_required; they are the only pages an
anonymous visitor may see, with /healthz and the two steps of a sign-in with ProConnect (portal.proconnect).
"""

from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy

from . import forms, proconnect
from .models import PortalSettings
from .throttle import ThrottledPasswordResetMixin


class PasswordResetView(ThrottledPasswordResetMixin, auth_views.PasswordResetView):
    """Django's view, with the portal's name (a site setting) in the e-mail it sends, and requests counted
    like failed sign-ins (portal.throttle)."""

    def form_valid(self, form):
        self.extra_email_context = {"portal_name": PortalSettings.for_request(self.request).portal_name}
        return super().form_valid(form)


class LoginView(auth_views.LoginView):
    """Django's view, with the ProConnect button while the feature is on (read per request: tests change it)."""

    def get_context_data(self, **kwargs):
        return super().get_context_data(proconnect_enabled=proconnect.enabled(), **kwargs)


urlpatterns = [
    path(
        "connexion/",
        LoginView.as_view(authentication_form=forms.LoginForm, redirect_authenticated_user=True),
        name="login",
    ),
    path("deconnexion/", proconnect.LogoutView.as_view(), name="logout"),
    # ProConnect (OpenID Connect): 404 while OIDC_RP_CLIENT_ID is unset. The callback's address is the
    # redirect URI registered with ProConnect; the names are mozilla-django-oidc's.
    path("oidc/authenticate/", proconnect.authentication_init, name="oidc_authentication_init"),
    path("oidc/callback/", proconnect.authentication_callback, name="oidc_authentication_callback"),
    path(
        "mot-de-passe/oublie/",
        PasswordResetView.as_view(
            form_class=forms.PasswordResetForm,
            email_template_name="registration/password_reset_email.txt",
            subject_template_name="registration/password_reset_subject.txt",
        ),
        name="password_reset",
    ),
    path("mot-de-passe/oublie/envoye/", auth_views.PasswordResetDoneView.as_view(), name="password_reset_done"),
    path(
        "mot-de-passe/nouveau/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(form_class=forms.SetPasswordForm),
        name="password_reset_confirm",
    ),
    path("mot-de-passe/nouveau/fait/", auth_views.PasswordResetCompleteView.as_view(), name="password_reset_complete"),
    path(
        "mot-de-passe/modifier/",
        auth_views.PasswordChangeView.as_view(
            form_class=forms.PasswordChangeForm, success_url=reverse_lazy("password_change_done")
        ),
        name="password_change",
    ),
    path("mot-de-passe/modifie/", auth_views.PasswordChangeDoneView.as_view(), name="password_change_done"),
]
