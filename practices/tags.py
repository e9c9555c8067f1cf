"""Free tags are case-insensitive, accents included, on every database.

TAGGIT_CASE_INSENSITIVE makes taggit look tags up with `name__iexact`, which SQLite answers with LIKE:
case-insensitive for ASCII letters only. "Égalité" and "égalité" would then become two tags (slugs
`égalité` and `égalité_1`), and the listing's tag filter would split the fiches between them. So names
are compared here in Python, with str.casefold, before they reach taggit: one name per spelling, and an
existing tag's own spelling where there is one (found by its slug, which is already lower case).
"""

from taggit.models import Tag


def canonical_names(names):
    """`names` with case variants merged and existing tags' spellings kept, in the order given."""
    names = [name.strip() for name in names if name and name.strip()]
    if not names:
        return []
    existing = {}
    slugs = {Tag().slugify(name) for name in names}
    for name in Tag.objects.filter(slug__in=slugs).order_by("pk").values_list("name", flat=True):
        existing.setdefault(name.casefold(), name)
    result, seen = [], set()
    for name in names:
        key = name.casefold()
        if key not in seen:
            seen.add(key)
            result.append(existing.get(key, name))
    return result
