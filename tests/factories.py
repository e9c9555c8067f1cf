"""Small factories: just enough to build the objects a test needs, with readable defaults."""

import itertools

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

_counter = itertools.count(1)
PASSWORD = "mot-de-passe-de-test-1"


def make_user(*roles, username=None, password=PASSWORD, **fields):
    n = next(_counter)
    username = username or f"agent{n}"
    fields.setdefault("email", f"{username}@test.reseaux.localhost")
    fields.setdefault("first_name", "Agent")
    fields.setdefault("last_name", f"Numéro {n}")
    user = get_user_model().objects.create_user(username=username, password=password, **fields)
    if roles:
        user.groups.add(*Group.objects.filter(name__in=roles))
    return user


def fiche_index():
    from practices.models import PracticeIndexPage

    return PracticeIndexPage.objects.get()


def make_fiche(title=None, *, publish=True, themes=("management",), tags=(), actors=(), departments=(), **fields):
    """A complete fiche (unless fields blank some required part), published by default."""
    from practices.models import ActorCategory, Department, PracticeSheetPage, Theme

    n = next(_counter)
    fields.setdefault("slug", f"fiche-{n}")
    fields.setdefault("intro", "Un réseau de cadres pour partager leurs pratiques de management.")
    fields.setdefault("region_id", "53")
    fields.setdefault("service_type_id", "ddi")
    fields.setdefault("start_year", 2018)
    fields.setdefault("description", "<p>Des rencontres régulières entre cadres de plusieurs services.</p>")
    fields.setdefault("objectives", "<p>Rompre l'isolement des managers.</p>")
    page = PracticeSheetPage(title=title or f"Fiche numéro {n}", live=False, **fields)
    page.themes = list(Theme.objects.filter(slug__in=themes))
    page.actor_categories = list(ActorCategory.objects.filter(slug__in=actors))
    page.departments = list(Department.objects.filter(code__in=departments))
    if tags:
        page.tags.add(*tags)
    fiche_index().add_child(instance=page)
    revision = page.save_revision()
    if publish:
        revision.publish()
        page.refresh_from_db()
    return page
