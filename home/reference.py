"""Reference look-ups every request makes, read from the cache: the site, its settings, a page's children.

Why: Wagtail finds the site of each request with a query, reads the site's settings with another, and
routes a URL one query (or two, for the specific page) per level of the tree. All of that changes only
when an editor publishes, moves a page or edits the settings, and each of those replaces the content
version (home.cache) these entries are keyed on.
"""

from django.http.request import split_domain_port

from .cache import cached_content

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
    from wagtail.models import Site

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
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import Page

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

    return cached_content(request, "children", build, page.pk)


def child_by_slug(request, page, model, slug):
    """The live or draft child of `page` with this slug, if it is a `model`; cached once found.

    For parents with thousands of children of one type (the fiches): one cache read per request rather
    than a query. A slug that matches nothing is not cached (anyone can type one); routing then asks
    Wagtail, which answers 404 or finds a child of another type.
    """

    def build():
        children = model.objects.child_of(page).filter(slug=slug)
        child = children.select_related(*getattr(model, "serve_select_related", ())).first()
        return child.specific if child is not None else None  # .specific: the same instance, unless a subclass

    return cached_content(request, "child", build, page.pk, slug)


def only_child_model(model):
    """The one page type `model` accepts as children, or None."""
    if "_portal_only_child_model" not in model.__dict__:
        allowed = model.allowed_subpage_models()
        model._portal_only_child_model = allowed[0] if len(allowed) == 1 else None
    return model._portal_only_child_model
