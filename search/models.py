"""A flat projection of every searchable live page onto its facet values.

Fiches, networks, livrables and collections do not share fields, yet the search must filter and count
them together by region, theme, type… Each page type says which values it has for which facet
(`facet_values()`); they are copied here at publication, so that filtering is a semi-join and counting
is one GROUP BY, the same way for every content type and on every database.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from . import french


class PageFacet(models.Model):
    page = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="+", db_index=False)
    facet = models.CharField(_("facette"), max_length=20)
    value = models.CharField(_("valeur"), max_length=100)

    class Meta:
        verbose_name = _("valeur de facette")
        verbose_name_plural = _("valeurs de facettes")
        constraints = [models.UniqueConstraint(fields=["page", "facet", "value"], name="unique_page_facet_value")]
        indexes = [models.Index(fields=["facet", "value", "page"], name="pagefacet_lookup")]

    def __str__(self):
        return f"{self.page_id} {self.facet}={self.value}"


class FacetPair(models.Model):
    """How many live pages of a type have two facet values together (search.pairs), a value with itself
    included: the facet counts of a listing with one filter, or none, read by this key."""

    search_type = models.CharField(_("type de contenu"), max_length=20)
    facet = models.CharField(_("facette"), max_length=20)
    value = models.CharField(_("valeur"), max_length=100)
    other_facet = models.CharField(_("autre facette"), max_length=20)
    other_value = models.CharField(_("autre valeur"), max_length=100)
    pages = models.IntegerField(_("pages"))

    class Meta:
        verbose_name = _("paire de valeurs de facettes")
        verbose_name_plural = _("paires de valeurs de facettes")
        constraints = [
            models.UniqueConstraint(
                fields=["facet", "value", "search_type", "other_facet", "other_value"], name="facetpair_key"
            )
        ]

    def __str__(self):
        return f"{self.search_type} {self.facet}={self.value} {self.other_facet}={self.other_value}: {self.pages}"


class SearchSuggestion(models.Model):
    """One thing the header's search field can suggest as the reader types (see search.suggest).

    A title belongs to its page (one row per live searchable page); a tag or a carrying structure is
    shared by the fiches that use it (one row each, `page` empty, `weight` = how many live pages use it).
    `normalized` starts with a space and separates words by single spaces, so that
    `normalized__contains=" " + term` reads "a word starts with term", the same on every database.
    """

    class Kind(models.TextChoices):
        TITLE = "titre", _("titre")
        TAG = "mot-cle", _("mot-clé")
        STRUCTURE = "structure", _("structure porteuse")

    kind = models.CharField(_("nature"), max_length=10, choices=Kind.choices)
    text = models.CharField(_("libellé"), max_length=255)
    normalized = models.TextField(_("libellé normalisé"))
    page = models.ForeignKey(
        "wagtailcore.Page", null=True, blank=True, on_delete=models.CASCADE, related_name="+", db_index=False
    )
    # a title's content type, as in search.facets.CONTENT_TYPES, so that no query is needed to label it
    search_type = models.CharField(_("type de contenu"), max_length=20, blank=True)
    tag = models.ForeignKey(
        "taggit.Tag", null=True, blank=True, on_delete=models.CASCADE, related_name="+", db_index=False
    )
    weight = models.PositiveIntegerField(_("poids"), default=0)
    # On a title: the tag ids and carrying structure its page gave the shared rows at its last sync, so
    # that the next one knows which weights to recount (the page's old tags are gone by then).
    contributes = models.JSONField(_("contributions"), default=dict, blank=True)

    class Meta:
        verbose_name = _("suggestion de recherche")
        verbose_name_plural = _("suggestions de recherche")
        # These unique indexes are the ones the writes look rows up by (page, tag, structure). The read
        # filters on `normalized` with LIKE '% term%', which no B-tree index can serve: it scans this
        # narrow table (a few ms at 10,000 fiches) and joins pages and tags to the chosen 8 only.
        constraints = [
            models.UniqueConstraint(fields=["page"], name="unique_suggestion_page"),
            models.UniqueConstraint(fields=["tag"], name="unique_suggestion_tag"),
            models.UniqueConstraint(
                fields=["text"], condition=models.Q(kind="structure"), name="unique_suggestion_structure"
            ),
        ]

    def __str__(self):
        return f"{self.kind}: {self.text}"


class SearchDocument(models.Model):
    """What the portal's search matches and ranks: one row per live searchable page (search.documents).

    Each column holds the page's text of one weight, already normalised by search.french (terms
    separated by single spaces), so that no engine stems it again: `title` (A), `lead` (B: chapô, tags,
    carrying structure), `body` (C: the sections) and `other` (D: the rest, such as contacts, places and
    attached documents). The engines index these columns, with weights in the same ratios everywhere
    (search.fulltext): an SQLite FTS5 table kept in step by triggers, a PostgreSQL tsvector column
    computed by the database; both are created by migration 0005, outside Django's models.
    """

    page = models.OneToOneField("wagtailcore.Page", primary_key=True, on_delete=models.CASCADE, related_name="+")
    title = models.TextField(_("titre"), blank=True)
    lead = models.TextField(_("chapô, mots-clés, structure"), blank=True)
    body = models.TextField(_("corps"), blank=True)
    other = models.TextField(_("autres champs"), blank=True)
    # The page's words as written (lower case), each once: what the vocabulary (SearchWord) counts.
    words = models.TextField(_("mots"), blank=True)
    published_at = models.DateTimeField(_("première publication"), null=True, blank=True)
    # the page's content type as the search names it (SearchablePage.search_type): a listing of some
    # types only reads it on the row, where a join to the facet rows listed every page of those types
    search_type = models.CharField(_("type de contenu"), max_length=20, blank=True)
    # renewed at every write: the version of the page's result card (search.cards)
    updated_at = models.DateTimeField(_("mis à jour le"), auto_now=True)

    class Meta:
        verbose_name = _("document de recherche")
        verbose_name_plural = _("documents de recherche")
        indexes = [
            models.Index(fields=["search_type", "page"], name="searchdocument_type"),
            # the latest pages of a type (the home page's latest fiches), read backwards and stopped
            # after a few rows, where the page table would be sorted whole
            models.Index(fields=["search_type", "published_at", "page"], name="searchdocument_type_date"),
        ]

    def __str__(self):
        return f"{self.page_id}: {self.title}"


class SearchWord(models.Model):
    """A word of the live pages, as written, with the term it is indexed under and how many pages use it.

    The search completes the last word typed from here (search.vocabulary.completions) and corrects a
    word with a typo to the nearest one (search.vocabulary.corrections), the same way on every database.
    """

    word = models.CharField(_("mot"), max_length=64, unique=True)
    plain = models.CharField(_("mot sans accents"), max_length=64)
    term = models.CharField(_("terme"), max_length=64, db_index=True)
    length = models.PositiveSmallIntegerField(_("longueur"))
    documents = models.PositiveIntegerField(_("pages"), default=0)

    class Meta:
        verbose_name = _("mot du vocabulaire")
        verbose_name_plural = _("vocabulaire de la recherche")
        indexes = [models.Index(fields=["plain", "length"], name="searchword_plain_length")]

    def __str__(self):
        return self.word


class Synonym(models.Model):
    """Expressions a search treats as one: an acronym and its expansion, or synonyms (search.synonyms).

    Edited by administrators in the admin (Paramètres › Synonymes de recherche); applied to the reader's
    words at query time, so a change applies at once, without reindexing.
    """

    expressions = models.TextField(
        _("expressions équivalentes"),
        help_text=_(
            "Une expression par ligne, au moins deux : par exemple « DREAL » puis « direction régionale de "
            "l'environnement, de l'aménagement et du logement ». Majuscules et accents sont indifférents."
        ),
    )
    note = models.CharField(_("remarque"), max_length=255, blank=True)
    updated_at = models.DateTimeField(_("modifié le"), auto_now=True)

    class Meta:
        verbose_name = _("synonyme de recherche")
        verbose_name_plural = _("synonymes de recherche")
        ordering = ["expressions"]

    def __str__(self):
        return " = ".join(self.expression_list())

    def expression_list(self):
        return list(dict.fromkeys(line.strip() for line in self.expressions.splitlines() if line.strip()))

    def clean(self):
        expressions = self.expression_list()
        empty = [expression for expression in expressions if not french.terms(expression)]
        if empty:
            raise ValidationError(
                {
                    "expressions": _("« %(expression)s » ne contient aucun mot cherchable (seulement des mots vides).")
                    % {"expression": empty[0]}
                }
            )
        if len({french.normalize(expression) for expression in expressions}) < 2:
            raise ValidationError({"expressions": _("Indiquez au moins deux expressions différentes, une par ligne.")})
        self.expressions = "\n".join(expressions)
