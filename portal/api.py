"""A read-only API for intranet integrations (Wagtail API v2), behind the same login as the site.

Wagtail's endpoints trust parts of the query string that the database or the search backend then
refuse: an offset past 64 bits, a date filter that is not a date, a `find/?id=` that is not a number,
an unknown search operator, a search with a NUL or a quotation mark (SQLite's FTS5), a lone space for
a search, a NUL in `?site=` or `?locale=` (PostgreSQL). Each of those was a 500 (tests/test_fuzz.py
found them). As everywhere in the portal, the query string goes through a form first (APIQueryForm): a
bad value is a 400 with a French message, and what Wagtail reads is what the form let through.
"""

import functools
import unicodedata

from django import forms
from django.conf import settings
from django.db import connection, models
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from rest_framework.renderers import JSONRenderer
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.serializers import PageHtmlUrlField, PageSerializer
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet

MAX_OFFSET = 10**9
MAX_SEARCH_LENGTH = 200


class SearchTextField(forms.CharField):
    """The API's search is plain text: quotation marks and invisible characters mean nothing in it
    (and break SQLite's full-text query), so they become spaces, and a search left blank is empty,
    which Wagtail answers with no result rather than a 500."""

    def to_python(self, value):
        value = super().to_python(value)
        value = "".join(" " if ch == '"' or unicodedata.category(ch).startswith("C") else ch for ch in value)
        return " ".join(value.split())


class APIQueryForm(forms.Form):
    """The parameters Wagtail's endpoints read without checking them well enough."""

    limit = forms.IntegerField(required=False, min_value=0, max_value=getattr(settings, "WAGTAILAPI_LIMIT_MAX", 20) or 20)
    offset = forms.IntegerField(required=False, min_value=0, max_value=MAX_OFFSET)
    search = SearchTextField(required=False, max_length=MAX_SEARCH_LENGTH)
    search_operator = forms.ChoiceField(
        required=False,
        choices=[("and", "and"), ("or", "or")],
        error_messages={"invalid_choice": _("Choisissez « and » ou « or ».")},
    )
    # Text Wagtail looks up as is: Django's CharField refuses NUL, which PostgreSQL would with a 500
    locale = forms.CharField(required=False)
    site = forms.CharField(required=False)
    html_path = forms.CharField(required=False)

    def __init__(self, data, *, model=None, filter_names=()):
        super().__init__(data)
        if "id" in data:
            self.fields["id"] = _integer_field(models.BigAutoField())
        for name in filter_names:
            field = _filter_field(model._meta.get_field(name)) if name in data and name not in self.fields else None
            if field is not None:
                self.fields[name] = field

    def error_message(self):
        return " ".join(
            _("Paramètre « %(name)s » : %(message)s") % {"name": name, "message": message}
            for name, messages in self.errors.items()
            for message in messages
        )


# The fields below are added only for the parameters the query string has: there, a blank value is no
# value at all (`find/?id=`, `?first_published_at=`), and Wagtail would send it to the database as is.


def _integer_field(model_field):
    low, high = connection.ops.integer_field_range(model_field.get_internal_type())
    return forms.IntegerField(min_value=low, max_value=high)


def _filter_field(model_field):
    """The form field that checks `?<field>=<value>` as the database will read it, or None where
    Wagtail's own check is enough (text, booleans, tags)."""
    if isinstance(model_field, models.ForeignKey):
        model_field = model_field.target_field
    if isinstance(model_field, models.DateTimeField):
        return forms.DateTimeField()
    if isinstance(model_field, models.DateField):
        return forms.DateField()
    if isinstance(model_field, (models.IntegerField, models.AutoField)):
        return _integer_field(model_field)
    return None


class ValidatedQueryMixin:
    # JSON only: DRF's browsable pages (`?format=api`) are English pages for developers, not the portal's
    renderer_classes = [JSONRenderer]

    def perform_content_negotiation(self, request, force=False):
        """An unknown `?format=` is the reader's mistake (400, in French), not a missing page (DRF's
        empty 404)."""
        try:
            return super().perform_content_negotiation(request, force)
        except Http404 as error:
            raise BadRequestError(_("Paramètre « format » : seul « json » est proposé.")) from error

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)  # the login first: an anonymous request learns nothing
        self._validate(request, APIQueryForm(request.GET))

    def filter_queryset(self, queryset):
        """The field filters (`?first_published_at=`, `?alias_of=`), known once `type` is; DRF applies
        them to the detail views too (`/api/v2/pages/3/?first_published_at=hier`)."""
        model = queryset.model
        # `locale` is a language code, read by Wagtail's own filter rather than as a foreign key
        names = [
            name
            for name in self.get_available_fields(model, db_fields_only=True)
            if name in self.request.GET and name != "locale"
        ]
        self._validate(self.request, APIQueryForm(self.request.GET, model=model, filter_names=names))
        return super().filter_queryset(queryset)

    @staticmethod
    def _validate(request, form):
        if not form.is_valid():
            raise BadRequestError(form.error_message())
        if "search" in request.GET and request.GET["search"] != form.cleaned_data["search"]:
            query = request.GET.copy()
            query["search"] = form.cleaned_data["search"]
            request._request.GET = query


class RequestHostHtmlUrlField(PageHtmlUrlField):
    """A page's `html_url` on the host the request came to, like `detail_url` (RequestHostRouter):
    Wagtail writes it from the Site's root URL."""

    def to_representation(self, page):
        request = self.context.get("request")
        if request is None:
            return super().to_representation(page)
        path = page.get_url(request)
        return request.build_absolute_uri(path) if path else None


class PortalPageSerializer(PageSerializer):
    html_url = RequestHostHtmlUrlField(read_only=True)


class PortalPagesAPIViewSet(ValidatedQueryMixin, PagesAPIViewSet):
    base_serializer_class = PortalPageSerializer


class PortalImagesAPIViewSet(ValidatedQueryMixin, ImagesAPIViewSet):
    pass


class PortalDocumentsAPIViewSet(ValidatedQueryMixin, DocumentsAPIViewSet):
    pass


class RequestHostRouter(WagtailAPIRouter):
    """Absolute URLs (`detail_url`, the `find/` redirect) on the host the request came to.

    Wagtail writes them from the root URL of the Site that serves the request: one hostname and port
    per Site (`http://localhost` in the demo), whereas the portal is reached under several names (its
    intranet name, a server's address, localhost) that ALLOWED_HOSTS has already vetted. Each request
    gets the router bound to it (`request.wagtailapi_router`, read by Wagtail's serializers and views),
    whose detail paths are made absolute with the request's own scheme and host.
    """

    def wrap_view(self, func):
        @functools.wraps(func)
        def wrapped(request, *args, **kwargs):
            request.wagtailapi_router = _RouterForRequest(self, request)
            return func(request, *args, **kwargs)

        return wrapped


class _RouterForRequest:
    def __init__(self, router, request):
        self._router = router
        self._request = request

    def __getattr__(self, name):
        return getattr(self._router, name)

    def get_object_detail_urlpath(self, model, pk):
        path = self._router.get_object_detail_urlpath(model, pk)
        return self._request.build_absolute_uri(path) if path else path


api_router = RequestHostRouter("wagtailapi")
api_router.register_endpoint("pages", PortalPagesAPIViewSet)
api_router.register_endpoint("images", PortalImagesAPIViewSet)
api_router.register_endpoint("documents", PortalDocumentsAPIViewSet)
