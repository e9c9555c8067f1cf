"""The synonyms and acronyms administrators edit (search.models.Synonym), as the query side reads them.

A group is read as its expressions normalised by search.french (stop words dropped, terms stemmed), so
that "Travail à distance" in the admin and "travail a distance" typed by a reader are the same sequence
of terms. The list is read once per version of the table (`VERSION_KEY`, replaced when an administrator
saves or deletes a group): a change applies to the next search, without reindexing.
"""

from django.db.models.signals import post_delete, post_save

from portal.cache import bump_version, cached_on_version

from . import french
from .models import Synonym

VERSION_KEY = "search:synonyms-version"


def groups(request=None):
    """[(terms of each expression, …)] for every group, each expression a tuple of terms."""

    def build():
        found = []
        for synonym in Synonym.objects.all():
            expressions = tuple(dict.fromkeys(tuple(french.terms(text)) for text in synonym.expression_list()))
            expressions = tuple(expression for expression in expressions if expression)
            if len(expressions) > 1:
                found.append(expressions)
        return found

    return cached_on_version(VERSION_KEY, request, "synonym-groups", build)


def _renew(**kwargs):
    bump_version(VERSION_KEY)


def connect():
    post_save.connect(_renew, sender=Synonym, dispatch_uid="search.synonyms.save")
    post_delete.connect(_renew, sender=Synonym, dispatch_uid="search.synonyms.delete")
