"""The search documents and vocabulary follow publication; ranking, prefixes, typos and synonyms work
through the real views, on whichever database runs the suite."""

import datetime

import pytest
from django.core.management import call_command
from django.db import connection
from django.urls import reverse

from practices.models import PracticeSheetPage
from search import documents, facets, french, fulltext, query
from search.models import PageFacet, SearchDocument, SearchWord, Synonym

from .factories import make_collection, make_fiche, make_network, make_workstream

pytestmark = pytest.mark.django_db


def search_json(client, **params):
    response = client.get("/recherche/", {**params, "format": "json"})
    assert response.status_code == 200, response.content
    return response.json()


def slugs(data):
    return [result["url"].rstrip("/").rsplit("/", 1)[-1] for result in data["results"]]


def test_a_published_fiche_has_its_texts_by_weight(home_page):
    fiche = make_fiche(
        "Ateliers de codéveloppement",
        intro="Des cadres se conseillent entre pairs.",
        tags=["intelligence collective"],
        carrying_structure="DDTM du Finistère",
        description="<p>Une méthode québécoise en six étapes.</p>",
    )
    fiche.contacts.create(name="Morgane Le Goff", role="cheffe de projet")
    fiche.save_revision().publish()
    document = SearchDocument.objects.get(page_id=fiche.pk)
    assert document.title == french.index_text("Ateliers de codéveloppement")
    assert set(french.terms("conseillent pairs intelligence collective DDTM Finistère")) <= set(document.lead.split())
    assert set(french.terms("méthode québécoise étapes")) <= set(document.body.split())
    assert set(french.terms("Morgane Goff cheffe projet")) <= set(document.other.split())
    assert not set(french.terms("Morgane québécoise")) & set(document.lead.split())
    assert SearchWord.objects.get(word="codéveloppement").documents == 1


def test_unpublishing_removes_the_document_and_its_words(home_page):
    fiche = make_fiche("Hackathon des données ouvertes")
    assert SearchWord.objects.filter(word="hackathon", documents=1).exists()
    fiche.unpublish()
    assert not SearchDocument.objects.filter(page_id=fiche.pk).exists()
    assert not SearchWord.objects.filter(word="hackathon").exists()


def test_a_word_used_by_two_pages_stays_when_one_leaves(home_page):
    first = make_fiche("Hackathon régional")
    make_fiche("Hackathon national")
    assert SearchWord.objects.get(word="hackathon").documents == 2
    first.unpublish()
    assert SearchWord.objects.get(word="hackathon").documents == 1


def test_rebuild_gives_the_same_documents_and_vocabulary(home_page):
    make_fiche("Hackathon régional", tags=["données"])
    make_network("Réseau des hackeurs", secretariat="SGAR de Normandie")
    before = set(SearchDocument.objects.values_list("page_id", "title", "lead", "body", "other", "words"))
    words = set(SearchWord.objects.values_list("word", "term", "documents"))
    assert documents.rebuild_all(facets.searchable_models()) == len(before)
    assert set(SearchDocument.objects.values_list("page_id", "title", "lead", "body", "other", "words")) == before
    assert set(SearchWord.objects.values_list("word", "term", "documents")) == words


def test_documents_are_built_after_migrate_when_missing(home_page):
    fiche = make_fiche("Hackathon régional")
    SearchDocument.objects.all().delete()
    SearchWord.objects.all().delete()
    facets.build_documents_after_migrate()
    assert SearchDocument.objects.filter(page_id=fiche.pk).exists()
    assert SearchWord.objects.filter(word="hackathon").exists()


def test_update_index_rebuilds_the_documents(home_page):
    fiche = make_fiche("Hackathon régional")
    SearchDocument.objects.all().delete()
    call_command("update_index", stdout=None)
    assert SearchDocument.objects.filter(page_id=fiche.pk).exists()


# --- what readers meet ------------------------------------------------------------------------------


def test_a_fiche_titled_with_the_words_comes_first_whatever_the_length_of_the_others(client, reader, home_page):
    long_text = "<p>" + " ".join(["Le management agile, encore le management agile."] * 40) + "</p>"
    for n in range(3):
        make_fiche(f"Retour d'expérience numéro {n}", slug=f"long-{n}", description=long_text)
    make_fiche("Management agile", slug="le-titre", description="<p>Court.</p>")
    client.force_login(reader)
    assert slugs(search_json(client, q="management agile"))[0] == "le-titre"


def test_the_words_together_come_before_the_same_words_apart(client, reader, home_page):
    make_fiche("Rencontre A", slug="ensemble", description="<p>Un séminaire des cadres supérieurs.</p>")
    make_fiche("Rencontre B", slug="epars", description="<p>Des cadres, un séminaire, des agents supérieurs.</p>")
    client.force_login(reader)
    assert slugs(search_json(client, q="séminaire des cadres supérieurs")) == ["ensemble", "epars"]


def test_the_start_of_a_word_finds_it(client, reader, home_page):
    make_fiche("Coopération entre services", slug="cooperation")
    make_fiche("Recrutement", slug="autre")
    client.force_login(reader)
    assert slugs(search_json(client, q="coop")) == ["cooperation"]
    assert slugs(search_json(client, q="recrutement coop")) == []


@pytest.mark.parametrize("q", ["co-développement", "codéveloppement", "co développement"])
@pytest.mark.parametrize("written", ["co-développement", "codéveloppement"])
def test_compounds_meet_in_every_spelling(client, reader, home_page, q, written):
    make_fiche(f"Ateliers de {written}", slug="codev")
    client.force_login(reader)
    assert slugs(search_json(client, q=q)) == ["codev"]


def test_fields_shown_on_pages_are_searchable(client, reader, home_page):
    network = make_network("Réseau des cadres", slug="reseau", secretariat="Plateforme Armorique", contact_name="Yannick Kervella")
    make_workstream(network, "Jeunes managers", slug="chantier", sessions=[{"date": "2026-03-03", "place": "Quimperlé"}])
    fiche = make_fiche("Une fiche", slug="fiche")
    fiche.key_figures.create(value="59 500", label="habitants desservis")
    fiche.save_revision().publish()
    client.force_login(reader)
    assert slugs(search_json(client, q="Armorique")) == ["reseau"]
    assert slugs(search_json(client, q="Kervella")) == ["reseau"]
    assert slugs(search_json(client, q="Quimperlé")) == ["chantier"]
    assert slugs(search_json(client, q="habitants desservis")) == ["fiche"]


def test_a_typo_is_corrected_and_said_with_a_link_to_the_words_as_typed(client, reader, home_page):
    make_fiche("Management des équipes", slug="management")
    client.force_login(reader)
    data = search_json(client, q="managment")
    assert slugs(data) == ["management"]
    assert data["correction"]["typed"] == "managment"
    assert data["correction"]["q"] == "management"
    assert data["query"] == "management"
    html = client.get("/recherche/", {"q": "managment"}).content.decode()
    assert "Résultats pour « <strong>management</strong> » (au lieu de « managment »)" in html
    assert "exact=1" in data["correction"]["exact_url"]
    literal = search_json(client, q="managment", exact="1")
    assert literal["total"] == 0 and literal["correction"] is None


@pytest.mark.parametrize(
    ("typed", "expected"),
    [("managment", "management"), ("mangement", "management"), ("amnagement", None), ("mnaagement", "management")],
)
def test_corrections_follow_the_distance_rules(home_page, typed, expected):
    from search import vocabulary

    make_fiche("Management des équipes")
    assert vocabulary.correction([typed]).get(typed) == expected


def test_a_corrected_search_reads_the_vocabulary_once_per_step(client, reader, home_page):
    """Known words and every unknown word's candidates in one query, and each word's completions once
    per search: « managment réseaux » completes « réseaux » once although both versions end with it."""
    from django.test.utils import CaptureQueriesContext

    from search import vocabulary

    make_fiche("Management des équipes", slug="management")
    make_fiche("Réseaux de cadres", slug="reseaux")
    assert vocabulary.correction(["managment", "reseaux", "equipes"]) == {"managment": "management"}
    client.force_login(reader)
    client.get("/recherche/", {"q": "cadres"})
    for q, reads in (("managment reseaux", 2), ("cooperaton", 2), ("managment", 3)):
        with CaptureQueriesContext(connection) as captured:
            response = client.get("/recherche/", {"q": q})
        assert response.status_code == 200
        vocabulary_reads = [query["sql"] for query in captured.captured_queries if "search_searchword" in query["sql"]]
        assert len(vocabulary_reads) == reads, (q, vocabulary_reads)



def test_a_corrected_search_of_never_shown_cards_of_four_types_fits_the_budget(client, reader, home_page):
    """« managment », corrected, lists fiches, a network, a livrable and a chantier whose cards nobody
    saw: their region and themes come from one read of the facet rows for the four types (the fiches
    and the network used to read their themes each), within the statements' budget of a request."""
    from django.core.cache import cache
    from django.test.utils import CaptureQueriesContext

    from .factories import make_livrable
    from .test_bench import QUERY_BUDGET

    for i in range(3):
        make_fiche(f"Management des équipes {i}", slug=f"management-{i}", themes=("management", "numerique"))
    network = make_network("Réseau du management", slug="reseau-management", themes=("numerique",))
    make_livrable(network, "Guide du management")
    make_workstream(network, "Chantier management")
    client.force_login(reader)
    cache.clear()
    client.get("/recherche/", {"q": "introuvable"})  # what any first request reads (session, versions)
    with CaptureQueriesContext(connection) as captured:
        response = client.get("/recherche/", {"q": "managment"})
    assert response.status_code == 200 and response.context["correction"]
    assert response.context["total"] == 6
    # what a request outside the test's transaction would not send: savepoints, and putting the
    # planner's settings back (a commit ends them, search.fulltext.through_the_index)
    sent = [q["sql"] for q in captured.captured_queries if not q["sql"].startswith(("SAVEPOINT", "RELEASE")) and "TO DEFAULT" not in q["sql"]]
    facet_reads = [sql for sql in sent if "search_pagefacet" in sql and "COUNT(" not in sql]
    assert len(facet_reads) == 1, facet_reads
    assert not [sql for sql in sent if "practices_theme" in sql]
    assert len(sent) <= QUERY_BUDGET, sent
    html = response.content.decode()
    assert "Management · Numérique" in html and "Numérique</p>" in html
    data = search_json(client, q="managment")
    by_title = {result["title"]: result for result in data["results"]}
    assert [t["slug"] for t in by_title["Management des équipes 0"]["themes"]] == ["management", "numerique"]
    assert [t["slug"] for t in by_title["Guide du management"]["themes"]] == ["numerique"]
    assert by_title["Guide du management"]["parent"]["title"] == "Réseau du management"

def test_short_words_are_never_corrected(home_page):
    from search import vocabulary

    make_fiche("Les élus du Tarn")
    assert vocabulary.correction(["tran", "elu", "tarm"]) == {}


def test_a_correction_is_not_kept_when_it_finds_nothing_more(client, reader, home_page):
    make_fiche("Management des équipes", slug="management")
    client.force_login(reader)
    data = search_json(client, q="management")
    assert data["correction"] is None


def test_a_synonym_added_in_the_admin_applies_to_the_next_search(client, reader, administrator, home_page):
    make_fiche("Charte du travail à distance", slug="distance")
    client.force_login(reader)
    assert slugs(search_json(client, q="nomadisme")) == []
    client.force_login(administrator)
    response = client.post(
        reverse("wagtailsnippets_search_synonym:add"), {"expressions": "nomadisme\ntravail à distance", "note": ""}
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    client.force_login(reader)
    assert slugs(search_json(client, q="nomadisme")) == ["distance"]
    Synonym.objects.filter(expressions__startswith="nomadisme").delete()
    assert slugs(search_json(client, q="nomadisme")) == []


@pytest.mark.parametrize(
    ("expressions", "message"),
    [
        ("DREAL", "au moins deux expressions"),
        ("DREAL\ndreal", "au moins deux expressions"),
        ("DREAL\nde la", "aucun mot cherchable"),
    ],
)
def test_a_synonym_needs_two_different_meaningful_expressions(client, administrator, expressions, message):
    client.force_login(administrator)
    response = client.post(reverse("wagtailsnippets_search_synonym:add"), {"expressions": expressions, "note": ""})
    assert response.status_code == 200
    assert message in response.content.decode()


def test_the_state_acronyms_are_seeded(db):
    groups = [synonym.expression_list() for synonym in Synonym.objects.all()]
    assert any("DREAL" in group for group in groups)
    assert any("télétravail" in group and "travail à distance" in group for group in groups)


def test_a_reader_cannot_edit_synonyms(client, reader):
    client.force_login(reader)
    assert client.get(reverse("wagtailsnippets_search_synonym:list")).status_code in (302, 403)


def test_the_text_of_attached_documents_is_searchable(client, reader, home_page):
    from django.core.files.base import ContentFile
    from wagtail.documents.models import Document

    document = Document(title="Compte rendu")
    document.file.save("compte-rendu.txt", ContentFile("Le comité de pilotage a validé la feuille de route.".encode()), save=False)
    document.save()
    fiche = make_fiche("Une fiche", slug="avec-document")
    fiche.attachments.create(document=document)
    fiche.save_revision().publish()
    client.force_login(reader)
    assert slugs(search_json(client, q="feuille de route")) == ["avec-document"]
    assert set(french.terms("comité pilotage feuille route")) <= set(SearchDocument.objects.get(page_id=fiche.pk).other.split())


def test_wagtail_index_holds_the_normalised_text_only_where_the_backend_cannot_stem_french(settings):
    """The administration's search (Wagtail's own index): SQLite's backend needs the text normalised by
    search.french to match "reseau" with "réseaux"; PostgreSQL's stems French itself (french_unaccent), and
    the same text twice only doubled every index entry and its indexing time."""
    from practices.models import PracticeSheetPage
    from search import config
    from search.contract import FRENCH_TEXT_FIELD

    def indexed(backend):
        settings.WAGTAILSEARCH_BACKENDS = {"default": backend}
        return {field.field_name for field in PracticeSheetPage.get_search_fields()}

    assert FRENCH_TEXT_FIELD in indexed(config.backend_settings("django.db.backends.sqlite3"))
    assert FRENCH_TEXT_FIELD not in indexed(config.backend_settings("django.db.backends.postgresql"))
    assert "title" in indexed(config.backend_settings("django.db.backends.postgresql"))


postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the narrow match table and the planner settings are PostgreSQL's"
)


def _match_row(page_id):
    """(vector, title, publication date) of the page in the narrow match table, or None."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT vector::text, title, published_at FROM search_document_vector WHERE page_id = %s", [page_id])
        return cursor.fetchone()


def _vector_of(page_id):
    row = _match_row(page_id)
    return row[0] if row else None


@postgres_only
def test_the_match_table_follows_the_documents(home_page):
    """PostgreSQL matches words in a narrow table (migration 0008) that triggers keep in step with the
    documents: written with them, rewritten when their texts change, removed with them; the title and
    the date the ranking reads beside the vector (migration 0012) follow too."""
    fiche = make_fiche("Ateliers de codéveloppement")
    document = SearchDocument.objects.get(page_id=fiche.pk)
    vector, title, published_at = _match_row(fiche.pk)
    assert "'codevelopp':" in vector
    assert (title, published_at) == (document.title, document.published_at) and "codevelopp" in title
    fiche.title = "Ligne d'écoute des managers"
    fiche.save_revision().publish()
    vector, title, _published_at = _match_row(fiche.pk)
    assert "'ecout':" in vector and "codevelopp" not in vector
    assert title == SearchDocument.objects.get(page_id=fiche.pk).title and "ecout" in title
    earlier = document.published_at - datetime.timedelta(days=400)
    SearchDocument.objects.filter(page_id=fiche.pk).update(published_at=earlier)
    assert _match_row(fiche.pk)[2] == earlier
    fiche.unpublish()
    assert _match_row(fiche.pk) is None


def _regions_beside_the_vectors():
    """{page id: regions} of the narrow match table, and {page id: regions} of the facet rows."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT page_id, regions FROM search_document_vector")
        beside = {page_id: list(regions) for page_id, regions in cursor.fetchall()}
    rows = {page_id: [] for page_id in beside}
    for page_id, value in PageFacet.objects.filter(facet="region").order_by("value").values_list("page_id", "value"):
        rows.setdefault(page_id, []).append(value)
    return beside, rows


@postgres_only
def test_the_match_table_keeps_each_page_s_regions(home_page, reader_client):
    """The regions are counted over the matches beside the vectors (migration 0013): they follow the
    facet rows through a publication, a new region, a rebuild of the facets and of the documents; a
    collection brings the regions of its fiches, each counted once."""
    breton = make_fiche("Coaching des managers bretons", region_id="53", tags=["coaching"])
    occitan = make_fiche("Coaching des managers occitans", region_id="76")
    collection = make_collection([breton, occitan], title="Coaching des managers : deux régions")
    beside, rows = _regions_beside_the_vectors()
    assert beside[breton.pk] == ["53"] and beside[collection.pk] == ["53", "76"]
    assert beside == rows

    occitan.region_id = "84"
    occitan.save_revision().publish()
    beside, rows = _regions_beside_the_vectors()
    assert beside[occitan.pk] == ["84"] and beside == rows
    # the facet rows changed alone (the facets' step of the pipeline), the document as it was
    for region in ("76", "53"):
        PracticeSheetPage.objects.filter(pk=breton.pk).update(region_id=region)
        facets.sync_page(PracticeSheetPage.objects.get(pk=breton.pk))
        assert _regions_beside_the_vectors()[0][breton.pk] == [region]

    def counts(param, **query):
        data = reader_client.get("/recherche/", {**query, "format": "json"}).json()
        return {value["value"]: value["count"] for value in data["facets"][param]}

    # the regions counted beside the matches, the other facets from the facet rows, in one statement
    assert counts("region", q="coaching", region="53") == {"bretagne": 2, "occitanie": 1, "auvergne-rhone-alpes": 1}
    assert counts("type", q="coaching", region="53") == {"fiche": 1, "selection": 1}
    assert counts("region", q="coaching", tag="coaching") == {"bretagne": 1}
    assert counts("region", q="coaching", tag="coaching", region="76") == {"bretagne": 1, "occitanie": 0}

    with connection.cursor() as cursor:  # the copies emptied behind the table's back, then rebuilt
        cursor.execute("UPDATE search_document_vector SET regions = '{}'")
    facets.rebuild_all()
    beside, rows = _regions_beside_the_vectors()
    assert beside == rows and beside[breton.pk] == ["53"]
    call_command("update_index", stdout=None)
    beside, rows = _regions_beside_the_vectors()
    assert beside == rows and beside[collection.pk] == ["53", "84"]  # its fiches' regions of today


def _pending_entries():
    """Entries waiting in the pending list of the matches' GIN index (pgstattuple, an extension that
    ships with PostgreSQL; the test database's owner may create it)."""
    with connection.cursor() as cursor:
        cursor.execute("CREATE EXTENSION IF NOT EXISTS pgstattuple")
        cursor.execute("SELECT pending_tuples FROM pgstatginindex(%s::regclass)", [fulltext.MATCH_INDEX])
        return cursor.fetchone()[0]


@postgres_only
def test_a_publication_leaves_no_entry_pending_in_the_index_of_the_matches(home_page):
    """Every search reads the GIN index's pending list entry by entry: a publication and a
    reclassification merge what they wrote into the index at once (search.fulltext.settle)."""
    fiche = make_fiche("Coaching des managers bretons", region_id="53")
    assert _pending_entries() == 0
    fiche.title = "Coaching des managers bretons et occitans"
    fiche.save_revision().publish()
    assert _pending_entries() == 0
    PracticeSheetPage.objects.filter(pk=fiche.pk).update(region_id="76")  # the facet rows alone
    facets.sync_page(PracticeSheetPage.objects.get(pk=fiche.pk))
    assert _pending_entries() == 0
    with connection.cursor() as cursor:  # what a write without it leaves: the test can tell
        cursor.execute("UPDATE search_document_vector SET regions = '{11}' WHERE page_id = %s", [fiche.pk])
    assert _pending_entries() > 0


@postgres_only
def test_a_search_leaves_the_planner_settings_as_it_found_them(client, reader, home_page):
    """The search disables sequential scans for its own statements only (search.fulltext.through_the_index)."""
    make_fiche("Ateliers de codéveloppement")
    client.force_login(reader)
    assert "Ateliers" in client.get("/recherche/", {"q": "codéveloppement"}).content.decode()
    with connection.cursor() as cursor:
        cursor.execute("SHOW enable_seqscan")
        assert cursor.fetchone()[0] == "on"
        cursor.execute("SHOW enable_mergejoin")
        assert cursor.fetchone()[0] == "on"
        cursor.execute("SHOW jit")
        assert cursor.fetchone()[0] == "on"


@postgres_only
def test_an_error_inside_the_search_statements_takes_the_planner_settings_with_it(db):
    from search import fulltext

    with pytest.raises(RuntimeError), fulltext.through_the_index():
        raise RuntimeError("an error half-way")
    with connection.cursor() as cursor:
        cursor.execute("SHOW enable_seqscan")
        assert cursor.fetchone()[0] == "on"


@postgres_only
@pytest.mark.django_db(transaction=True)
def test_outside_a_transaction_the_commit_ends_the_planner_settings():
    """In production a request runs outside any transaction: the search's own transaction, committed,
    takes its settings with it, without a statement to put them back."""
    assert not connection.in_atomic_block
    with fulltext.through_the_index(), connection.cursor() as cursor:
        cursor.execute("SHOW enable_seqscan")
        assert cursor.fetchone()[0] == "off"
    with connection.cursor() as cursor:
        cursor.execute("SHOW enable_seqscan")
        assert cursor.fetchone()[0] == "on"


def test_a_search_that_finds_nothing_counts_nothing(client, reader, home_page):
    """No row from the first one on: the total is 0 without a COUNT, also for the corrected words tried
    after it."""
    from django.test.utils import CaptureQueriesContext

    make_fiche("Ateliers de codéveloppement")
    client.force_login(reader)
    client.get("/recherche/", {"q": "ateliers"})
    with CaptureQueriesContext(connection) as captured:
        response = client.get("/recherche/", {"q": "introuvablexyz"})
    assert response.status_code == 200 and response.context["total"] == 0
    assert not [q["sql"] for q in captured.captured_queries if q["sql"].lstrip().startswith("SELECT COUNT(")]


def test_the_total_and_every_page_of_a_ranked_search_agree(client, reader, home_page):
    """The page asked is ranked with the total in one statement on PostgreSQL (a COUNT on SQLite): the
    total is the number of matches on every page, the pages do not overlap, and a page past the last
    shows the last one."""
    for n in range(23):
        make_fiche(f"Coopération territoriale {n}", slug=f"cooperation-{n}")
    make_fiche("Recrutement des cadres", slug="autre")
    client.force_login(reader)
    first, second, past = (search_json(client, q="coopération", page=page) for page in (1, 2, 9))
    assert [first["total"], second["total"], past["total"]] == [23, 23, 23]
    assert (len(first["results"]), len(second["results"])) == (20, 3)
    assert set(slugs(first)).isdisjoint(slugs(second))
    assert set(slugs(first)) | set(slugs(second)) == {f"cooperation-{n}" for n in range(23)}
    assert (past["page"], slugs(past)) == (2, slugs(second))


def test_every_page_of_a_word_found_in_many_titles_is_ranked_in_full(home_page):
    """More fiches carry the word in their title than a page holds: on PostgreSQL only those at or above
    the page's cut have their vector read and scored (search.fulltext._ranked_postgresql). Pages of 5
    must be, one after the other, what one page holding them all gives (no cut: every match scored):
    title fiches first, each tier by score; the fiches that only say the word in their body come by
    score (the oldest says it most: by date they would come in the reverse order)."""
    titled = {
        make_fiche(f"Tutorat numéro {n}", description="<p>" + " ".join(["Le tutorat des agents."] * (n % 4 + 1)) + "</p>").pk
        for n in range(8)
    }
    bodied = [make_fiche(f"Accueil des nouveaux {n}", description="<p>" + "Un tutorat. " * (3 - n) + "</p>").pk for n in range(3)]
    make_fiche("Sans le mot")
    words = query.parse("tutorat")
    whole, total = fulltext.ranked(words, None, 0, 100)
    assert total in (11, None)  # None on SQLite, which counts apart
    assert {row[0] for row in whole[:8]} == titled and [row[0] for row in whole[8:]] == bodied
    pages = [row for offset in (0, 5, 10) for row in fulltext.ranked(words, None, offset, 5)[0]]
    assert pages == whole
