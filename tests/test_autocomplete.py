"""Suggestions for the header's search field: titles, tags and carrying structures, as the reader types."""

from urllib.parse import urlencode

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from taggit.models import Tag
from wagtail.models import PageViewRestriction

from portal import roles
from portal.cache import bump_content_version
from search import suggest
from search.models import SearchSuggestion

from .factories import make_fiche, make_user

pytestmark = pytest.mark.django_db

URL = "/recherche/suggestions/"


def suggestions(client, q):
    response = client.get(URL, {"q": q})
    assert response.status_code == 200, response.content
    return response.json()["suggestions"]


def labels(client, q):
    return [s["label"] for s in suggestions(client, q)]


def request_for(user):
    request = RequestFactory().get(URL)
    request.user = user
    request.session = {}
    return request


def shared_rows():
    """The table as (kind, text, weight, page) tuples, to compare two ways of filling it."""
    return sorted(SearchSuggestion.objects.values_list("kind", "text", "weight", "page_id", "tag_id"))


# --- what is suggested -----------------------------------------------------------------------------


def test_titles_tags_and_structures_are_suggested(reader_client):
    fiche = make_fiche(
        "Coopération territoriale dans le Tarn",
        tags=["coopération", "management"],
        carrying_structure="Pôle territorial de l'Albigeois et des Bastides",
    )
    slug = Tag.objects.get(name="coopération").slug
    found = suggestions(reader_client, "coop")
    assert found == [
        {
            "label": "Coopération territoriale dans le Tarn",
            "kind": "titre",
            "kind_label": "Fiche retour d'expérience",
            "url": fiche.url,
        },
        {"label": "coopération", "kind": "mot-cle", "kind_label": "Mot-clé", "url": "/fiches/?" + urlencode({"tag": slug})},
    ]
    assert suggestions(reader_client, "albigeois") == [
        {
            "label": "Pôle territorial de l'Albigeois et des Bastides",
            "kind": "structure",
            "kind_label": "Structure",
            "url": "/recherche/?q=P%C3%B4le+territorial+de+l%27Albigeois+et+des+Bastides",
        }
    ]
    # the links lead somewhere
    assert reader_client.get(found[0]["url"]).status_code == 200
    assert "Coopération territoriale" in reader_client.get(found[1]["url"]).content.decode()


def test_a_word_must_start_with_what_is_typed(reader_client):
    make_fiche("Réseau des managers", carrying_structure="DDTM des Côtes-d'Armor")
    assert labels(reader_client, "res") == ["Réseau des managers"]
    assert labels(reader_client, "eseau") == []  # inside a word: no
    assert labels(reader_client, "armor") == ["DDTM des Côtes-d'Armor"]  # after punctuation: a word
    assert labels(reader_client, "d armor") == ["DDTM des Côtes-d'Armor"]


@pytest.mark.parametrize(
    "typed, expected",
    [
        ("egal", "Égalité professionnelle"),
        ("égal", "Égalité professionnelle"),
        ("EGALITE", "Égalité professionnelle"),
        ("coop", "Coopération entre services"),
        ("coopé", "Coopération entre services"),
        ("Écol", "Transition écologique"),
        ("ecol", "Transition écologique"),
        ("coeur", "Le cœur du métier"),
        ("cœur", "Le cœur du métier"),
    ],
)
def test_accents_and_case_do_not_matter_either_way(reader_client, typed, expected):
    for title in ("Égalité professionnelle", "Coopération entre services", "Transition écologique", "Le cœur du métier"):
        make_fiche(title)
    assert labels(reader_client, typed) == [expected]


def test_every_word_typed_must_match(reader_client):
    make_fiche("Réseau de coopération")
    make_fiche("Réseau des managers")
    make_fiche("Coopération territoriale")
    assert labels(reader_client, "reseau coop") == ["Réseau de coopération"]
    assert labels(reader_client, "coop res") == ["Réseau de coopération"]
    assert labels(reader_client, "reseau coop zzz") == []


def test_at_most_eight_suggestions(reader_client):
    for n in range(12):
        make_fiche(f"Coopération numéro {n}")
    assert len(suggestions(reader_client, "coop")) == 8


def test_too_short_a_query_suggests_nothing(reader_client):
    make_fiche("Coopération entre services")
    assert suggestions(reader_client, "c") == []
    assert suggestions(reader_client, " c' ") == []
    assert suggestions(reader_client, "") == []
    assert len(suggestions(reader_client, "co")) == 1


def test_order_prefix_of_the_whole_text_then_kind_then_weight_then_length(reader_client):
    make_fiche("Pratiques de coopération", tags=["coopération", "coopératives locales"])
    make_fiche("Coopération", tags=["coopération"], carrying_structure="Coopérative du Tarn")
    make_fiche("Coopération en Bretagne", carrying_structure="Une coopérative")
    assert labels(reader_client, "coop") == [
        # the whole text starts with "coop": titles (shortest first), tags (most used first), structures
        "Coopération",
        "Coopération en Bretagne",
        "coopération",
        "coopératives locales",
        "Coopérative du Tarn",
        # a later word starts with "coop"
        "Pratiques de coopération",
        "Une coopérative",
    ]
    # the whole query as the start of the text, not only its first word
    assert labels(reader_client, "coop en")[0] == "Coopération en Bretagne"


def test_tag_weight_is_the_number_of_live_fiches_using_it():
    make_fiche("Un", tags=["agilité", "coaching"])
    make_fiche("Deux", tags=["agilité"])
    make_fiche("Trois", tags=["agilité"], publish=False)
    weights = dict(SearchSuggestion.objects.filter(kind="mot-cle").values_list("text", "weight"))
    assert weights == {"agilité": 2, "coaching": 1}


# --- what must not be suggested ----------------------------------------------------------------------


def test_pages_hidden_by_a_view_restriction_are_not_suggested(client, reader):
    secret = make_fiche("Coopération confidentielle", tags=["coopsecrète"], carrying_structure="Coopérative discrète")
    make_fiche("Coopération publique", tags=["coopération"])
    restriction = PageViewRestriction.objects.create(page=secret, restriction_type=PageViewRestriction.GROUPS)
    restriction.groups.add(Group.objects.get(name=roles.MODERATORS))

    client.force_login(reader)
    assert labels(client, "coop") == ["Coopération publique", "coopération"]
    # nor the tags and structures that only a hidden page uses
    assert labels(client, "coopsecrete") == []
    assert labels(client, "discrete") == []

    client.force_login(make_user(roles.MODERATORS))
    found = labels(client, "coop")
    assert found[:2] == ["Coopération publique", "Coopération confidentielle"]
    assert set(found[2:4]) == {"coopération", "coopsecrète"}  # same weight, same length
    assert found[4:] == ["Coopérative discrète"]


def test_a_restriction_on_an_ancestor_hides_the_fiches_below(client, reader):
    from tests.factories import fiche_index

    make_fiche("Coopération entre services")
    restriction = PageViewRestriction.objects.create(page=fiche_index(), restriction_type=PageViewRestriction.GROUPS)
    restriction.groups.add(Group.objects.get(name=roles.MODERATORS))
    client.force_login(reader)
    assert labels(client, "coop") == []


def test_unpublished_pages_are_never_suggested(reader_client):
    make_fiche("Coopération en brouillon", tags=["brouillon"], carrying_structure="Structure en projet", publish=False)
    assert labels(reader_client, "coop") == []
    assert labels(reader_client, "brouillon") == []
    assert labels(reader_client, "projet") == []


def test_unpublishing_removes_the_title_and_what_only_it_used(reader_client):
    fiche = make_fiche("Coopération éphémère", tags=["éphémère", "partagé"], carrying_structure="DDI éphémère")
    make_fiche("Autre fiche", tags=["partagé"])
    assert labels(reader_client, "ephem") == ["éphémère", "Coopération éphémère", "DDI éphémère"]
    fiche.unpublish()
    assert labels(reader_client, "ephem") == []
    assert SearchSuggestion.objects.get(kind="mot-cle", text="partagé").weight == 1


def test_deleting_a_fiche_removes_it_and_recounts_its_tags(reader_client):
    fiche = make_fiche("Coopération supprimée", tags=["partagé"], carrying_structure="DDTM 22")
    make_fiche("Autre fiche", tags=["partagé"], carrying_structure="DDTM 22")
    fiche.delete()
    assert labels(reader_client, "coop") == []
    assert SearchSuggestion.objects.get(kind="mot-cle").weight == 1
    assert SearchSuggestion.objects.get(kind="structure").weight == 1


def test_retagging_at_publication_updates_the_tag_suggestions(reader_client):
    fiche = make_fiche("Réseau des managers", tags=["coopération", "coaching"], carrying_structure="DDTM 22")
    make_fiche("Autre réseau", tags=["coaching"])
    draft = fiche.get_latest_revision_as_object()
    draft.tags.remove("coopération")
    draft.tags.add("cohésion")
    draft.title = "Réseau des cadres"
    draft.carrying_structure = "DREAL Occitanie"
    draft.save_revision().publish()

    assert labels(reader_client, "coop") == []
    assert labels(reader_client, "coh") == ["cohésion"]
    assert labels(reader_client, "coach") == ["coaching"]
    assert labels(reader_client, "reseau") == ["Réseau des cadres", "Autre réseau"]
    assert labels(reader_client, "ddtm") == []
    assert labels(reader_client, "dreal") == ["DREAL Occitanie"]
    assert dict(SearchSuggestion.objects.filter(kind="mot-cle").values_list("text", "weight")) == {
        "coaching": 2,
        "cohésion": 1,
    }


def test_rebuild_all_gives_what_publication_gave():
    make_fiche("Un", tags=["agilité", "coaching"], carrying_structure="DDTM 22")
    fiche = make_fiche("Deux", tags=["agilité"], carrying_structure="DDTM 22")
    make_fiche("Trois", tags=["brouillon"], publish=False)
    fiche.unpublish()
    make_fiche("Quatre", tags=["éphémère"]).delete()
    incremental = shared_rows()
    assert suggest.rebuild_all() == len(incremental)
    assert shared_rows() == incremental
    # and publication keeps working on a rebuilt table
    revision = fiche.save_revision()
    revision.publish()
    assert SearchSuggestion.objects.get(kind="structure", text="DDTM 22").weight == 2


def test_normalize():
    assert suggest.normalize("L'Égalité  femmes–hommes, œuvre_commune") == " l egalite femmes hommes oeuvre commune"
    assert suggest.normalize("") == " "


# --- the endpoint -------------------------------------------------------------------------------------


def test_endpoint_answers_json_for_a_minute_privately(reader_client):
    make_fiche("Coopération entre services")
    response = reader_client.get(URL, {"q": "  Coop  "})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response.json()["query"] == "Coop"
    assert [s["label"] for s in response.json()["suggestions"]] == ["Coopération entre services"]
    cache_control = {part.strip() for part in response["Cache-Control"].split(",")}
    assert cache_control == {"private", "max-age=60"}


def test_too_long_a_query_is_a_400_with_a_french_message(reader_client):
    response = reader_client.get(URL, {"q": "a" * 101})
    assert response.status_code == 400
    assert response.json() == {"error": "La recherche est trop longue : 100 caractères au plus."}
    assert reader_client.get(URL, {"q": "a" * 100}).status_code == 200


@pytest.mark.parametrize("q", ["co\x00op", "\x1b[31mcoop", "coop\u200b", "%", "_", "' OR 1=1 --", "coop" * 25])
def test_odd_input_never_breaks_the_endpoint(reader_client, q):
    make_fiche("Coopération entre services")
    response = reader_client.get(URL, {"q": q})
    assert response.status_code == 200
    assert "\x00" not in response.json()["query"]


def test_invalid_utf8_never_breaks_the_endpoint(reader_client):
    response = reader_client.get(URL + "?q=%ED%A0%80coop%FF")
    assert response.status_code == 200


def test_control_characters_are_removed_before_counting(reader_client):
    make_fiche("Coopération entre services")
    response = reader_client.get(URL, {"q": "coo\u00adp" + "\x00" * 200})
    assert response.status_code == 200
    assert response.json()["query"] == "coop"
    assert len(response.json()["suggestions"]) == 1


def test_anonymous_readers_are_sent_to_the_login_page(client):
    response = client.get(URL, {"q": "coop"})
    assert response.status_code == 302
    assert response["Location"].startswith("/connexion/?next=")


def test_queries_do_not_grow_with_the_number_of_pages(reader_client, reader):
    secret = make_fiche("Coopération confidentielle", tags=["coopération"])
    restriction = PageViewRestriction.objects.create(page=secret, restriction_type=PageViewRestriction.GROUPS)
    restriction.groups.add(Group.objects.get(name=roles.MODERATORS))

    def count_queries():
        with CaptureQueriesContext(connection) as endpoint:
            assert len(suggestions(reader_client, "coop")) == min(8, SearchSuggestion.objects.count() - 1)
        return len(endpoint)

    for n in range(3):
        make_fiche(f"Coopération {n}", tags=["coopération", f"coopmot{n}"], carrying_structure=f"Coopérative {n}")
    count_queries()  # warms the caches (site root paths, the reader's rights…)
    bump_content_version()  # as the publications below do: the content caches (portal.cache) start again
    few = count_queries()
    for n in range(3, 30):
        make_fiche(f"Coopération {n}", tags=["coopération", f"coopmot{n}"], carrying_structure=f"Coopérative {n}")
    assert count_queries() == few


def test_the_service_itself_takes_three_queries_at_most(reader):
    for n in range(10):
        make_fiche(f"Coopération {n}", tags=[f"coopmot{n}"], carrying_structure=f"Coopérative {n}")
    suggest.suggestions("coop", request_for(reader))  # warms the site root paths cache
    with CaptureQueriesContext(connection) as captured:
        assert len(suggest.suggestions("coop", request_for(reader))) == 8
    # on PostgreSQL, the planner settings of the suggestions' statement besides (and the savepoint
    # that holds them, inside the test's transaction)
    reads = [query["sql"] for query in captured if not query["sql"].startswith(("SET LOCAL", "SAVEPOINT", "RELEASE SAVEPOINT"))]
    assert len(reads) <= 3
    if connection.vendor == "postgresql":
        settings = [query["sql"] for query in captured if query["sql"].startswith("SET LOCAL")]
        assert settings and "enable_seqscan = off" in settings[0]
        # then reset when the statement is done, inside the test's transaction
        assert "TO DEFAULT" in settings[-1]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite has no trigram index: it scans the table.")
def test_postgresql_finds_the_starts_of_words_through_a_trigram_index(db):
    """search/migrations/0011: `normalized LIKE '% word%'` is served by pg_trgm's GIN index."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexdef FROM pg_indexes WHERE tablename = 'search_searchsuggestion' AND indexname = 'searchsuggestion_normalized_trgm'"
        )
        (definition,) = cursor.fetchone()
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("EXPLAIN SELECT id FROM search_searchsuggestion WHERE normalized LIKE '% coop%'")
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "gin_trgm_ops" in definition
    assert "searchsuggestion_normalized_trgm" in plan
