"""The facet pairs (search.pairs): how many live pages of a type have two facet values together, counted
here once from the facet rows a database already has, then kept up to date by search.facets.

The counting SQL is written out here rather than imported from search.pairs: a migration must keep
doing what it did when it was written.
"""

from django.db import migrations, models

COUNT_PAIRS = """
INSERT INTO search_facetpair (search_type, facet, value, other_facet, other_value, pages)
SELECT t.value, a.facet, a.value, b.facet, b.value, COUNT(*)
FROM search_pagefacet t
JOIN search_pagefacet a ON a.page_id = t.page_id
JOIN search_pagefacet b ON b.page_id = t.page_id
WHERE t.facet = 'type'
GROUP BY t.value, a.facet, a.value, b.facet, b.value
"""


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0013_vector_regions"),
    ]

    operations = [
        migrations.CreateModel(
            name="FacetPair",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("search_type", models.CharField(max_length=20, verbose_name="type de contenu")),
                ("facet", models.CharField(max_length=20, verbose_name="facette")),
                ("value", models.CharField(max_length=100, verbose_name="valeur")),
                ("other_facet", models.CharField(max_length=20, verbose_name="autre facette")),
                ("other_value", models.CharField(max_length=100, verbose_name="autre valeur")),
                ("pages", models.IntegerField(verbose_name="pages")),
            ],
            options={
                "verbose_name": "paire de valeurs de facettes",
                "verbose_name_plural": "paires de valeurs de facettes",
                "constraints": [
                    models.UniqueConstraint(
                        fields=("facet", "value", "search_type", "other_facet", "other_value"), name="facetpair_key"
                    )
                ],
            },
        ),
        # backwards, the table is dropped with its rows: nothing to undo
        migrations.RunSQL(COUNT_PAIRS, migrations.RunSQL.noop),
    ]
