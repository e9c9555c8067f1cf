from django import forms
from django.utils.translation import gettext_lazy as _

from home.forms import DsfrForm


class SearchForm(DsfrForm):
    q = forms.CharField(label=_("Rechercher"), required=False, max_length=200, strip=True)
    page = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)

    def clean_q(self):
        # Control characters never mean anything in a query; drop them rather than refuse the search.
        return "".join(ch for ch in self.cleaned_data["q"] if ch.isprintable()).strip()
