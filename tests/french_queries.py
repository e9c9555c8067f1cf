"""What readers type, and exactly which fiches must come back: one table for every search engine.

The issue asks that accents be optional both ways, singular and plural meet, common inflections
meet, elisions be handled, and that the same queries give the same results on SQLite and PostgreSQL.
Asserting "at least these fiches" would let a search that matches everything pass, so each query
states the EXACT set of fiches, and the corpus is built so that sets differ: the three long demo
fiches (practices/demo/fiches.py) share much of their vocabulary, so three short fiches each carry
one word the others lack, and a draft carries words that must never be found.

tests/test_search_french_queries.py runs the table on the database backend (SQLite in `make test`,
PostgreSQL in CI); tests/test_search_elasticsearch_live.py runs it on a real Elasticsearch or
OpenSearch cluster. An expected set is written from the texts, not from what an engine answered.
"""

from dataclasses import dataclass

from portal.devtools.demo import fiches

# The demo fiches, found by slug.
BRETAGNE = fiches.BRETAGNE["slug"]  # DDTM des Côtes-d'Armor, 2017-2018, séminaire management agile, égalité
OCCITANIE = fiches.OCCITANIE["slug"]  # DREAL Occitanie, 2018, Toulouse, séminaire, coaching, "à six mois"
TARN = fiches.TARN["slug"]  # Tarn, 2021, coopérer, élus, EPCI, transition écologique (region: Occitanie)

# The short fiches, each with the one word that tells it apart.
SEMINAIRES = "seminaires-secretaires-generaux-normandie"  # "séminaires", plural only; "mise en œuvre"
EGALITE = "egalite-jurys-de-recrutement"  # "egalite" typed without accents, as in an imported text
AGILITE = "agilite-projets-numeriques"  # the noun "agilité" only; "retour d'expérience"
DRAFT = "brouillon-hackathon-donnees"  # never published: none of its words may find it

DEMO = frozenset({BRETAGNE, OCCITANIE, TARN})
LIVE = DEMO | {SEMINAIRES, EGALITE, AGILITE}
NONE = frozenset()

# Field values for tests.factories.make_fiche. Themes, region and service type are indexed by name,
# so they are chosen not to bring back a word of the table by accident.
EXTRA_FICHES = (
    {
        "slug": SEMINAIRES,
        "title": "Des séminaires de rentrée pour les secrétaires généraux de Normandie",
        "intro": "Chaque automne, les secrétaires généraux des préfectures normandes passent deux jours ensemble.",
        "description": "<p>Les séminaires alternent ateliers, visites de sites et témoignages d'invités extérieurs.</p>",
        "objectives": "<p>Prendre du recul sur l'année écoulée et préparer la mise en œuvre des priorités.</p>",
        "region_id": "28",
        "service_type_id": "prefecture",
        "start_year": 2019,
        "themes": ("innovation",),
    },
    {
        "slug": EGALITE,
        "title": "Egalite femmes-hommes dans les jurys de recrutement",
        "intro": "Un secretariat general forme les membres de ses jurys a l'egalite et publie un bilan chaque annee.",
        "description": "<p>Des jurys paritaires, une formation obligatoire et un bilan presente au comite social.</p>",
        "objectives": "<p>Garantir l'egalite de traitement des candidates et des candidats.</p>",
        "region_id": "11",
        "service_type_id": "administration-centrale",
        "start_year": 2023,
        "themes": ("ressources-humaines",),
    },
    {
        "slug": AGILITE,
        "title": "L'agilité au service des projets numériques d'une direction départementale",
        "intro": "Sprints courts, rétrospectives et usagers associés dès le départ : un retour d'expérience sur deux ans.",
        "description": "<p>Une petite équipe de développeurs et de chefs de projet travaille par itérations courtes.</p>",
        "objectives": "<p>Livrer plus tôt des outils utiles, les tester avec les usagers et corriger vite.</p>",
        "region_id": "84",
        "service_type_id": "ddi",
        "start_year": 2022,
        "themes": ("numerique", "innovation"),
    },
    {
        "slug": DRAFT,
        "title": "Un hackathon des données ouvertes",
        "intro": "Brouillon : un séminaire hackathon sur l'égalité et l'agilité, jamais publié.",
        "description": "<p>Un week-end de hackathon avec la DDTM et la DREAL, à Toulouse, dans le Tarn.</p>",
        "objectives": "<p>Rien n'est encore décidé.</p>",
        "region_id": "53",
        "service_type_id": "ddi",
        "start_year": 2018,
        "themes": ("numerique",),
        "publish": False,
    },
)


@dataclass(frozen=True)
class FrenchQuery:
    q: str
    expected: frozenset
    covers: str

    def __str__(self):
        return self.q


def _q(q, expected, covers):
    return FrenchQuery(q, frozenset(expected), covers)


QUERIES = (
    # accents, both ways, and upper case
    _q("égalité", {BRETAGNE, EGALITE}, "accented query finds text typed without accents"),
    _q("egalite", {BRETAGNE, EGALITE}, "unaccented query finds accented text and theme name"),
    _q("ÉGALITÉ", {BRETAGNE, EGALITE}, "upper case with accents"),
    _q("L’égalité", {BRETAGNE, EGALITE}, "elision with a typographic apostrophe"),
    # singular / plural
    _q("séminaire", {BRETAGNE, OCCITANIE, SEMINAIRES}, "singular finds a plural-only fiche"),
    _q("seminaires", {BRETAGNE, OCCITANIE, SEMINAIRES}, "plural without accents finds singular text"),
    _q("réseau", {BRETAGNE, TARN}, "singular"),
    _q("RESEAUX", {BRETAGNE, TARN}, "plural in -x, upper case, no accent"),
    _q("mois", DEMO, "an invariable word ending in s"),
    # inflections
    _q("coopérer", DEMO, "verb finds the noun (and Bretagne's theme name « Coopération »)"),
    _q("cooperations", DEMO, "plural noun without accents"),
    _q("agile", {BRETAGNE, AGILITE}, "adjective finds the noun agilité"),
    _q("l'agilité", {BRETAGNE, AGILITE}, "elided noun finds the adjective agile"),
    _q("AGILITE", {BRETAGNE, AGILITE}, "upper case noun without accents"),
    _q("managers", DEMO, "manager / managers / management meet"),
    _q("management", DEMO, "noun"),
    # the Bretagne fiche's attached charter says « sa propre expérience » (attached documents are searched)
    _q("d'expérience", {AGILITE, BRETAGNE}, "elision d'"),
    _q("expériences", {AGILITE, BRETAGNE}, "plural of a word the text has in the singular"),
    _q("élus", {TARN}, "plural with an accent"),
    # acronyms and numbers
    _q("DDTM", {BRETAGNE}, "acronym"),
    _q("dreal", {OCCITANIE}, "acronym in lower case"),
    _q("EPCI", {TARN}, "acronym"),
    _q("2018", {BRETAGNE, OCCITANIE}, "a year in the text (the start year alone is not text)"),
    _q("2021", {TARN}, "a year"),
    # place names
    _q("Tarn", {TARN}, "département in the text"),
    _q("Côtes-d'Armor", {BRETAGNE}, "hyphens, accent and elision"),
    _q("cotes d armor", {BRETAGNE}, "the same typed loosely"),
    _q("Occitanie", {OCCITANIE, TARN}, "region name: the Tarn fiche is in Occitanie"),
    _q("TOULOUSE", {OCCITANIE}, "city, upper case"),
    _q("normandie", {SEMINAIRES}, "region name only"),
    _q("Île-de-France", {EGALITE}, "region name; « francs » in the Tarn fiche must not be enough"),
    # ligatures
    _q("oeuvre", {SEMINAIRES}, "oe typed for œ"),
    _q("œuvre", {SEMINAIRES}, "œ"),
    # several words: every word must match
    _q("séminaire coaching", {BRETAGNE, OCCITANIE}, "AND: the Normandie fiche has séminaires but no coaching"),
    _q("égalité DDTM", {BRETAGNE}, "AND"),
    _q("six mois", {OCCITANIE}, "AND with a number word"),
    _q("transition écologique", {TARN}, "AND, accents"),
    _q("femmes hommes", {BRETAGNE, EGALITE}, "AND"),
    _q("réseau DREAL", NONE, "AND: no fiche has both"),
    # stop words only: no full-text restriction, every live fiche (search.fulltext.matching_ids)
    _q("le la les des", LIVE, "stop words only"),
    _q("qu'il y a", LIVE, "elided stop words only"),
    # nothing to find
    _q("télétravail", frozenset({OCCITANIE}), "a synonym of « travail à distance » (search.synonym_seed)"),
    _q("hackathon", NONE, "a word of the draft only"),
    _q("xylophone", NONE, "a word no fiche has"),
)


def load_corpus():
    """The demo fiches and the short ones above, published under /fiches/ (the draft saved, not published)."""
    from .factories import make_fiche

    fiches.load()
    for spec in EXTRA_FICHES:
        spec = dict(spec)
        make_fiche(spec.pop("title"), publish=spec.pop("publish", True), themes=spec.pop("themes"), **spec)


def result_slugs(client, q, path="/recherche/"):
    """The slugs of every fiche the JSON search returns for q, through the same view a reader uses."""
    response = client.get(path, {"q": q, "format": "json"})
    assert response.status_code == 200, response.content
    data = response.json()
    assert data["pages"] == 1, "the corpus fits in one page of results"
    slugs = set()
    for result in data["results"]:
        prefix, slug, end = result["url"].rsplit("/", 2)
        assert (prefix, end) == ("/fiches", ""), result["url"]
        slugs.add(slug)
    assert data["total"] == len(slugs)
    return slugs
