"""A free address for a new page among its siblings: the slug asked for, or the next one with -2, -3…"""

from wagtail.models import Page


def free_slug(parent, slug):
    """`slug`, or `slug-2`, `slug-3`… the first that no child of `parent` has (one query)."""
    taken = set(Page.objects.child_of(parent).filter(slug__startswith=slug).values_list("slug", flat=True))
    candidate, n = slug, 2
    while candidate in taken:
        candidate, n = f"{slug}-{n}", n + 1
    return candidate
