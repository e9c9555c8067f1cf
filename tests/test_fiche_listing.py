"""/fiches/: live fiches filtered by region, theme, service type, year, actor and tag, through the search service."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page

from .factories import make_fiche

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def corpus_ids(built_once):
    """Three live fiches and a draft, built once for the module: every test of it works on them."""
    with built_once():
        corpus = {
            "bzh": make_fiche("Réseau breton", region_id="53", themes=("management", "cooperation"), actors=("agents-etat",), tags=["coaching"], start_year=2017, end_year=2018),
            "occ": make_fiche("Programme occitan", region_id="76", service_type_id="service-regional-etat", themes=("management",), start_year=2018),
            "tarn": make_fiche("Pôle du Tarn", region_id="76", service_type_id="intercommunalite", themes=("cooperation",), actors=("elus",), tags=["groupes de pairs"], start_year=2021),
            "draft": make_fiche("Brouillon", publish=False, region_id="76"),
        }
        yield {name: page.pk for name, page in corpus.items()}


@pytest.fixture
def corpus(corpus_ids):
    """The corpus as fresh instances for each test."""
    return {name: Page.objects.get(pk=pk).specific for name, pk in corpus_ids.items()}


def titles(response):
    """The titles of the result cards the page shows, in their order."""
    return [card.data["title"] for card in response.context["results"].object_list]


def facet_counts(response, param):
    """{value: count} of the checkboxes of one facet of the page."""
    facet = next((facet for facet in response.context["facets"] if facet.param == param), None)
    return {value.value: value.count for value in facet.values} if facet else {}


def test_lists_live_fiches_most_recent_first(reader_client, corpus):
    response = reader_client.get("/fiches/")
    assert response.status_code == 200
    assert titles(response) == ["Pôle du Tarn", "Programme occitan", "Réseau breton"]


@pytest.mark.parametrize(
    "query, expected",
    [
        ("region=76", {"Programme occitan", "Pôle du Tarn"}),
        ("region=53&region=76", {"Réseau breton", "Programme occitan", "Pôle du Tarn"}),
        ("theme=cooperation", {"Réseau breton", "Pôle du Tarn"}),
        ("theme=cooperation&region=76", {"Pôle du Tarn"}),
        ("service=intercommunalite", {"Pôle du Tarn"}),
        ("annee=2018", {"Réseau breton", "Programme occitan"}),  # the years a practice ran
        ("annee=2017", {"Réseau breton"}),
        ("annee=2019", {"Programme occitan"}),  # still running, the Breton network ended in 2018
        ("acteur=elus", {"Pôle du Tarn"}),
        ("tag=coaching", {"Réseau breton"}),
        ("theme=management&theme=cooperation", {"Réseau breton", "Programme occitan", "Pôle du Tarn"}),
        ("region=53&service=intercommunalite", set()),
    ],
)
def test_filters(reader_client, corpus, query, expected):
    response = reader_client.get(f"/fiches/?{query}")
    assert response.status_code == 200
    assert set(titles(response)) == expected


def test_facet_counts_ignore_their_own_filter_but_apply_the_others(reader_client, corpus):
    response = reader_client.get("/fiches/?region=76&theme=cooperation")
    # region counts apply the theme filter only: one cooperation fiche in each region
    assert facet_counts(response, "region") == {"bretagne": 1, "occitanie": 1}  # links carry the slug
    # theme counts apply the region filter only: in Occitanie, 1 management and 1 cooperation
    assert facet_counts(response, "theme") == {"management": 1, "cooperation": 1}
    # other facets apply both filters
    assert facet_counts(response, "service") == {"intercommunalite": 1}


@pytest.mark.parametrize("path", ["/fiches/", "/recherche/"])
def test_with_words_the_counts_apply_the_other_filters_to_the_matches(reader_client, corpus, path):
    """The filters are applied inside the matches' subquery (search.fulltext.Matches.within)."""
    response = reader_client.get(f"{path}?q=cadres&region=76&theme=cooperation")  # every fiche's chapô
    assert facet_counts(response, "region") == {"bretagne": 1, "occitanie": 1}
    assert facet_counts(response, "theme") == {"management": 1, "cooperation": 1}
    assert facet_counts(response, "service") == {"intercommunalite": 1}
    response = reader_client.get(f"{path}?q=tarn&region=76")  # one title
    assert facet_counts(response, "theme") == {"cooperation": 1}
    assert facet_counts(response, "region") == {"occitanie": 1}


def test_zero_count_values_are_hidden_unless_selected(reader_client, corpus):
    response = reader_client.get("/fiches/")
    regions = facet_counts(response, "region")
    assert set(regions) == {"bretagne", "occitanie"}  # no empty Corse, Normandie…
    response = reader_client.get("/fiches/?region=94")
    assert facet_counts(response, "region")["corse"] == 0  # selected, so shown even at zero


def test_the_json_lists_every_facet_even_without_values(reader_client, corpus):
    data = reader_client.get("/fiches/?format=json&q=introuvablexyz").json()
    assert data["total"] == 0
    assert set(data["facets"]) == {"region", "theme", "service", "annee", "acteur", "tag"}
    assert all(values == [] for values in data["facets"].values())


def test_tag_links_from_a_fiche_lead_to_the_filtered_listing(reader_client, corpus):
    page = reader_client.get(corpus["bzh"].url).content.decode()
    assert 'href="/fiches/?tag=coaching"' in page
    assert titles(reader_client.get("/fiches/?tag=coaching")) == ["Réseau breton"]


def test_pagination_keeps_the_filters(reader_client, corpus):
    for n in range(23):
        make_fiche(f"Fiche bretonne {n:02d}", region_id="53", start_year=2019)
    make_fiche("Fiche occitane", region_id="76")
    first = reader_client.get("/fiches/?region=53&annee=2019")
    html = first.content.decode()
    assert len(titles(first)) == 20
    assert 'href="?region=bretagne&amp;annee=2019&amp;page=2"' in html  # the code typed, the slug linked
    second = reader_client.get("/fiches/?region=53&annee=2019&page=2")
    assert len(titles(second)) == 3
    assert "Fiche occitane" not in second.content.decode()


@pytest.mark.parametrize(
    "query, status, message",
    [
        ("region=99", 400, "Région inconnue : 99"),
        ("theme=inexistant", 400, "Thème inconnu : inexistant"),
        ("service=ministere", 400, "Type de structure inconnu"),
        ("annee=deux-mille", 400, "Année invalide"),
        ("acteur=robots", 400, "Catégorie d&#x27;acteurs inconnue"),
        ("tag=jamais-vu", 400, "Mot-clé inconnu"),
        ("page=abc", 400, "Numéro de page invalide"),
        ("page=0", 400, "Numéro de page invalide"),
        ("page=-1", 400, "Numéro de page invalide"),
        ("page=99999", 200, None),
        ("tri=alphabetique", 400, "Tri inconnu"),
        ("region=53&region=53", 200, None),
    ],
)
def test_bad_values_answer_200_or_400_never_500(reader_client, corpus, query, status, message):
    response = reader_client.get(f"/fiches/?{query}")
    assert response.status_code == status
    if message:
        assert message in response.content.decode()


def test_a_bad_value_still_applies_the_valid_filters(reader_client, corpus):
    response = reader_client.get("/fiches/?region=99&theme=cooperation")
    assert response.status_code == 400
    assert set(titles(response)) == {"Réseau breton", "Pôle du Tarn"}


def test_page_beyond_the_end_shows_the_last_page(reader_client, corpus):
    response = reader_client.get("/fiches/?page=99999")
    assert set(titles(response)) == {"Réseau breton", "Programme occitan", "Pôle du Tarn"}


def test_empty_result_suggests_which_filter_to_drop(reader_client, corpus):
    response = reader_client.get("/fiches/?region=53&service=intercommunalite")
    html = response.content.decode()
    assert "Aucun résultat" in html
    # without the type of structure: the Breton fiche; without the region: the Tarn one
    assert '<a href="/fiches/?region=bretagne">sans Type de structure : Intercommunalité</a> : 1 résultat' in html
    assert '<a href="/fiches/?service=intercommunalite">sans Région : Bretagne</a> : 1 résultat' in html


def test_empty_result_suggests_dropping_the_words_too(reader_client, corpus):
    data = reader_client.get("/recherche/?q=occitan&region=53&format=json").json()
    assert data["total"] == 0
    suggestions = {item["without"]: item["count"] for item in data["suggestions"]}
    # "occitan" also finds the Tarn fiche, whose region (Occitanie) is indexed with it
    assert suggestions == {"Région : Bretagne": 2, "les mots « occitan »": 1}


def test_a_filter_whose_removal_gives_nothing_is_not_suggested(reader_client, corpus):
    html = reader_client.get("/fiches/?region=53&service=intercommunalite&annee=2030").content.decode()
    assert "sans Année de lancement" not in html
    assert "n'en retirer qu'un ne suffit pas" in html
    assert "Retirer « 2030 »" in html


def test_query_count_does_not_grow_with_the_number_of_fiches(reader_client, corpus):
    def count_queries():
        with CaptureQueriesContext(connection) as captured:
            assert reader_client.get("/fiches/?theme=management&region=53").status_code == 200
        return len(captured)

    count_queries()  # the reader's rights are cached from now on (portal.access); publishing leaves them
    for n in range(3):
        make_fiche(f"Petite {n}", tags=[f"mot{n}"])
    few = count_queries()  # the first read after a publication: nothing of the listing is cached
    for n in range(25):
        make_fiche(f"Grande {n}", tags=[f"mot{n}", "commun"], themes=("management", "cooperation"))
    assert count_queries() == few


def test_private_fiches_are_not_listed(client, corpus, reader, moderator):
    from django.contrib.auth.models import Group
    from wagtail.models import PageViewRestriction

    restriction = PageViewRestriction.objects.create(page=corpus["tarn"], restriction_type=PageViewRestriction.GROUPS)
    restriction.groups.add(Group.objects.get(name="Modérateurs"))
    client.force_login(reader)
    assert "Pôle du Tarn" not in titles(client.get("/fiches/"))
    client.force_login(moderator)
    assert "Pôle du Tarn" in titles(client.get("/fiches/"))


@pytest.mark.parametrize("path", ["/recherche/", "/fiches/"])
def test_a_private_fiche_is_neither_ranked_nor_counted(client, corpus, reader, moderator, path):
    """The words, a region and another filter: a reader who may not see a fiche finds it in no result,
    total or facet count, on /recherche/ (every type: its ids come from the facet rows alone when nothing
    is hidden, search.service.SearchService.page_ids) and on /fiches/ (one type: from the documents)."""
    from django.contrib.auth.models import Group
    from wagtail.models import PageViewRestriction

    def seen(user, query):
        client.force_login(user)
        response = client.get(path, query)
        assert response.status_code == 200
        return set(titles(response)), response.context["total"], facet_counts(response, "region"), facet_counts(response, "theme")

    found, total, regions, _themes = seen(reader, {"q": "tarn", "region": "occitanie"})
    assert (found, total, regions.get("occitanie")) == ({"Pôle du Tarn"}, 1, 1)
    restriction = PageViewRestriction.objects.create(page=corpus["tarn"], restriction_type=PageViewRestriction.GROUPS)
    restriction.groups.add(Group.objects.get(name="Modérateurs"))
    for words in ({"q": "tarn"}, {"q": "tarn", "region": "occitanie"}, {"q": "tarn", "theme": "cooperation"}):
        found, total, regions, themes = seen(reader, words)
        assert (found, total) == (set(), 0)
        assert not any(regions.values()) and not any(themes.values())
    found, total, regions, themes = seen(moderator, {"q": "tarn", "region": "occitanie"})
    assert (found, total) == ({"Pôle du Tarn"}, 1)
    assert regions.get("occitanie") == 1 and themes.get("cooperation") == 1


def _counted_facets(client, path, query):
    """The facets whose values a request counts in the database (the `facet IN (…)` of its GROUP BY
    statements over the facet rows), and its response."""
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path, query)
    assert response.status_code == 200
    counted = set()
    for statement in captured.captured_queries:
        if "GROUP BY" in statement["sql"]:
            for names in re.findall(r'"search_pagefacet"\."facet" IN \(([^)]*)\)', statement["sql"]):
                counted.update(name.strip(" '") for name in names.split(","))
    return counted, response


def test_the_next_click_reuses_the_facet_counts_of_the_search_before_it(reader_client, corpus):
    """Ticking a region after a search counts the regions over the same matches as the search before it:
    those counts come from the cache; the other facets, whose set the region now narrows, are counted.
    The same search again, or its next page, counts nothing."""
    counted, first = _counted_facets(reader_client, "/recherche/", {"q": "rencontres cadres"})
    assert {"region", "theme", "type"} <= counted
    counted, ticked = _counted_facets(reader_client, "/recherche/", {"q": "rencontres cadres", "region": "occitanie"})
    assert "region" not in counted and {"theme", "type"} <= counted
    assert facet_counts(ticked, "region") == facet_counts(first, "region") == {"bretagne": 1, "occitanie": 2}
    counted, _again = _counted_facets(reader_client, "/recherche/", {"q": "rencontres cadres", "region": "occitanie", "page": "2"})
    assert counted == set()


def test_cached_facet_counts_follow_a_publication(reader_client, corpus):
    """A new fiche replaces the content version: the counts cached before it are counted again."""
    query = {"q": "pôle", "region": "occitanie"}
    before = facet_counts(reader_client.get("/recherche/", query), "region")
    make_fiche("Pôle normand", region_id="28", themes=("cooperation",))
    after = facet_counts(reader_client.get("/recherche/", query), "region")
    assert after.get("normandie", 0) == before.get("normandie", 0) + 1
