"""Small factories: just enough to build the objects a test needs, with readable defaults.

Accounts and fiches; networks, people, memberships, livrables, chantiers and sélections. Pages are
added under the index pages the migrations create and published through a revision, as an editor
would (pass publish=False for a draft).
"""

import itertools
from datetime import date

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from practices.models import (
    ActorCategory,
    CollectionIndexPage,
    CollectionItem,
    CuratedCollectionPage,
    Department,
    LivrablePage,
    Membership,
    NetworkIndexPage,
    NetworkPage,
    Person,
    PracticeIndexPage,
    PracticeSheetPage,
    Theme,
    WorkstreamPage,
    WorkstreamReferent,
    WorkstreamSession,
)

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


# --- the index pages the migrations create ---------------------------------------------------------


def fiche_index():
    return PracticeIndexPage.objects.get()


def network_index():
    return NetworkIndexPage.objects.get()


def collection_index():
    return CollectionIndexPage.objects.get()


def _publish(page, publish):
    revision = page.save_revision()
    if publish:
        revision.publish()
        page.refresh_from_db()
    return page


# --- fiches ----------------------------------------------------------------------------------------


def make_fiche(title=None, *, publish=True, themes=("management",), tags=(), actors=(), departments=(), **fields):
    """A complete fiche (unless fields blank some required part), published by default."""
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
    return _publish(page, publish)


# --- networks and what hangs below them ------------------------------------------------------------


def make_network(title=None, *, publish=True, themes=("management",), **fields):
    n = next(_counter)
    fields.setdefault("slug", f"reseau-{n}")
    fields.setdefault("intro", "Un réseau de cadres qui partagent leurs pratiques de management.")
    fields.setdefault("region_id", "53")
    fields.setdefault("start_year", 2017)
    fields.setdefault("scope", "regional")
    page = NetworkPage(title=title or f"Réseau numéro {n}", live=False, **fields)
    page.themes = list(Theme.objects.filter(slug__in=themes))
    network_index().add_child(instance=page)
    return _publish(page, publish)


def make_person(first_name="Camille", last_name=None, *, user=None, **fields):
    n = next(_counter)
    last_name = last_name or f"Durand{n}"
    fields.setdefault("email", f"{first_name}.{last_name}.{n}@test.reseaux.localhost".lower())
    fields.setdefault("structure", "DDTM des Côtes-d'Armor")
    fields.setdefault("service_type_id", "ddi")
    return Person.objects.create(first_name=first_name, last_name=last_name, user=user, **fields)


def make_membership(network, person=None, *, role="membre", joined_on=date(2018, 1, 15), left_on=None, **fields):
    person = person or make_person()
    return Membership.objects.create(network=network, person=person, role=role, joined_on=joined_on, left_on=left_on, **fields)


def make_animator(network, user):
    """Make `user` an animator of `network` (a person linked to the account, an open membership)."""
    person = Person.objects.filter(user=user).first() or make_person(user.first_name or "Anne", user.last_name or None, user=user)
    return make_membership(network, person, role="animateur", joined_on=date(2019, 9, 1))


def make_livrable(parent, title=None, *, publish=True, **fields):
    n = next(_counter)
    fields.setdefault("slug", f"livrable-{n}")
    fields.setdefault("kind", "note-cadrage")
    fields.setdefault("status", "prevu")
    page = LivrablePage(title=title or f"Livrable {n}", live=False, **fields)
    parent.add_child(instance=page)
    return _publish(page, publish)


def make_workstream(network, title=None, *, publish=True, sessions=(), referents=(), **fields):
    n = next(_counter)
    fields.setdefault("slug", f"chantier-{n}")
    fields.setdefault("stakes", "<p>Outiller les jeunes managers.</p>")
    page = WorkstreamPage(title=title or f"Chantier {n}", live=False, **fields)
    page.sessions = [WorkstreamSession(**session) for session in sessions]
    page.referents = [WorkstreamReferent(person=person) for person in referents]
    network.add_child(instance=page)
    return _publish(page, publish)


def make_collection(fiches, title=None, *, publish=True, commentary="À lire en premier.", **fields):
    n = next(_counter)
    fields.setdefault("slug", f"selection-{n}")
    fields.setdefault("intro", "Des fiches pour se lancer.")
    page = CuratedCollectionPage(title=title or f"Sélection {n}", live=False, **fields)
    # the curator's order, as the admin's inline panel writes it (without it, rows come in whatever
    # order the database keeps them: on PostgreSQL, an updated row moves to the end)
    page.items = [CollectionItem(fiche=fiche, commentary=commentary, sort_order=order) for order, fiche in enumerate(fiches)]
    collection_index().add_child(instance=page)
    return _publish(page, publish)


# --- one of each front-office page type ------------------------------------------------------------


def make_front_office(reader_username="claire"):
    """One page of every type a reader visits, with enough in each to draw its components (facets, map,
    tables, livrables, sessions, a restricted fiche for the 403): for the browser tests that walk the whole
    front office once (tests/browser/test_console.py, test_accessibility.py). Returns the pages and the reader."""
    from types import SimpleNamespace

    from django.contrib.auth.models import Group
    from wagtail.models import PageViewRestriction

    from portal import roles

    reader = make_user(roles.READERS, username=reader_username, first_name="Claire", last_name="Martin")
    fiches = [
        make_fiche("Un réseau de managers en Bretagne", themes=("management", "cooperation"), actors=("agents-etat",)),
        make_fiche("Accompagner les managers d'une DREAL", region_id="76", service_type_id="service-regional-etat", start_year=2018),
        make_fiche("Manager par la coopération dans un pôle territorial", region_id="76", service_type_id="intercommunalite"),
    ]
    network = make_network("Réseau breton des pratiques managériales")
    for structure, service_type in (("Préfecture du Finistère", "prefecture"), ("DDTM des Côtes-d'Armor", "ddi")):
        make_membership(network, make_person(structure=structure, service_type_id=service_type))
    livrable = make_livrable(network, "Création du réseau et charte", status="realise")
    workstream = make_workstream(
        network,
        "Jeunes managers",
        sessions=[{"date": date(2026, 3, 12), "topic": "Premier atelier", "place": "Rennes"}],
        referents=[make_person("Gwenola", "Le Goff")],
    )
    collection = make_collection(fiches[:2], "Pour démarrer un réseau de managers")
    restricted = make_fiche("Fiche réservée aux modérateurs")
    restriction = PageViewRestriction.objects.create(page=restricted, restriction_type=PageViewRestriction.GROUPS)
    restriction.groups.add(Group.objects.get(name=roles.MODERATORS))
    return SimpleNamespace(
        reader=reader, fiches=fiches, network=network, livrable=livrable, workstream=workstream,
        collection=collection, restricted=restricted,
    )
