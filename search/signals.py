"""Keep the facet table and the search index in step with publication.

Wagtail indexes a page on post_save, before modelcluster has saved its tags and many-to-many values:
the index would be one publication behind. Re-indexing on page_published (which fires once everything
is saved) makes a theme or tag changed at publication searchable at once.
"""

from django.db.models.signals import post_delete, post_save
from wagtail.search import index
from wagtail.signals import page_published, page_unpublished

from . import facets, suggest


def on_page_published(sender, instance, **kwargs):
    if getattr(instance, "search_type", None):
        facets.sync_page(instance)
        index.insert_or_update_object(instance)
        suggest.sync_page(instance)
        # Livrables and chantiers are found by their parent's region and themes (FromParentFacets).
        for child in instance.get_children().live().specific():
            if hasattr(child, "facet_parent"):
                facets.sync_page(child)
                index.insert_or_update_object(child)


def on_page_unpublished(sender, instance, **kwargs):
    facets.remove_page(instance)
    suggest.remove_page(instance)


def connect():
    from practices.models import ActorCategory, Region, ServiceType, Theme

    page_published.connect(on_page_published, dispatch_uid="search.page_published")
    page_unpublished.connect(on_page_unpublished, dispatch_uid="search.page_unpublished")
    for model in (Region, ServiceType, ActorCategory, Theme):
        post_save.connect(facets.clear_choices_cache, sender=model, dispatch_uid=f"search.choices.save.{model.__name__}")
        post_delete.connect(facets.clear_choices_cache, sender=model, dispatch_uid=f"search.choices.delete.{model.__name__}")
