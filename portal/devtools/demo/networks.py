"""The four networks of DESIGN.md with their people, livrables and chantiers, for `manage.py load_demo`.

Idempotent like the other demo loaders, so that `make run` can reload it on every start: people are
found by e-mail, memberships by (network, person, arrival date), pages by slug under their parent, and a
page gets a new revision only when what is stored differs from the data. The data lives next door:
network_texts (the pages), people_data and network_members (who, and when), network_livrables and
network_workstreams (the children).

New people and memberships are inserted in bulk: saving them one by one would resynchronise a network's
animator group after every row (practices.signals); it is done once per network instead. Linking the
demo `animateur` account to its person is left to portal.devtools.demo.accounts, which alone knows whether
demo accounts exist.
"""

from datetime import date, time

from django.db import transaction

from practices.animators import sync_network_group
from practices.models import (
    LivrableDocument,
    LivrablePage,
    Membership,
    NetworkFiche,
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

from .fiches import get_or_create_document
from .network_livrables import LIVRABLES
from .network_texts import NETWORKS
from .network_workstreams import WORKSTREAMS
from .people_data import PEOPLE, STRUCTURES, email_for

NETWORK_FIELDS = (
    "title",
    "intro",
    "scope",
    "start_year",
    "description",
    "objectives",
    "work_axes",
    "expected_productions",
    "animation",
    "secretariat",
    "meeting_rhythm",
    "tools",
    "governance",
    "contact_name",
    "contact_email",
)
LIVRABLE_FIELDS = ("title", "intro", "kind", "status", "description")
WORKSTREAM_FIELDS = ("title", "intro", "status", "stakes", "how_to_join")
SESSION_FIELDS = ("date", "start_time", "format", "place", "link", "topic")


def _date(value):
    return date.fromisoformat(value) if value else None


def publish_if_changed(parent, model, slug, desired, read, write):
    """The page `slug` under `parent`, created or given one new published revision only if it differs.

    `read(page)` returns the stored state in the shape of `desired`; `write(page, desired)` sets it.
    """
    page = model.objects.child_of(parent).filter(slug=slug).first()
    if page is None:
        page = model(slug=slug, live=False)
        write(page, desired)
        parent.add_child(instance=page)
    elif page.live and not page.has_unpublished_changes and read(page) == desired:
        return page
    else:
        write(page, desired)
    page.save_revision().publish()
    return model.objects.get(pk=page.pk)


# --- people ---------------------------------------------------------------------------------------


def load_people():
    """Create or refresh every demo person; returns {full name: Person}. Never touches `user`."""
    wanted = {}
    for first_name, last_name, structure, job_title in PEOPLE:
        name, service_type, department = STRUCTURES[structure]
        wanted[email_for(first_name, last_name)] = {
            "first_name": first_name,
            "last_name": last_name,
            "structure": name,
            "job_title": job_title,
            "service_type_id": service_type,
            "department_id": department,
        }
    stored = {person.email: person for person in Person.objects.filter(email__in=wanted)}
    Person.objects.bulk_create(
        [Person(email=email, **fields) for email, fields in wanted.items() if email not in stored]
    )
    for email, fields in wanted.items():
        person = stored.get(email)
        if person is not None and any(getattr(person, name) != value for name, value in fields.items()):
            for name, value in fields.items():
                setattr(person, name, value)
            person.save(update_fields=list(fields))
    by_email = {person.email: person for person in Person.objects.filter(email__in=wanted)}
    return {f"{first} {last}": by_email[email_for(first, last)] for first, last, _structure, _job in PEOPLE}


def load_memberships(network, rows, people):
    """Make the network's periods those of `rows`; periods not listed are left alone (history is kept)."""
    stored = {(m.person_id, m.joined_on): m for m in Membership.objects.filter(network=network)}
    new = []
    for name, role, joined, left, note in rows:
        person, joined_on, left_on = people[name], _date(joined), _date(left)
        membership = stored.get((person.pk, joined_on))
        if membership is None:
            new.append(
                Membership(network=network, person=person, role=role, joined_on=joined_on, left_on=left_on, note=note)
            )
        elif (membership.role, membership.left_on, membership.note) != (role, left_on, note):
            membership.role, membership.left_on, membership.note = role, left_on, note
            membership.save(update_fields=["role", "left_on", "note", "updated_at"])  # its signal resyncs the group
    if new:
        Membership.objects.bulk_create(new)
        sync_network_group(network)


# --- network pages --------------------------------------------------------------------------------


def network_state(spec, fiche_ids):
    return {
        "fields": {
            **{name: spec[name] for name in NETWORK_FIELDS},
            "region_id": spec["region"],
            "featured": spec.get("featured", True),  # the home page shows every featured network
        },
        "themes": set(Theme.objects.filter(slug__in=spec["themes"]).values_list("pk", flat=True)),
        "fiches": [fiche_ids[slug] for slug in spec["fiches"]],
    }


def read_network(page):
    return {
        "fields": {name: getattr(page, name) for name in (*NETWORK_FIELDS, "region_id", "featured")},
        "themes": {theme.pk for theme in page.themes.all()},
        "fiches": [link.fiche_id for link in page.linked_fiches.all()],
    }


def write_network(page, state):
    for name, value in state["fields"].items():
        setattr(page, name, value)
    page.themes = list(Theme.objects.filter(pk__in=state["themes"]))
    page.linked_fiches = [NetworkFiche(fiche_id=pk, sort_order=order) for order, pk in enumerate(state["fiches"])]


# --- livrables ------------------------------------------------------------------------------------


def livrable_state(number, spec):
    documents = [(get_or_create_document(document).pk, "") for document in spec.get("documents", [])]
    return {
        "fields": {
            **{name: spec[name] for name in LIVRABLE_FIELDS},
            "number": number,
            "due_date": _date(spec["due_date"]),
            "completion_date": _date(spec["completion_date"]),
        },
        "documents": documents,
    }


def read_livrable(page):
    return {
        "fields": {name: getattr(page, name) for name in (*LIVRABLE_FIELDS, "number", "due_date", "completion_date")},
        "documents": [(item.document_id, item.label) for item in page.documents.all()],
    }


def write_livrable(page, state):
    for name, value in state["fields"].items():
        setattr(page, name, value)
    page.documents = [
        LivrableDocument(document_id=pk, label=label, sort_order=order)
        for order, (pk, label) in enumerate(state["documents"])
    ]


# --- chantiers ------------------------------------------------------------------------------------


def workstream_state(spec, people):
    return {
        "fields": {name: spec[name] for name in WORKSTREAM_FIELDS},
        "referents": [(people[name].pk, mission) for name, mission in spec["referents"]],
        "sessions": [
            (_date(s["date"]), time.fromisoformat(s["start_time"]), s["format"], s["place"], s["link"], s["topic"])
            for s in spec["sessions"]
        ],
    }


def read_workstream(page):
    return {
        "fields": {name: getattr(page, name) for name in WORKSTREAM_FIELDS},
        "referents": [(item.person_id, item.mission) for item in page.referents.all()],
        "sessions": [tuple(getattr(item, name) for name in SESSION_FIELDS) for item in page.sessions.all()],
    }


def write_workstream(page, state):
    for name, value in state["fields"].items():
        setattr(page, name, value)
    page.referents = [
        WorkstreamReferent(person_id=pk, mission=mission, sort_order=order)
        for order, (pk, mission) in enumerate(state["referents"])
    ]
    page.sessions = [
        WorkstreamSession(sort_order=order, **dict(zip(SESSION_FIELDS, row, strict=True)))
        for order, row in enumerate(state["sessions"])
    ]


# --- everything -----------------------------------------------------------------------------------


def load_network(index, spec, people, fiche_ids):
    network = publish_if_changed(
        index, NetworkPage, spec["slug"], network_state(spec, fiche_ids), read_network, write_network
    )
    load_memberships(network, spec["members"], people)
    for number, livrable in enumerate(LIVRABLES.get(spec["slug"], []), start=1):
        publish_if_changed(
            network, LivrablePage, livrable["slug"], livrable_state(number, livrable), read_livrable, write_livrable
        )
    for workstream in WORKSTREAMS.get(spec["slug"], []):
        publish_if_changed(
            network,
            WorkstreamPage,
            workstream["slug"],
            workstream_state(workstream, people),
            read_workstream,
            write_workstream,
        )
    return network


@transaction.atomic
def load():
    """Create or refresh the four demo networks under /reseaux/; returns them in the order of NETWORKS.

    Needs the demo fiches (portal.devtools.demo.fiches) to be loaded first: the networks link to them.
    """
    index = NetworkIndexPage.objects.get(slug="reseaux")
    fiches_index = PracticeIndexPage.objects.get(slug="fiches")
    slugs = {slug for spec in NETWORKS for slug in spec["fiches"]}
    fiche_ids = dict(PracticeSheetPage.objects.child_of(fiches_index).filter(slug__in=slugs).values_list("slug", "pk"))
    people = load_people()
    return [load_network(index, spec, people, fiche_ids) for spec in NETWORKS]
