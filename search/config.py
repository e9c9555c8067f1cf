"""Which search backend to use, read from the environment by the settings (so: no Django imports here).

- nothing set: Wagtail's database backend; on PostgreSQL with the `french_unaccent` text-search
  configuration created by search/migrations/0002 (French stemming, accents ignored);
- ELASTICSEARCH_URL: Wagtail's Elasticsearch backend for the client's major version (8 by default,
  ELASTICSEARCH_VERSION to change it together with the pinned client), with a French analyser;
- OPENSEARCH_URL: the OpenSearch backend likewise (OPENSEARCH_VERSION, 3 by default).
"""

POSTGRES_SEARCH_CONFIG = "french_unaccent"

# How many values an Elasticsearch terms aggregation returns: its default is 10, fewer than the 19
# regions or the themes. Tags are capped by the service itself.
FACET_SIZE = 500

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
    },
}


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
