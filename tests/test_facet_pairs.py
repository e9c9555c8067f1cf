"""The facet pairs (search.pairs): kept equal to the facet rows through every change a page goes through,
and the counts read from them equal to the counts of the rows, for every reader and every listing."""

from collections import Counter

import pytest
from django.contrib.auth.models import Group
from django.core.cache import caches
from django.utils import timezone
from taggit.models import Tag
from wagtail.models import Page, PageViewRestriction

from portal import roles
from search import fulltext, pairs
from search.models import FacetPair, PageFacet
from search.outcome import Criteria
from search.service import Ranked, SearchService

from .factories import make_collection, make_fiche, make_livrable, make_network, make_user, network_index

pytestmark = pytest.mark.django_db


def stored():
    return Counter(
        {
            row[:5]: row[5]
            for row in FacetPair.objects.values_list("search_type", "facet", "value", "other_facet", "other_value", "pages")
        }
    )


def recounted():
    """The pairs as the facet rows say, counted here page by page."""
    rows = {}
    for page_id, facet, value in PageFacet.objects.values_list("page_id", "facet", "value"):
        rows.setdefault(page_id, []).append((facet, value))
    total = Counter()
    for page_rows in rows.values():
        types = [value for facet, value in page_rows if facet == "type"]
        total.update((types[0], *first, *second) for first in page_rows for second in page_rows)
    return total


def assert_in_step():
    assert stored() == recounted()
    assert not FacetPair.objects.filter(pages__lte=0).exists()


def test_the_pairs_follow_every_change_of_a_page_s_rows():
    assert_in_step()
    fiche = make_fiche("Fiche de Rennes", region_id="53", themes=("management", "numerique"), tags=["codév", "qvt"])
    other = make_fiche("Fiche de Toulouse", region_id="76", tags=["qvt"])
    assert_in_step()
    assert stored()["fiche", "region", "53", "tag", str(fiche.tags.get(name="codév").pk)] == 1
    # the same tag on two fiches of different regions: counted once in each
    qvt = str(fiche.tags.get(name="qvt").pk)
    assert stored()["fiche", "tag", qvt, "tag", qvt] == 2

    # reclassified: the old region's pairs go, the new one's come
    fiche.region_id = "76"
    fiche.save_revision().publish()
    assert_in_step()
    assert not FacetPair.objects.filter(facet="region", value="53").exists()
    assert stored()["fiche", "region", "76", "region", "76"] == 2

    # a network, its livrable found by the network's region, a collection with both fiches' regions
    network = make_network("Réseau breton", region_id="53")
    livrable = make_livrable(network, "Livrable breton")
    make_collection([fiche, other], "Sélection")
    assert_in_step()
    assert stored()["livrable", "region", "53", "type", "livrable"] == 1
    # the network moves to another region: its livrable follows, and so do the pairs
    network.region_id = "11"
    network.save_revision().publish()
    assert_in_step()
    assert stored()["livrable", "region", "11", "type", "livrable"] == 1

    other.unpublish()
    assert_in_step()
    Page.objects.get(pk=network.pk).delete()  # with its livrable
    assert not Page.objects.filter(pk=livrable.pk).exists()
    assert_in_step()
    assert not FacetPair.objects.filter(search_type__in=["reseau", "livrable"]).exists()

    before = stored()
    pairs.rebuild()
    assert stored() == before


def by_value(outcome):
    return {facet.param: {value.stored: value.count for value in facet.values if value.count} for facet in outcome}


def counted_from_rows(pages, params):
    """{param: {stored value: pages}} over the live pages `pages` (ids), from their facet rows."""
    counts = {param: {} for param in params}
    for facet, value in PageFacet.objects.filter(page_id__in=pages, facet__in=params).values_list("facet", "value"):
        counts[facet][value] = counts[facet].get(value, 0) + 1
    return counts


@pytest.fixture
def read_from_pairs(monkeypatch):
    """Records each count read from the pairs, so that a test knows it went that way."""
    anchors = []
    counts = pairs.counts

    def recorded(types, anchor, facets):
        anchors.append((tuple(types), anchor))
        return counts(types, anchor, facets)

    monkeypatch.setattr(pairs, "counts", recorded)
    return anchors


@pytest.fixture
def corpus():
    breton = make_fiche("Fiche bretonne", region_id="53", themes=("management", "numerique"), start_year=2019)
    make_fiche("Autre fiche bretonne", region_id="53", tags=["qvt"], start_year=2021)
    occitan = make_fiche("Fiche occitane", region_id="76", tags=["qvt"], start_year=2019)
    network = make_network("Réseau breton", region_id="53")
    make_livrable(network, "Livrable breton")
    make_collection([breton, occitan], "Sélection")
    return {"breton": breton, "network": network}


def request_for(rf, user, path="/recherche/"):
    request = rf.get(path)
    request.user = user
    return request


@pytest.mark.parametrize(
    "filters, types",
    [
        ({}, None),
        ({"region": ["53"]}, None),
        ({"type": ["fiche", "livrable"], "region": ["53"]}, None),
        ({"region": ["53"]}, ["fiche"]),  # /fiches/
        ({"annee": ["2019"]}, ["fiche"]),
    ],
)
def test_counts_from_the_pairs_are_the_counts_of_the_rows(rf, reader, corpus, read_from_pairs, filters, types):
    service = SearchService(request_for(rf, reader), types=types)
    outcome = service.count_facets(Criteria(filters=filters))
    assert read_from_pairs  # answered from the pairs, not from the rows
    assert_counts_of_the_rows(service, filters, outcome)
    assert by_value(outcome)["region"]  # something was counted


def assert_counts_of_the_rows(service, filters, outcome, match=None):
    """Each facet's counts are what the rows say over the pages passing every other filter (and matching
    the words, when `match` is given)."""
    for facet in outcome:
        others = Criteria(filters={param: values for param, values in filters.items() if param != facet.param})
        pages = service.filtered(others, match=match).values_list("page_id", flat=True)
        expected = counted_from_rows(list(pages), [facet.param])[facet.param]
        if facet.param == "tag":  # shown by slug, stored by id
            slugs = dict(Tag.objects.values_list("pk", "slug"))
            expected = {slugs[int(value)]: n for value, n in expected.items()}
        shown = {value.stored or value.value: value.count for value in facet.values if value.count}
        assert shown == expected, facet.param


def test_two_values_or_two_filters_are_counted_from_the_rows(rf, reader, corpus, read_from_pairs):
    service = SearchService(request_for(rf, reader))
    filters = {"region": ["53", "76"], "annee": ["2019"]}
    outcome = service.count_facets(Criteria(filters=filters))
    assert_counts_of_the_rows(service, filters, outcome)
    assert by_value(outcome)["type"]["fiche"] == 2
    # only the regions, counted over 2019 alone, came from the pairs
    assert [anchor for _types, anchor in read_from_pairs] == [("annee", "2019")]


def test_pages_a_reader_may_not_see_are_taken_off_the_pairs(rf, reader, corpus, read_from_pairs):
    restriction = PageViewRestriction.objects.create(page=network_index(), restriction_type=PageViewRestriction.GROUPS)
    restriction.groups.add(Group.objects.get(name=roles.MODERATORS))
    for user, networks in ((reader, 0), (make_user(roles.MODERATORS), 1)):
        outcome = by_value(SearchService(request_for(rf, user)).count_facets(Criteria(filters={"region": ["53"]})))
        assert outcome["type"].get("reseau", 0) == networks
        assert outcome["type"].get("livrable", 0) == networks  # below the network, hidden with it
        assert outcome["type"]["fiche"] == 2
        assert outcome["region"]["53"] == 3 + 2 * networks  # two fiches and the collection, and the network's pages
    assert read_from_pairs


def test_the_listings_show_the_counts_of_the_pairs(reader_client, corpus):
    data = reader_client.get("/recherche/?format=json&region=bretagne").json()
    types = {value["value"]: value["count"] for value in data["facets"]["type"]}
    assert types == {"fiche": 2, "reseau": 1, "livrable": 1, "selection": 1}
    assert data["total"] == 5
    fiches = reader_client.get("/fiches/?format=json&region=bretagne").json()
    years = {value["value"]: value["count"] for value in fiches["facets"]["annee"]}
    # a fiche counts in every year it has been running: from 2019 and from 2021
    assert years == {"2019": 1, "2020": 1, **{str(year): 2 for year in range(2021, timezone.localdate().year + 1)}}



def test_counts_with_words_are_the_counts_of_the_rows_of_their_matches(rf, reader, corpus):
    """With words, the counts over the pages of one value (or over every page) are read from the rows of
    the matches when they are at most half of those pages, and from the pairs less the rows of the pages
    that do not match otherwise (search.service._matches_or_pairs): both ways give the rows' counts, for
    a reader who sees every page and for one who does not."""
    sides = set()
    for hidden in (False, True):
        if hidden:
            restriction = PageViewRestriction.objects.create(page=network_index(), restriction_type=PageViewRestriction.GROUPS)
            restriction.groups.add(Group.objects.get(name=roles.MODERATORS))
        for filters in ({}, {"region": ["53"]}, {"region": ["53"], "annee": ["2019"]}):
            pages = PageFacet.objects.filter(**({"facet": "region", "value": "53"} if filters else {"facet": "type"}))
            for q in ("livrable", "cadres", "fiche"):
                caches.all()[0].clear()
                service = SearchService(request_for(rf, reader))
                criteria = Criteria(q=q, filters=filters)
                found = service.matches(criteria)
                assert_counts_of_the_rows(service, filters, service.count_facets(criteria, found.match), found.match)
                if len(filters) < 2:  # every facet but the region's counted over the pages of one value
                    sides.add((hidden, 2 * found.total > pages.count()))
    # each way taken, with and without pages hidden from the reader
    assert sides == {(False, False), (False, True), (True, False), (True, True)}


@pytest.mark.parametrize("types, left_out", [(["fiche"], False), (["fiche", "livrable", "selection"], True)])
def test_words_among_some_types_find_and_count_those_types_only(rf, reader, corpus, types, left_out):
    """Among some content types (`/fiches/`), the matches of the words are tested for the types as they
    are read (`type_clause`): the pages of the other types left out, or those of the types kept, whichever
    are fewer; and so are the pages that pass the filters, without words. The results and counts are
    those of the documents of those types, hidden pages or not."""
    for hidden in (False, True):
        if hidden:
            restriction = PageViewRestriction.objects.create(page=network_index(), restriction_type=PageViewRestriction.GROUPS)
            restriction.groups.add(Group.objects.get(name=roles.MODERATORS))
        for filters in ({}, {"region": ["53"]}):
            caches.all()[0].clear()
            service = SearchService(request_for(rf, reader), types=types)
            assert ("NOT IN" in service.type_clause()[0]) is left_out
            criteria = Criteria(q="breton", filters=filters)
            untyped = fulltext.matching(service.parse(criteria.q))  # every type: the types from the documents
            expected = set(service.filtered(criteria, match=untyped).values_list("page_id", flat=True))
            assert expected
            outcome = service.run(criteria)
            assert set(outcome.page.object_list) == expected and outcome.total == len(expected)
            assert_counts_of_the_rows(service, filters, service.count_facets(criteria, service.matches(criteria).match), untyped)
        for filters in ({"region": ["53", "76"]}, {"region": ["53"], "annee": ["2019", "2021"]}):  # no words: the rows
            caches.all()[0].clear()
            service = SearchService(request_for(rf, reader), types=types)
            criteria = Criteria(filters=filters)
            expected = set(service.filtered(criteria).values_list("page_id", flat=True))
            assert set(service.page_ids(criteria).values_list("page_id", flat=True)) == expected
            outcome = service.run(criteria)
            assert set(outcome.page.object_list) == expected and outcome.total == len(expected)
            assert_counts_of_the_rows(service, filters, service.count_facets(criteria))


@pytest.mark.parametrize("others", [{}, {"annee": ["2019"]}, {"type": ["fiche", "selection"]}])
@pytest.mark.parametrize("regions", [["53"], ["53", "76"], ["76"]])
def test_words_in_regions_find_and_count_the_pages_of_those_regions(rf, reader, corpus, regions, others):
    """In one region or several, the matches of the words are also asked of the index by the regions they
    bring along (search.fulltext.Matches.in_regions, on PostgreSQL), which then applies the region filter
    alone: the results, total and counts are those of the pages of those regions passing the other
    filters, a collection of two regions among them."""
    caches.all()[0].clear()
    service = SearchService(request_for(rf, reader))
    criteria = Criteria(q="fiche", filters={"region": regions, **others})
    found = service.matches(criteria)
    expected = set(service.filtered(criteria, match=found.match).values_list("page_id", flat=True))
    assert expected
    outcome = service.run(criteria)
    assert set(outcome.page.object_list) == expected and outcome.total == len(expected)
    assert_counts_of_the_rows(service, criteria.filters, service.count_facets(criteria, found.match), found.match)
    if "annee" not in others:
        selection = PageFacet.objects.get(facet="type", value="selection").page_id
        assert selection in expected  # the collection of a Breton and an Occitan fiche, in either region
    # the candidates of the ranking apply the region filter only where the index does not: with the
    # region alone, none to ask the matches among
    if found.candidates is None:
        assert fulltext.narrows_by_regions() and not others
    else:
        _sql, params = found.candidates.query.sql_with_params()
        assert ("region" in params) != fulltext.narrows_by_regions()
    # a page the paginator asks later is ranked among the same matches as the first
    later = Ranked(found.parsed, found.candidates, found.total, None, found.restriction, regions)
    assert [row[0] for row in later[0 : found.total]] == [row[0] for row in found.ranked[1]]
