"""Which search backend to use, read from the environment by the settings (so: no Django imports here).

- nothing set: Wagtail's database backend; on PostgreSQL with the `french_unaccent` text-search
  configuration created by search/migrations/0002 (French stemming, accents ignored);
- ELASTICSEARCH_URL: Wagtail's Elasticsearch backend for the client's major version (8 by default,
  ELASTICSEARCH_VERSION to change it together with the pinned client), with a French analyser;
- OPENSEARCH_URL: the OpenSearch backend likewise (OPENSEARCH_VERSION, 3 by default).

On Elasticsearch and OpenSearch the portal's search reads its own fields, the four columns of each page's
search document (search.contract.SEARCH_COLUMNS), already normalised by search.french: they are indexed
with TERMS_ANALYZER, which only splits on spaces and lower-cases, so that nothing is stemmed twice.
"""

POSTGRES_SEARCH_CONFIG = "french_unaccent"

# How many values an Elasticsearch terms aggregation returns: its default is 10, fewer than the 19
# regions or the themes. Tags are capped by the service itself.
FACET_SIZE = 500

# The analyser of the portal's own fields: their text is already normalised (accents, case, stems,
# compounds: search.french), so it is only split into its terms. Lower-casing is a safeguard.
TERMS_ANALYZER = "portal_terms"
# How the portal's fields are mapped: their own analyser at indexing and search time (never the French
# "default" one below); prefixes of 2 to 8 letters indexed too, so that the last word typed, asked as a
# prefix (search.query), is one term lookup rather than a walk over every term it starts (longer
# prefixes still work, more slowly); and kept out of Wagtail's catch-all `_all_text`, which is analysed
# in French and read by the admin's search.
TERMS_FIELD_MAPPING = {
    "type": "text",
    "analyzer": TERMS_ANALYZER,
    "index_prefixes": {"min_chars": 2, "max_chars": 8},
    "include_in_all": False,
}

FRENCH_ELISIONS = ["l", "m", "t", "qu", "n", "s", "j", "d", "c", "jusqu", "quoiqu", "lorsqu", "puisqu"]

FRENCH_ANALYSIS = {
    "filter": {
        "french_elision": {"type": "elision", "articles_case": True, "articles": FRENCH_ELISIONS},
        "french_stop": {"type": "stop", "stopwords": "_french_"},
        "french_stemmer": {"type": "stemmer", "language": "light_french"},
    },
    "analyzer": {
        # "default" is what Elasticsearch applies to every text field without an analyser of its own,
        # at indexing and at search time alike.
        "default": {
            "type": "custom",
            "tokenizer": "standard",
            "filter": ["french_elision", "lowercase", "asciifolding", "french_stop", "french_stemmer"],
        },
        TERMS_ANALYZER: {"type": "custom", "tokenizer": "whitespace", "filter": ["lowercase"]},
    },
}

ELASTIC_BACKENDS = ("elasticsearch", "opensearch")


def uses_elastic(backends):
    """Whether WAGTAILSEARCH_BACKENDS (`backends`) sends pages to Elasticsearch or OpenSearch."""
    return any(
        any(name in str(options.get("BACKEND", "")).lower() for name in ELASTIC_BACKENDS)
        for options in (backends or {}).values()
    )


def stems_french_itself(backends):
    """Whether every backend of WAGTAILSEARCH_BACKENDS reads French on its own: the database backend on
    PostgreSQL does (its SEARCH_CONFIG, POSTGRES_SEARCH_CONFIG: unaccented, stemmed), SQLite's does not
    (search.contract then indexes the page's text normalised by search.french as well)."""
    backends = (backends or {}).values()
    return bool(backends) and all(
        "database" in str(options.get("BACKEND", "")) and options.get("SEARCH_CONFIG") for options in backends
    )


def index_settings():
    return {"settings": {"analysis": FRENCH_ANALYSIS}}


def backend_settings(
    database_engine,
    elasticsearch_url="",
    opensearch_url="",
    index_prefix="reseaux_",
    elasticsearch_version=8,
    opensearch_version=3,
    timeout=10,
):
    if elasticsearch_url or opensearch_url:
        backend = (
            f"wagtail.search.backends.elasticsearch{elasticsearch_version}"
            if elasticsearch_url
            else f"wagtail.search.backends.opensearch{opensearch_version}"
        )
        return {
            "BACKEND": backend,
            "URLS": [elasticsearch_url or opensearch_url],
            "INDEX_PREFIX": index_prefix,
            "TIMEOUT": timeout,
            "OPTIONS": {},
            "INDEX_SETTINGS": index_settings(),
            "ATOMIC_REBUILD": True,
        }
    config = {"BACKEND": "wagtail.search.backends.database"}
    if database_engine == "django.db.backends.postgresql":
        config["SEARCH_CONFIG"] = POSTGRES_SEARCH_CONFIG
    return config
