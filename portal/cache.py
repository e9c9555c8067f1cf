"""The site-wide content version, and what is cached against it.

Why: readers vastly outnumber editors on this intranet, and nearly everything a page shows changes only
when an editor publishes. Rather than invalidating each cached piece where it is used (and forgetting
one), every cached piece of content is keyed on one token, the *content version*, and every write that
may change what a page shows replaces the token. Entries keyed on an old token are never read again;
the cache lets them expire (`FRAGMENT_TIMEOUT`) or evicts them.

The token is random, never a counter: a lost token (a Redis eviction, a new table row) makes a new one,
which is only a cache-wide miss, never a stale hit. It is read once per request (memoised on the
request) so that one page is rendered against one version from start to end. It lives in the cache
when every process shares it (Redis), in the database otherwise (`versions_in_database`).

What replaces it (`connect` below, plus `connect_model` calls in other apps' `ready()`):

- pages: `page_published`, `page_unpublished`, `page_slug_changed`, `post_page_move`, and `post_save` /
  `post_delete` of any page (imports, scheduled publishing, a live page saved in code…);
- view restrictions: `PageViewRestriction` saved or deleted, and its groups changed;
- images and documents saved or deleted (their titles, files and renditions are shown), taggit tags;
- sites, the portal settings (`home.PortalSettings`);
- from `practices.signals`: the taxonomies (themes, regions, departments, service types, actor
  categories), people, memberships and join requests (network pages and the home page show members);
- `search.facets.rebuild_all` and `update_index` (bulk imports write rows without signals);
- and the calendar: every key also holds today's date, because a few things shown depend on it
  (a membership that ends today, "depuis 2024" on a fiche).

A write that bypasses Django's signals (raw SQL, `QuerySet.update` on pages) must call
`bump_content_version()` itself.

Pages also have a token each, with a second site-wide token beside the content version, the *shared
version*, which every write replaces except a page's own. A fragment showing only one page and what is
shared (a fiche's own content: its sections, facts, images, livrables) is keyed on both
(`page_version`, `shared_version`): publishing another fiche, which replaces the content version
(listings, related fiches, counts), leaves it in the cache. A page's publication, save or deletion replaces
its own token and its parent's (which lists its children), and the token of its page type (a block
listing the latest pages of some types is keyed on theirs and on the shared version); a move, a new slug
or a restriction replaces everything, since any page may link to the subtree.

Permissions have a version of their own (`portal.access`), so that a change of groups does not empty the
content cache, nor a publication the users' rights.
"""

import contextvars
import functools
import hashlib
import uuid

from django.apps import apps
from django.conf import settings
from django.core.cache import cache, caches
from django.core.cache.backends.dummy import DummyCache
from django.core.cache.backends.locmem import LocMemCache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils import timezone
from taggit.models import Tag
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, PageViewRestriction, Site, get_page_models

from .publication import Kind

CONTENT_VERSION_KEY = "portal:content-version"
# Everything the content version follows but the pages themselves: what any page may show of the rest
# (taxonomies, images, documents, tags, settings, restrictions, sites, the calendar). A page's own
# fragment is keyed on this and on its page's token, so that publishing one page leaves the others'.
SHARED_VERSION_KEY = "portal:shared-version"
PAGE_VERSION_PREFIX = "portal:page-version:"
# One token per page type, replaced when a page of that type changes: a block listing the latest pages
# of a type (the home page's) is keyed on the types it shows and on the shared version.
TYPE_VERSION_PREFIX = "portal:type-version:"
# How the pages of a type are classified (search.models.PageFacet: region, themes, tags…): a token per
# page type, replaced when the facet rows of a page of that type change (search.facets: a page arrives,
# leaves, or is classified differently), but not when a page is published again as it was classified;
# and one for all types, replaced with the content version. What is chosen by classification alone (a
# fiche's related fiches) is keyed on them (`classification_version`).
CLASSIFICATION_VERSION_KEY = "portal:classification-version"
CLASSIFICATION_VERSION_PREFIX = "portal:classified:"  # + a model label: within the 60 characters of a name
# A classification token that names a logged change: "n" and its id (random tokens are hexadecimal).
CHANGE_TOKEN = "n"
# The log of changes keeps about the last this many rows (pruned every this many).
CHANGES_KEPT = 1000
# Long enough to be worth it, short enough that entries of old versions do not pile up in Redis.
FRAGMENT_TIMEOUT = 60 * 60 * 24

_local_bumps = 0  # so that a request of this process sees a bump it made itself
# The request being served (PortalCacheMiddleware): lets code that has no request at hand (Wagtail
# asking a page for its view restrictions) read the versions memoised on it.
_current_request = contextvars.ContextVar("portal_current_request", default=None)


def versions_in_database():
    """Whether the tokens live in the database rather than in the cache.

    A local-memory cache is each process's own: a publication in one gunicorn worker, or in the cron
    job that publishes scheduled pages, would never reach the others. The tokens then live in a small
    table (portal.models.CacheVersion), read once per request; the cached entries stay in each process's
    memory, keyed on them. With a cache every process shares (Redis), the tokens live there.
    `PORTAL_CACHE_VERSIONS` ("cache" or "database") overrides the choice.
    """
    choice = getattr(settings, "PORTAL_CACHE_VERSIONS", None)
    if choice:
        return choice == "database"
    return isinstance(caches["default"], LocMemCache | DummyCache)


def _new_token():
    return uuid.uuid4().hex[:16]


def _token_model():
    # By the registry rather than an import: portal.models imports this module (through access).
    return apps.get_model("portal", "CacheVersion")


def _row(key):
    """(model, lookup) of the database row holding the token `key`: a page's own token in
    PageCacheVersion, a site-wide one in CacheVersion."""
    if key.startswith(PAGE_VERSION_PREFIX):
        return apps.get_model("portal", "PageCacheVersion"), {"page_id": int(key[len(PAGE_VERSION_PREFIX) :])}
    return _token_model(), {"name": key}


def _database_tokens():
    return dict(_token_model().objects.values_list("name", "token"))


def _read_or_create(key):
    if versions_in_database():
        model, lookup = _row(key)
        return model.objects.get_or_create(**lookup, defaults={"token": _new_token()})[0].token
    token = cache.get(key)
    if token is None:
        cache.add(key, _new_token(), None)
        token = cache.get(key)
    return token


def _replace(key, token):
    global _local_bumps
    _local_bumps += 1
    if versions_in_database():
        model, lookup = _row(key)
        model.objects.update_or_create(**lookup, defaults={"token": token})
    else:
        cache.set(key, token, None)


def bump_version(key, token=None):
    """Replace a version token now (by a new random one unless `token` is given), and in the cache again
    once the current transaction commits.

    In the database, the new token commits with the change itself. In the cache, a request that read
    the new token before the commit could otherwise cache the old content under it, for good.
    """
    token = token or _new_token()
    _replace(key, token)
    if not versions_in_database() and transaction.get_connection().in_atomic_block:
        transaction.on_commit(lambda: _replace(key, token))


def read_version(key, request=None):
    """The current token of `key`, memoised on the request (the one being served if none is given)."""
    if request is None:
        request = _current_request.get()
    if request is None:
        return _read_or_create(key)
    memo = request.__dict__.setdefault("_portal_versions", {})
    if memo.get("_bumps") != _local_bumps:
        memo.clear()
        memo["_bumps"] = _local_bumps
        if versions_in_database():
            memo.update(_database_tokens())  # every token in one query
    if key not in memo:
        memo[key] = _read_or_create(key)
    return memo[key]


def serving(request):
    """Make `request` the one versions are memoised on until `done(token)` (PortalCacheMiddleware)."""
    return _current_request.set(request)


def done(token):
    _current_request.reset(token)


def content_version(request=None):
    return read_version(CONTENT_VERSION_KEY, request)


def shared_version(request=None):
    return read_version(SHARED_VERSION_KEY, request)


def page_version(page_id, request=None):
    """The token of one page's own content: replaced when that page, or one of its children, changes."""
    return read_version(f"{PAGE_VERSION_PREFIX}{page_id}", request)


def type_version(model, request=None):
    """The token of a page type (a model class): replaced when any page of that type changes."""
    return read_version(f"{TYPE_VERSION_PREFIX}{model._meta.label_lower}", request)


def types_version(request, *models):
    """The tokens of several page types as one key part: it changes when a page of any of them does."""
    return ":".join(type_version(model, request) for model in models)


@functools.cache
def _ancestor_models(model):
    """The page types that may stand above `model` in the tree (Wagtail's parent_page_types, followed up)."""
    found = []
    pending = list(model.allowed_parent_page_models())
    while pending:
        parent = pending.pop()
        if parent is not Page and parent not in found:
            found.append(parent)
            pending.extend(parent.allowed_parent_page_models())
    return tuple(found)


def ancestors_version(request, model):
    """The tokens of the page types above `model`: what a breadcrumb shows besides the page itself
    changes only with them (a parent's own token follows its children's publications too)."""
    return types_version(request, *_ancestor_models(model))


def classification_version(model, request=None):
    """The tokens of how the pages of type `model` are classified, as one key part."""
    prefix = CLASSIFICATION_VERSION_PREFIX
    return f"{read_version(CLASSIFICATION_VERSION_KEY, request)}:{read_version(prefix + model._meta.label_lower, request)}"


def bump_classification(model, page_id=None):
    """The facet rows of a page of type `model` changed (search.facets).

    Given the page, the change is logged (portal.models.ClassificationChange) and the type's token names
    it (`classification_change`); otherwise the token is a random one, which says only "changed".
    """
    key = f"{CLASSIFICATION_VERSION_PREFIX}{model._meta.label_lower}"
    if page_id is None:
        bump_version(key)
        return
    log = apps.get_model("portal", "ClassificationChange")
    change = log.objects.create(page_id=page_id, model=model._meta.label_lower)
    bump_version(key, token=f"{CHANGE_TOKEN}{change.pk}")
    if change.pk % CHANGES_KEPT == 0:
        log.objects.filter(pk__lte=change.pk - CHANGES_KEPT).delete()


def classification_change(model, request=None):
    """The id of the last logged change of how pages of type `model` are classified, or None when its
    token names no logged change (changed in bulk, or never)."""
    token = read_version(f"{CLASSIFICATION_VERSION_PREFIX}{model._meta.label_lower}", request)
    number = token.removeprefix(CHANGE_TOKEN)
    return int(number) if number != token and number.isdigit() else None


def bump_content_version(*args, **kwargs):
    """Signal receiver as well as plain function: whatever a page shows may have changed."""
    bump_version(CONTENT_VERSION_KEY)
    bump_version(SHARED_VERSION_KEY)
    bump_version(CLASSIFICATION_VERSION_KEY)


def bump_pages(*page_ids, model=None):
    """These pages changed (pages of type `model`): their own tokens, their type's, and the content version
    (listings, menus, related pages show pages), but not what the other pages show of themselves."""
    bump_version(CONTENT_VERSION_KEY)
    if model is not None:
        bump_version(f"{TYPE_VERSION_PREFIX}{model._meta.label_lower}")
    for page_id in dict.fromkeys(page_ids):
        if page_id is not None:
            bump_version(f"{PAGE_VERSION_PREFIX}{page_id}")


def _parent_id(page):
    """The parent's id, read by path (a page's own fields hold no parent): a parent shows its children."""
    if not page.path or page.depth <= 1:
        return None
    parent_path = page.path[: -page.steplen]
    return Page.objects.filter(path=parent_path).values_list("pk", flat=True).first()


def bump_after_page_write(sender, instance, **kwargs):
    """A page saved or deleted in code: its token, its parent's, and the content version."""
    bump_pages(instance.pk, _parent_id(instance), model=sender)


def versioned_key(version_key, request, name, *vary):
    """A cache key for `name`, valid for the current token of `version_key` and the given values."""
    parts = [read_version(version_key, request), *vary]
    digest = hashlib.md5("\x1f".join(str(part) for part in parts).encode(), usedforsecurity=False).hexdigest()
    return f"portal:{name}:{digest}"


def cached_on_version(version_key, request, name, build, *vary, timeout=FRAGMENT_TIMEOUT):
    """`build()`, computed once per token of `version_key` (and `vary`), then read from the cache.

    A build that returns None is not cached: it is built again next time.
    """
    return _cached(versioned_key(version_key, request, name, *vary), build, timeout)


def cached_shared(request, name, build, *vary, timeout=FRAGMENT_TIMEOUT):
    """`build()`, computed once per shared version (and day, and `vary`): for what no page's
    publication changes, only a move, a new slug or a change of what is shared."""
    return cached_on_version(
        SHARED_VERSION_KEY, request, name, build, timezone.localdate().isoformat(), *vary, timeout=timeout
    )


def cached_for_page(request, page_id, name, build, *vary, timeout=FRAGMENT_TIMEOUT):
    """`build()`, computed once per version of one page (its token) and of what is shared."""
    return cached_shared(request, name, build, page_version(page_id, request), *vary, timeout=timeout)


def _cached(key, build, timeout):
    value = cache.get(key)
    if value is None:
        value = build()
        if value is not None:
            cache.set(key, value, timeout)
    return value


def content_key(request, name, *vary):
    """A cache key for `name`, valid for the current content version, today, and the given values."""
    return versioned_key(CONTENT_VERSION_KEY, request, name, timezone.localdate().isoformat(), *vary)


def cached_content(request, name, build, *vary, timeout=FRAGMENT_TIMEOUT):
    """`build()`, computed once per content version (and day, and `vary`), then read from the cache."""
    return cached_on_version(
        CONTENT_VERSION_KEY, request, name, build, timezone.localdate().isoformat(), *vary, timeout=timeout
    )


# --- what replaces the content version -------------------------------------------------------------


def connect_model(model, uid, m2m=()):
    """Bump on every save and delete of `model` (and changes of its many-to-many fields `m2m`)."""
    post_save.connect(bump_content_version, sender=model, dispatch_uid=f"portal.version.save.{uid}", weak=False)
    post_delete.connect(bump_content_version, sender=model, dispatch_uid=f"portal.version.delete.{uid}", weak=False)
    for field_name in m2m:
        through = getattr(model, field_name).through
        m2m_changed.connect(bump_content_version, sender=through, dispatch_uid=f"portal.version.m2m.{uid}.{field_name}", weak=False)


def bump_after_publication(change):
    """The last step of every publication (portal.publication).

    A page published, unpublished or deleted changes itself, its parent (which may list it), and every
    listing: the content version. A move or a new slug changes the URLs of a whole subtree, which any
    page may link to, and a restriction what readers may see anywhere: then everything.
    """
    if change.kind in (Kind.MOVED, Kind.RESTRICTED):
        bump_content_version()
    else:
        bump_pages(change.page.pk, _parent_id(change.page), model=type(change.page))


def connect():
    """Writes that change what pages show outside of a publication (portal.publication has those)."""
    # Any page saved or deleted in code (imports, scheduled publishing, a live page saved by a script),
    # as its specific class. Per page type: a receiver for every sender would stop Django from deleting
    # any other rows in bulk.
    for model in get_page_models():
        if model is not Page:
            uid = f"page.{model._meta.label_lower}"
            post_save.connect(bump_after_page_write, sender=model, dispatch_uid=f"portal.version.save.{uid}", weak=False)
            post_delete.connect(bump_after_page_write, sender=model, dispatch_uid=f"portal.version.delete.{uid}", weak=False)
    connect_model(PageViewRestriction, "restriction", m2m=("groups",))
    connect_model(get_image_model(), "image")
    connect_model(get_document_model(), "document")
    connect_model(Tag, "tag")
    connect_model(Site, "site")
    connect_model(apps.get_model("portal", "PortalSettings"), "settings")
