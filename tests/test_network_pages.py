"""Networks and what hangs below them: tree rules, Wagtail's page checks, and what the network page shows whom."""

import copy
import tempfile
from contextlib import nullcontext
from datetime import date, timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.template import TemplateDoesNotExist
from django.template.loader import get_template
from django.test import override_settings
from django.utils import timezone
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from home.models import HomePage
from practices.models import (
    CollectionIndexPage,
    CuratedCollectionPage,
    LivrablePage,
    NetworkIndexPage,
    NetworkPage,
    PracticeIndexPage,
    PracticeSheetPage,
    Theme,
    WorkstreamPage,
)

from .factories import (
    collection_index,
    make_animator,
    make_collection,
    make_fiche,
    make_livrable,
    make_membership,
    make_network,
    make_person,
    make_user,
    make_workstream,
    network_index,
)

pytestmark = pytest.mark.django_db

# Written by someone else: the network page includes them, these tests never look at what they say.
OTHER_INCLUDES = ("practices/includes/join_request.html", "practices/includes/animator_tools.html")
_stub_dir = None


def include_fallbacks():
    """Settings under which the network page renders even if its two borrowed includes are missing.

    Empty stand-ins, used only for a file that does not exist, placed after the project's own template
    folder: the tests never depend on what the real includes say.
    """
    global _stub_dir
    missing = [name for name in OTHER_INCLUDES if not _template_exists(name)]
    if not missing:
        return nullcontext()
    if _stub_dir is None:
        _stub_dir = Path(tempfile.mkdtemp(prefix="reseaux-test-includes-"))
        for name in OTHER_INCLUDES:
            (_stub_dir / name).parent.mkdir(parents=True, exist_ok=True)
            (_stub_dir / name).write_text("")
    templates = copy.deepcopy(settings.TEMPLATES)
    templates[0]["DIRS"] = [*templates[0]["DIRS"], str(_stub_dir)]
    return override_settings(TEMPLATES=templates)


def _template_exists(name):
    try:
        get_template(name)
    except TemplateDoesNotExist:
        return False
    return True


@pytest.fixture(autouse=True)
def _other_includes():
    with include_fallbacks():
        yield


def themes_field(data, *slugs):
    """nested_form_data flattens lists into themes-0, themes-1…: put the many-to-many back as a list."""
    data["themes"] = [str(pk) for pk in Theme.objects.filter(slug__in=slugs).values_list("pk", flat=True)]
    return data


def network_form(slug, fiche):
    data = nested_form_data(
        {
            "title": "Réseau régional des managers",
            "slug": slug,
            "intro": "Quarante cadres de l'État en Bretagne.",
            "scope": "regional",
            "region": "53",
            "start_year": "2017",
            "description": rich_text("<p>Un réseau pour partager les pratiques de management.</p>"),
            "objectives": rich_text("<p>Rompre l'isolement.</p>"),
            "work_axes": rich_text(""),
            "expected_productions": rich_text(""),
            "animation": "DDTM des Côtes-d'Armor",
            "secretariat": "",
            "meeting_rhythm": "Une rencontre par trimestre",
            "tools": "Espace collaboratif",
            "governance": rich_text("<p>Un comité de pilotage annuel.</p>"),
            "contact_name": "Anne Le Bihan",
            "contact_email": "contact@reseau.localhost",
            "linked_fiches": inline_formset([{"fiche": str(fiche.pk)}]),
        }
    )
    return themes_field(data, "management")


def livrable_form(slug, number):
    return nested_form_data(
        {
            "title": "Journée de coaching",
            "slug": slug,
            "intro": "",
            "number": str(number),
            "kind": "evenement",
            "status": "realise",
            "due_date": "01/06/2019",
            "completion_date": "14/06/2019",
            "description": rich_text("<p>Une journée pour trente cadres.</p>"),
            "documents": inline_formset([]),
        }
    )


def workstream_form(slug, person):
    return nested_form_data(
        {
            "title": "Jeunes managers",
            "slug": slug,
            "intro": "",
            "status": "actif",
            "stakes": rich_text("<p>Outiller les managers qui prennent leur premier poste.</p>"),
            "referents": inline_formset([{"person": str(person.pk), "mission": "Animer les groupes de pairs"}]),
            "sessions": inline_formset(
                [
                    {"date": "12/03/2030", "start_time": "14:00", "format": "visio", "place": "", "link": "https://visio.localhost/jm", "topic": "Lancement"},
                    {"date": "02/04/2030", "start_time": "", "format": "presentiel", "place": "Rennes", "link": "", "topic": ""},
                ]
            ),
            "how_to_join": rich_text("<p>Écrire aux référents.</p>"),
        }
    )


def collection_form(slug, fiche):
    return nested_form_data(
        {
            "title": "Pour se lancer",
            "slug": slug,
            "intro": "Trois fiches pour commencer.",
            "theme": str(Theme.objects.get(slug="management").pk),
            "curator": "",
            "cover_image": "",
            "featured": "on",
            "items": inline_formset([{"fiche": str(fiche.pk), "commentary": "La plus complète."}]),
        }
    )


class NetworkPageTypesTest(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.networks = network_index()
        cls.collections = collection_index()
        cls.fiche = make_fiche("Réseau breton des managers")
        cls.network = make_network("Réseau régional des managers")
        cls.referent = make_person("Yann", "Kerouac")
        make_membership(cls.network, cls.referent, role="referent")
        cls.livrable = make_livrable(cls.network, "Création du réseau", status="realise", completion_date=date(2018, 3, 1))
        cls.fiche_livrable = make_livrable(cls.fiche, "Note de cadrage")
        cls.workstream = make_workstream(
            cls.network,
            "Jeunes managers",
            referents=[cls.referent],
            sessions=[{"date": date(2030, 3, 12), "format": "visio", "link": "https://visio.localhost/jm"}],
        )
        cls.collection = make_collection([cls.fiche], "Pour se lancer")
        cls.reader = make_user("Lecteurs")
        cls.admin_user = make_user("Administrateurs")

    def test_tree_rules(self):
        self.assertAllowedParentPageTypes(NetworkIndexPage, {HomePage})
        self.assertAllowedSubpageTypes(NetworkIndexPage, {NetworkPage})
        self.assertFalse(NetworkIndexPage.can_create_at(self.networks.get_parent()))  # one list, made by a migration
        self.assertAllowedParentPageTypes(NetworkPage, {NetworkIndexPage})
        self.assertAllowedSubpageTypes(NetworkPage, {LivrablePage, WorkstreamPage})
        self.assertCanCreateAt(NetworkIndexPage, NetworkPage)
        self.assertCanNotCreateAt(HomePage, NetworkPage)
        self.assertCanNotCreateAt(PracticeIndexPage, NetworkPage)
        self.assertAllowedParentPageTypes(LivrablePage, {NetworkPage, PracticeSheetPage})
        self.assertAllowedSubpageTypes(LivrablePage, set())
        self.assertCanCreateAt(NetworkPage, LivrablePage)
        self.assertCanCreateAt(PracticeSheetPage, LivrablePage)
        self.assertCanNotCreateAt(NetworkIndexPage, LivrablePage)
        self.assertAllowedParentPageTypes(WorkstreamPage, {NetworkPage})
        self.assertAllowedSubpageTypes(WorkstreamPage, set())
        self.assertCanCreateAt(NetworkPage, WorkstreamPage)
        self.assertCanNotCreateAt(PracticeSheetPage, WorkstreamPage)
        self.assertAllowedParentPageTypes(CollectionIndexPage, {HomePage})
        self.assertAllowedSubpageTypes(CollectionIndexPage, {CuratedCollectionPage})
        self.assertFalse(CollectionIndexPage.can_create_at(self.collections.get_parent()))
        self.assertAllowedParentPageTypes(CuratedCollectionPage, {CollectionIndexPage})
        self.assertAllowedSubpageTypes(CuratedCollectionPage, set())
        self.assertCanCreateAt(CollectionIndexPage, CuratedCollectionPage)
        self.assertCanNotCreateAt(NetworkIndexPage, CuratedCollectionPage)
        self.assertEqual((self.networks.url, self.collections.url), ("/reseaux/", "/selections/"))

    def check_page(self, page, post_data=None):
        """Routable, renderable by a reader, editable and previewable; the preview also proves post_data valid."""
        self.assertPageIsRoutable(page)
        self.assertPageIsRenderable(page, user=self.reader)
        self.assertPageIsEditable(page, user=self.admin_user, post_data=post_data)
        self.assertPageIsPreviewable(page, user=self.admin_user, post_data=post_data)

    def test_index_pages(self):
        self.check_page(self.networks)
        self.check_page(self.collections)

    def test_network_page(self):
        self.check_page(self.network, network_form(self.network.slug, self.fiche))

    def test_livrable_pages(self):
        self.check_page(self.livrable, livrable_form(self.livrable.slug, self.livrable.number))
        self.check_page(self.fiche_livrable, livrable_form(self.fiche_livrable.slug, self.fiche_livrable.number))

    def test_workstream_page(self):
        self.check_page(self.workstream, workstream_form(self.workstream.slug, self.referent))

    def test_collection_page(self):
        self.check_page(self.collection, collection_form(self.collection.slug, self.fiche))

    def test_edits_are_saved(self):
        """assertPageIsEditable does not look at the outcome: check that the network form was accepted."""
        self.client.force_login(self.admin_user)
        response = self.client.post(f"/admin/pages/{self.network.pk}/edit/", network_form(self.network.slug, self.fiche))
        self.assertEqual(response.status_code, 302)
        self.network.refresh_from_db()
        draft = self.network.get_latest_revision_as_object()
        self.assertEqual(draft.contact_name, "Anne Le Bihan")
        self.assertEqual([link.fiche_id for link in draft.linked_fiches.all()], [self.fiche.pk])


# --- what the network page shows --------------------------------------------------------------


@pytest.fixture
def network():
    return make_network(
        "Réseau des managers de Bretagne",
        description="<p>Un réseau pour partager les pratiques.</p>",
        objectives="<p>Rompre l'isolement des cadres.</p>",
        animation="DDTM des Côtes-d'Armor avec la plateforme RH régionale",
        meeting_rhythm="Une rencontre par trimestre",
        governance="<p>Le directeur de la DDTM est garant du réseau.</p>",
        contact_name="Anne Le Bihan",
        contact_email="reseau@ddtm.localhost",
    )


def test_members_grouped_by_role_with_counts_by_service_type(reader_client, network):
    make_membership(network, make_person("Anne", "Le Bihan", job_title="Cheffe de service", service_type_id="ddi"), role="animateur")
    make_membership(network, make_person("Paul", "Garant", structure="Préfecture du Finistère", service_type_id="prefecture"), role="garant")
    for name in ("Abgrall", "Bihan", "Corre"):
        make_membership(network, make_person("Cadre", name, service_type_id="ddi"))
    make_membership(network, make_person("Parti", "Ancien"), joined_on=date(2018, 1, 1), left_on=date(2021, 6, 30))
    html = reader_client.get(network.url).content.decode()

    order = [html.index(heading) for heading in ("Animateur·rice <span", "Garant·e <span", "Membres <span")]
    assert order == sorted(order)
    assert "Cheffe de service" in html and "Préfecture du Finistère" in html
    assert "<strong>5</strong> membres actuels" in html
    assert "<caption>Membres actuels par type de structure</caption>" in html
    assert '<th scope="row">Direction départementale interministérielle</th><td>4</td>' in html
    assert "Parti Ancien" not in html  # former members are history, not members
    assert "Garant·e du réseau" in html and "Paul Garant" in html  # "Pilotage" names the garant·e
    assert "Une rencontre par trimestre" in html and "reseau@ddtm.localhost" in html


def test_readers_see_neither_movements_nor_member_addresses(reader_client, network):
    person = make_person("Camille", "Martin", email="camille.martin@ddtm.localhost")
    make_membership(network, person)
    html = reader_client.get(network.url).content.decode()
    assert "Camille Martin" in html
    assert "camille.martin@ddtm.localhost" not in html
    assert "Arrivées et départs" not in html


def test_animators_see_movements_and_member_addresses(client, animator, network):
    make_animator(network, animator)
    make_membership(network, make_person("Camille", "Martin", email="camille.martin@ddtm.localhost"), joined_on=date(2019, 3, 1))
    make_membership(network, make_person("Parti", "Ancien"), joined_on=date(2018, 1, 1), left_on=date(2021, 6, 30))
    client.force_login(animator)
    html = client.get(network.url).content.decode()
    assert "Arrivées et départs" in html
    assert "<caption>Arrivées et départs par année</caption>" in html
    assert '<tr><th scope="row">2021</th><td>0</td><td>1</td><td>2</td></tr>' in html
    assert "camille.martin@ddtm.localhost" in html
    assert "Parti Ancien" in html  # in the recent movements, as a departure
    assert "Départ" in html


def test_livrables_and_chantiers_on_the_network_page(reader_client, network):
    make_livrable(network, "Site collaboratif", number=2, status="en-cours")
    make_livrable(network, "Création du réseau", number=1, status="realise", completion_date=date(2018, 3, 1))
    make_livrable(network, "Brouillon", number=3, publish=False)
    make_workstream(network, "Jeunes managers", sessions=[{"date": timezone.localdate() + timedelta(days=30), "format": "visio", "link": "https://visio.localhost/x"}])
    html = reader_client.get(network.url).content.decode()
    assert html.index("Création du réseau") < html.index("Site collaboratif")
    assert "Brouillon" not in html
    assert "1 / 2 réalisés" in html
    assert 'class="fr-badge fr-badge--sm fr-badge--success">Réalisé<' in html
    assert "Jeunes managers" in html and "Prochaine séance" in html
    assert "https://visio.localhost/x" not in html  # the link is on the chantier's page only


def test_linked_fiches_are_cards_when_published(reader_client):
    live, draft = make_fiche("Fiche publiée"), make_fiche("Fiche en brouillon", publish=False)
    network = make_network()
    network.linked_fiches.create(fiche=live)
    network.linked_fiches.create(fiche=draft)
    network.save_revision().publish()
    html = reader_client.get(network.url).content.decode()
    assert "Fiches du réseau" in html and "Fiche publiée" in html
    assert "Fiche en brouillon" not in html


def _grow(network, count, start):
    for n in range(start, start + count):
        make_membership(network, make_person("Membre", f"Numéro{n}", service_type_id=("ddi", "prefecture")[n % 2]))


@pytest.mark.parametrize("as_animator", [False, True], ids=["reader", "animator"])
def test_network_page_queries_do_not_grow_with_members(client, animator, reader, network, as_animator, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    user = animator if as_animator else reader
    if as_animator:
        make_animator(network, animator)
    client.force_login(user)
    make_livrable(network, "Création du réseau", status="realise")
    make_workstream(network, "Jeunes managers", sessions=[{"date": date(2030, 3, 12), "format": "presentiel", "place": "Rennes"}])
    network.linked_fiches.create(fiche=make_fiche())
    network.save_revision().publish()
    client.get(network.url)  # warm the caches the first request fills (the reader's rights…)
    _grow(network, 5, 0)  # memberships replace the content version (portal.cache), as the growth below does
    with CaptureQueriesContext(connection) as few:
        assert client.get(network.url).status_code == 200
    _grow(network, 35, 5)
    with django_assert_max_num_queries(len(few.captured_queries)):
        html = client.get(network.url).content.decode()
    assert f"<strong>{40 + as_animator}</strong> membres actuels" in html
    # measured: 27 for a reader, 35 for an animator (arrivals and departures, the animators' shortcuts)
    assert len(few.captured_queries) <= 40, [q["sql"] for q in few.captured_queries]


def test_a_referent_must_be_a_member_of_the_network(client, administrator):
    from django.urls import reverse

    network = make_network()
    outsider = make_person("Hors", "Réseau")
    client.force_login(administrator)
    url = reverse("wagtailadmin_pages:add", args=("practices", "workstreampage", network.pk))
    data = {**workstream_form("jeunes-managers", outsider), "action-publish": "1"}
    response = client.post(url, data)
    assert response.status_code == 200
    assert "Hors Réseau n&#x27;est pas membre du réseau" in response.content.decode()
    assert not WorkstreamPage.objects.filter(slug="jeunes-managers").exists()


def test_the_chantier_page(reader_client):
    network = make_network("Réseau des managers de Bretagne")
    referent = make_person("Yann", "Kerouac", structure="DREAL Bretagne")
    make_membership(network, referent, role="referent")
    workstream = make_workstream(
        network,
        "Jeunes managers",
        referents=[referent],
        sessions=[
            {"date": date(2030, 3, 12), "start_time": "14:00", "format": "visio", "link": "https://visio.localhost/jm", "topic": "Lancement"},
            {"date": date(2030, 4, 2), "format": "presentiel", "place": "Préfecture de Rennes", "link": "https://ne-pas-montrer.localhost"},
            {"date": date(2020, 1, 7), "format": "presentiel", "place": "Saint-Brieuc", "topic": "Bilan"},
        ],
        how_to_join="<p>Écrire aux référents.</p>",
    )
    html = reader_client.get(workstream.url).content.decode()
    assert "mardi 12 mars 2030 à 14 h 00" in html
    assert 'href="https://visio.localhost/jm"' in html  # a visio's link
    assert "Préfecture de Rennes" in html and "ne-pas-montrer" not in html  # on site: the place, never a link
    assert html.index("Prochaines séances") < html.index("mardi 12 mars 2030") < html.index("Séances passées") < html.index("7 janvier 2020")
    assert "Yann Kerouac" in html and "DREAL Bretagne" in html
    assert "Comment participer" in html
    assert f'href="{network.url}#chantiers"' in html
