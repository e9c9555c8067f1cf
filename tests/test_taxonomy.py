"""The taxonomy: INSEE reference lists keyed by code, service types, actor categories, editable themes."""

import pytest
from django.urls import reverse

from portal import roles
from practices.models import ActorCategory, Department, Region, ServiceType, Theme

pytestmark = pytest.mark.django_db


def test_regions_are_the_18_of_the_cog_plus_national():
    codes = set(Region.objects.values_list("code", flat=True))
    assert codes == {"01", "02", "03", "04", "06", "11", "24", "27", "28", "32", "44", "52", "53", "75", "76", "84", "93", "94", "NAT"}
    assert Region.objects.get(code="53").name == "Bretagne"
    assert Region.objects.get(code="76").name == "Occitanie"
    assert Region.objects.get(code="94").name == "Corse"
    assert list(Region.objects.values_list("code", flat=True))[-1] == "NAT"  # national listed last


def test_departments_carry_their_region():
    assert Department.objects.count() == 101
    assert Department.objects.get(code="2A").region_id == "94"
    assert Department.objects.get(code="2B").region_id == "94"
    assert Department.objects.get(code="22").name == "Côtes-d'Armor"
    assert Department.objects.get(code="81").region_id == "76"
    assert Department.objects.get(code="976").region_id == "06"
    assert Department.objects.filter(region_id="53").count() == 4
    assert Department.objects.filter(region_id="76").count() == 13
    assert not Department.objects.filter(region_id="NAT").exists()


def test_service_types_and_actor_categories():
    assert list(ServiceType.objects.values_list("name", flat=True)) == [
        "Administration centrale",
        "Préfecture",
        "Service régional de l'État",
        "Direction départementale interministérielle",
        "Opérateur de l'État",
        "Région",
        "Département",
        "Intercommunalité",
        "Commune",
        "Autre",
    ]
    assert ActorCategory.objects.count() == 4


def test_themes_are_seeded_and_slugged():
    assert Theme.objects.count() == 11
    theme = Theme.objects.create(name="Relation à l'usager")
    assert theme.slug == "relation-a-lusager"


def test_contributors_extend_themes_in_the_admin(client, contributor):
    client.force_login(contributor)
    url = reverse("wagtailsnippets_practices_theme:add")
    response = client.post(url, {"name": "Achats responsables", "slug": "", "description": "Commande publique durable."})
    assert response.status_code == 302
    assert Theme.objects.filter(slug="achats-responsables").exists()


def test_reference_lists_are_readable_but_not_editable(client, administrator):
    client.force_login(administrator)
    assert client.get(reverse("wagtailsnippets_practices_region:list")).status_code == 200
    inspect = client.get(reverse("wagtailsnippets_practices_department:inspect", args=("2A",)))
    assert inspect.status_code == 200 and "Corse-du-Sud" in inspect.content.decode()
    assert client.get(reverse("wagtailsnippets_practices_region:add")).status_code in (302, 403)
    response = client.post(reverse("wagtailsnippets_practices_region:edit", args=("53",)), {"name": "Armorique", "code": "53"})
    assert response.status_code in (302, 403)
    assert Region.objects.get(code="53").name == "Bretagne"


def test_readers_see_no_taxonomy_admin(client, reader):
    client.force_login(reader)
    assert client.get(reverse("wagtailsnippets_practices_theme:list")).status_code == 403


def test_contributor_group_can_view_reference_lists(contributor):
    assert contributor.has_perm("practices.view_region")
    assert not contributor.has_perm("practices.change_region")
    assert roles.CONTRIBUTORS in contributor.groups.values_list("name", flat=True)
