"""Admin viewsets: the fiche listing with its filters, and the taxonomy snippets."""

import django_filters
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column, DateColumn, StatusTagColumn
from wagtail.admin.views.pages.listing import PageFilterSet
from wagtail.admin.viewsets.pages import PageListingViewSet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.views.snippets import IndexView as SnippetIndexView
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from portal import admin_language

from .admin_fiche_index import FicheIndexView
from .models import ActorCategory, Department, PracticeSheetPage, Region, ServiceType, Theme


class FicheFilterSet(PageFilterSet):
    region = django_filters.ModelMultipleChoiceFilter(
        label=_("Région"), queryset=Region.objects.all(), widget=forms.CheckboxSelectMultiple
    )
    themes = django_filters.ModelMultipleChoiceFilter(
        label=_("Thème"), queryset=Theme.objects.all(), widget=forms.CheckboxSelectMultiple, distinct=True
    )
    service_type = django_filters.ModelMultipleChoiceFilter(
        label=_("Type de structure"), queryset=ServiceType.objects.all(), widget=forms.CheckboxSelectMultiple
    )
    completeness = django_filters.ChoiceFilter(
        label=_("Complétude"),
        choices=[("complete", _("Complètes")), ("incomplete", _("Incomplètes"))],
        method="filter_completeness",
        empty_label=_("Toutes"),
    )
    review = django_filters.ChoiceFilter(
        label=_("Relecture"),
        choices=[("due", _("En retard")), ("soon", _("Dans les trois mois")), ("none", _("Sans date"))],
        method="filter_review",
        empty_label=_("Toutes"),
    )

    class Meta:
        model = PracticeSheetPage
        fields = []

    def filter_completeness(self, queryset, name, value):
        if value == "complete":
            return queryset.filter(completeness=100)
        if value == "incomplete":
            return queryset.filter(completeness__lt=100)
        return queryset

    def filter_review(self, queryset, name, value):
        today = timezone.localdate()
        if value == "due":
            return queryset.filter(review_date__lte=today)
        if value == "soon":
            return queryset.filter(review_date__gt=today, review_date__lte=today + timezone.timedelta(days=92))
        if value == "none":
            return queryset.filter(review_date__isnull=True)
        return queryset


class CompletenessColumn(StatusTagColumn):
    def get_value(self, instance):
        return f"{instance.completeness} %"

    def get_primary(self, instance):
        return instance.completeness == 100


class ReviewColumn(DateColumn):
    cell_template_name = "practices/admin/review_cell.html"

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        context["due"] = instance.review_due
        return context


class FicheListingViewSet(PageListingViewSet):
    model = PracticeSheetPage
    icon = "doc-full-inverse"
    menu_label = _("Fiches")
    menu_order = 150
    add_to_admin_menu = True
    name = "fiches"
    index_view_class = FicheIndexView
    filterset_class = FicheFilterSet
    columns = [
        # Every fiche has the same parent (the fiches index): its column only squeezed the titles.
        *(column for column in PageListingViewSet.columns if column.name != "parent"),
        Column("region", label=_("Région"), accessor="region", width="12%"),
        Column("service_type", label=_("Type de structure"), accessor="service_type", width="14%"),
        CompletenessColumn("completeness", label=_("Complétude"), sort_key="completeness", width="10%"),
        ReviewColumn("review_date", label=_("Relecture"), sort_key="review_date", width="10%"),
    ]

    def get_queryset(self, request=None):
        return PracticeSheetPage.objects.select_related("region", "service_type")


class ReadOnlyPermissionPolicy(ModelPermissionPolicy):
    """Reference lists are loaded by migration and keyed by official codes: nobody edits them in the admin."""

    WRITE_ACTIONS = {"add", "change", "delete"}

    def user_has_permission(self, user, action):
        return action not in self.WRITE_ACTIONS and super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return super().user_has_any_permission(user, set(actions) - self.WRITE_ACTIONS)

    def users_with_any_permission(self, actions):
        return super().users_with_any_permission(set(actions) - self.WRITE_ACTIONS)


REFERENCE_LISTS = (Region, Department, ServiceType, ActorCategory)


def register_reference_list_policies():
    for model in REFERENCE_LISTS:
        register_permission_policy(model, ReadOnlyPermissionPolicy(model))


class ReferenceListViewSet(SnippetViewSet):
    inspect_view_enabled = True
    copy_view_enabled = False


class RegionViewSet(ReferenceListViewSet):
    model = Region
    icon = "site"
    list_display = ["name", "code"]
    search_fields = ["name", "code"]


class DepartmentViewSet(ReferenceListViewSet):
    model = Department
    icon = "site"
    list_display = ["code", "name", "region"]
    list_filter = ["region"]
    search_fields = ["name", "code"]
    ordering = ["code"]


class ServiceTypeViewSet(ReferenceListViewSet):
    model = ServiceType
    icon = "group"
    list_display = ["name", "examples", "slug"]


class ActorCategoryViewSet(ReferenceListViewSet):
    model = ActorCategory
    icon = "user"
    list_display = ["name", "slug"]


class ThemeIndexView(admin_language.GenderedAddLabel, SnippetIndexView):
    """« Ajouter un thème »."""


class ThemeViewSet(SnippetViewSet):
    model = Theme
    index_view_class = ThemeIndexView
    icon = "tag"
    list_display = ["name", "slug", "description"]
    search_fields = ["name", "description"]
    inspect_view_enabled = True


class TaxonomyGroup(SnippetViewSetGroup):
    menu_label = _("Classement")
    menu_icon = "list-ul"
    menu_order = 160
    items = (ThemeViewSet, RegionViewSet, DepartmentViewSet, ServiceTypeViewSet, ActorCategoryViewSet)


__all__ = ["FicheListingViewSet", "TaxonomyGroup", "register_reference_list_policies"]
