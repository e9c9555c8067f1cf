"""Serving a page from the cache: the site, its settings, routing, and the page's view restrictions.

The one place where the portal overrides how Wagtail serves a page. Wagtail finds the site of each
request with a query, reads the site's settings with another, routes a URL one query (or two, for the
specific page) per level of the tree, and asks the database for each page's view restrictions: six to
eight queries before a fiche's template starts. All of that changes only when an editor publishes,
moves a page, sets a restriction or edits the settings, and each of those replaces the content version
(portal.cache) these entries are keyed on.

Why it stays, measured on 4 December 2026 with `manage.py bench --fiches 10000` (SQLite, steady state,
medians over 40 rounds, as multiples of the bench's floor measured in the same run): with these
overrides a cached fiche page costs 1.59x the floor (3 queries), the fiches listing 1.90x, a search
1.72x; with Wagtail's own site look-up, routing and restrictions instead (the same code with this
module's overrides taken out), 3.85x (12 queries), 3.67x (10) and 2.61x (5). tests/test_serving.py pins each override to
what Wagtail itself answers (same page, same 404, same site, same restrictions).
"""

from django.contrib.contenttypes.models import ContentType
from django.http import Http404
from django.http.request import split_domain_port
from wagtail.models import Page, PageViewRestriction, Site

from . import access
from .cache import cached_content, cached_for_page, cached_shared

# A parent with at most this many children keeps them in the cache for routing (the home page's
# sections, the networks, a network's livrables); beyond, each request looks its child up by slug.
ROUTE_CACHE_MAX_CHILDREN = 50


class _NoSite:
    """Cached in place of None (which a cache cannot tell from a miss)."""


def find_site(request):
    """Site.find_for_request, through the cache; sets request._wagtail_site as Wagtail does.

    The root page is cached as its specific instance, so that Wagtail's routing starts from it without
    a query either. Called before Wagtail serves a page (PortalCacheMiddleware) and by whatever of the
    portal needs the site (settings, menu, fragments, listings).
    """
    if hasattr(request, "_wagtail_site"):
        return request._wagtail_site

    def build():
        site = Site._find_for_request(request)
        if site is None:
            return _NoSite()
        site.root_page = site.root_page.specific
        return site

    # The host and port Wagtail matches sites on (the raw host: ALLOWED_HOSTS is checked elsewhere).
    hostname = split_domain_port(request._get_raw_host())[0]
    site = cached_content(request, "site", build, hostname, request.get_port())
    request._wagtail_site = None if isinstance(site, _NoSite) else site
    return request._wagtail_site


def site_settings(model, request):
    """`model.for_request(request)` (a BaseSiteSetting), cached per site and content version."""
    attr_name = model.get_cache_attr_name()
    if hasattr(request, attr_name):
        return getattr(request, attr_name)
    site = find_site(request)
    if site is None:
        return model.for_site(site)  # raises DoesNotExist, as Wagtail does
    instance = cached_content(request, f"settings:{model._meta.label_lower}", lambda: model.for_site(site), site.pk)
    instance._request = request  # lets the settings build page URLs for this request
    setattr(request, attr_name, instance)
    return instance


def children_by_slug(request, page):
    """{slug: specific child page} of `page`, cached: what routing needs to go one level down.

    Loaded as Wagtail's .specific() does (the ids and types, then a query per page type), with the
    foreign keys each type's template reads (`serve_select_related`).
    """

    def build():
        by_type = {}
        for pk, content_type_id in page.get_children().values_list("pk", "content_type_id"):
            by_type.setdefault(content_type_id, []).append(pk)
        children = {}
        for content_type_id, pks in by_type.items():
            model = ContentType.objects.get_for_id(content_type_id).model_class() or Page
            queryset = model.objects.filter(pk__in=pks).select_related(*getattr(model, "serve_select_related", ()))
            children.update((child.slug, child) for child in queryset)
        return children

    # On the content version rather than the parent's token, which costs a query of its own when the
    # tokens live in the database: a map of a few children is cheap to build again after a publication.
    return cached_content(request, "children", build, page.pk)


def child_by_slug(request, page, model, slug):
    """The live or draft child of `page` with this slug, if it is a `model`; cached once found.

    For parents with thousands of children of one type (the fiches): two cache reads per request rather
    than a query. Which child has the slug is cached on the shared version (only a move or a new slug,
    which replace it, change that); the child itself on its own token (portal.cache.page_version), so
    that another fiche's publication does not send every fiche's routing back to the database. A slug
    that matches nothing is not cached (anyone can type one); routing then asks Wagtail, which answers
    404 or finds a child of another type.
    """
    related = getattr(model, "serve_select_related", ())

    def find():
        return model.objects.child_of(page).filter(slug=slug).select_related(*related).first()

    found = []  # the child found by slug, if it had to be: no need to load it again by its id
    page_id = cached_shared(request, "child-id", lambda: _id_of(find(), found), page.pk, slug)
    if page_id is None:
        return None

    def load():
        if found:
            return found[0].specific
        child = model.objects.child_of(page).filter(pk=page_id, slug=slug).select_related(*related).first()
        return child.specific if child is not None else None  # .specific: the same instance, unless a subclass

    child = cached_for_page(request, page_id, "child", load, page.pk, slug)
    if child is None:  # deleted since, or its slug taken by another page: look again, without the cache
        child = find()
        child = child.specific if child is not None else None
    return child


def _id_of(child, found):
    if child is None:
        return None
    found.append(child)
    return child.pk


def only_child_model(model):
    """The one page type `model` accepts as children, or None."""
    if "_portal_only_child_model" not in model.__dict__:
        allowed = model.allowed_subpage_models()
        model._portal_only_child_model = allowed[0] if len(allowed) == 1 else None
    return model._portal_only_child_model


class CachedServingMixin:
    """Routing and view restrictions from the cache, for every page type of the portal (BasePage)."""

    def route(self, request, path_components):
        """Wagtail's routing, one query per level at most, none where the children are few.

        A parent with few children finds the child in its cached map of children; a parent that accepts
        one page type only (the fiches index) finds the specific child in the cache, or loads it in one
        query instead of two. Both are keyed on the content version (portal.cache). The rest is Wagtail's:
        the child routes the remaining components, a missing or unpublished page is a 404, and anything
        unexpected (a child of another type) goes through Wagtail's own look-up.
        """
        if not path_components:
            return super().route(request, path_components)
        slug, remaining = path_components[0], path_components[1:]
        if 0 < self.numchild <= ROUTE_CACHE_MAX_CHILDREN:
            child = children_by_slug(request, self).get(slug)
            if child is None:
                raise Http404
        else:
            model = only_child_model(type(self))
            child = child_by_slug(request, self, model, slug) if model is not None else None
            if child is None:
                return super().route(request, path_components)
        child._cached_parent_obj = self
        return child.route(request, remaining)

    def get_view_restrictions(self):
        """The restrictions on this page or above it, found in the cached list rather than by two queries.

        Most pages have none: an empty queryset, which never reaches the database. When some apply, they
        are loaded as Wagtail would, and checked by Wagtail itself (before_serve_page hook).
        """
        ids = access.restriction_ids_for(self)
        if ids is None:
            return super().get_view_restrictions()
        if not ids:
            return PageViewRestriction.objects.none()
        return PageViewRestriction.objects.filter(pk__in=ids)
