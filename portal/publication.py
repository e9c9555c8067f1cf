"""One publication pipeline: what happens, in which order, when a page changes on the site.

Why one pipeline: a publication touches every layer (the domain completes the page, the search projects
it onto its facets, its index and its suggestions, the cache forgets what it showed). As separate signal
receivers, one per app, they ran in the order of INSTALLED_APPS, and a reader had to visit three apps to
know what a publication does. Here one receiver per Wagtail signal turns it into a `Change`, and `run`
calls the steps in the order written in `STEPS`, whatever the order the apps were loaded in.

Each layer fills its own steps in its AppConfig.ready() (`register`); the portal knows their names, not
their code, so that nothing here imports the layers above:

1. ``prepare``      the domain completes the page (practices: a fiche's default review date);
2. ``facets``       search: the page's rows in the facet table (search.facets);
3. ``index``        search: the full-text index, once tags and many-to-many values are saved;
4. ``suggestions``  search: the header's suggestions (search.suggest);
5. ``children``     search: pages found by this one's facets (livrables and chantiers under a network);
6. ``cache``        portal: the content version (portal.cache), so that no page shows the old state.

A step receives the `Change` and does what that kind of change asks of it: most follow `placed` and
`removed`, and a restriction change only reaches the cache. Each step is an ordinary function, tested on its own.
"""

import enum
from dataclasses import dataclass

from django.db.models.signals import post_delete, post_save, pre_delete
from wagtail.models import Page, PageViewRestriction, get_page_models
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

STEPS = ("prepare", "facets", "index", "suggestions", "children", "cache")


class Kind(enum.Enum):
    PUBLISHED = "published"  # a revision went live (first publication, new version, schedule, approval)
    UNPUBLISHED = "unpublished"  # the page left the site, its row stays
    MOVED = "moved"  # a new parent, or a new slug: a new URL, and maybe other inherited facets
    DELETED = "deleted"  # about to be deleted: the rows still exist
    RESTRICTED = "restricted"  # a view restriction on the page was set, changed or lifted


@dataclass(frozen=True)
class Change:
    kind: Kind
    page: Page  # the specific page

    @property
    def placed(self):
        """The page is live at its place after this change: what is derived from it must follow."""
        return self.kind in (Kind.PUBLISHED, Kind.MOVED) and self.page.live

    @property
    def removed(self):
        """The page left the site (its rows may still exist): what is derived from it must go."""
        return self.kind in (Kind.UNPUBLISHED, Kind.DELETED)


_registered = {}


def register(step, function):
    """Fill one step of the pipeline; a step has one function, so that it is read in one place."""
    if step not in STEPS:
        raise ValueError(f"Unknown publication step: {step!r} (steps: {', '.join(STEPS)})")
    if _registered.get(step) not in (None, function):
        raise ValueError(f"The publication step {step!r} is already filled by {_registered[step]!r}")
    _registered[step] = function


def steps():
    """[(name, function)] of the filled steps, in the order they run."""
    return [(name, _registered[name]) for name in STEPS if name in _registered]


def run(change):
    for _name, function in steps():
        function(change)


# --- from Wagtail's and Django's signals to changes ---------------------------------------------------


def _specific(page):
    return page.specific if type(page) is Page else page


def _published(sender, instance, **kwargs):
    run(Change(Kind.PUBLISHED, _specific(instance)))


def _unpublished(sender, instance, **kwargs):
    run(Change(Kind.UNPUBLISHED, _specific(instance)))


def _moved(sender, instance, **kwargs):
    run(Change(Kind.MOVED, _specific(instance)))


def _deleted(sender, instance, **kwargs):
    run(Change(Kind.DELETED, instance))


def _restricted(sender, instance, **kwargs):
    page = Page.objects.filter(pk=instance.page_id).first()
    if page is not None:
        run(Change(Kind.RESTRICTED, _specific(page)))


def connect():
    page_published.connect(_published, dispatch_uid="portal.publication.published", weak=False)
    page_unpublished.connect(_unpublished, dispatch_uid="portal.publication.unpublished", weak=False)
    post_page_move.connect(_moved, dispatch_uid="portal.publication.moved", weak=False)
    page_slug_changed.connect(_moved, dispatch_uid="portal.publication.slug", weak=False)
    # A page is deleted as its specific class. Connected per page type rather than for every sender:
    # a receiver for every model would stop Django from deleting any other rows in bulk.
    for model in get_page_models():
        if model is not Page:
            pre_delete.connect(_deleted, sender=model, dispatch_uid=f"portal.publication.deleted.{model._meta.label_lower}", weak=False)
    post_save.connect(_restricted, sender=PageViewRestriction, dispatch_uid="portal.publication.restricted", weak=False)
    post_delete.connect(_restricted, sender=PageViewRestriction, dispatch_uid="portal.publication.unrestricted", weak=False)
