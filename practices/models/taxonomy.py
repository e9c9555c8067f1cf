"""How fiches are classified.

Two kinds of taxonomy: reference lists with official codes (regions and départements of the INSEE COG,
service types, actor categories), loaded by a data migration and keyed by their code so that URLs and
imports stay stable; and themes, which editors extend as snippets.
"""

from django.db import models
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.search import index

NATIONAL_REGION_CODE = "NAT"


def region_slug(code, name):
    """The readable form of a region in URLs (`?region=occitanie`); national gets a short one."""
    return "national" if code == NATIONAL_REGION_CODE else slugify(name)[:60]


class Region(models.Model):
    """A region of the INSEE COG, keyed by its code; its slug is what links carry (codes stay accepted)."""

    code = models.CharField(_("code INSEE"), max_length=3, primary_key=True)
    name = models.CharField(_("nom"), max_length=60, unique=True)
    slug = models.SlugField(_("identifiant"), max_length=60, unique=True)
    sort_order = models.PositiveSmallIntegerField(_("ordre"), default=0)

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = _("région")
        verbose_name_plural = _("régions")

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = region_slug(self.code, self.name)
        super().save(*args, **kwargs)

    @property
    def is_national(self):
        return self.code == NATIONAL_REGION_CODE


class Department(models.Model):
    code = models.CharField(_("code INSEE"), max_length=3, primary_key=True)
    name = models.CharField(_("nom"), max_length=60)
    region = models.ForeignKey(Region, verbose_name=_("région"), on_delete=models.PROTECT, related_name="departments")

    class Meta:
        ordering = ["code"]
        verbose_name = _("département")
        verbose_name_plural = _("départements")

    def __str__(self):
        return f"{self.name} ({self.code})"


class ServiceType(models.Model):
    """Type de structure: who carries the practice (a préfecture, a DDI, an EPCI…)."""

    slug = models.SlugField(_("identifiant"), max_length=40, primary_key=True)
    name = models.CharField(_("nom"), max_length=80, unique=True)
    examples = models.CharField(_("exemples"), max_length=160, blank=True)
    sort_order = models.PositiveSmallIntegerField(_("ordre"), default=0)

    class Meta:
        ordering = ["sort_order"]
        verbose_name = _("type de structure")
        verbose_name_plural = _("types de structure")

    def __str__(self):
        return self.name


class ActorCategory(models.Model):
    """The four families of actors of territorial transitions (élus, agents of local authorities, …)."""

    slug = models.SlugField(_("identifiant"), max_length=40, primary_key=True)
    name = models.CharField(_("nom"), max_length=80, unique=True)
    sort_order = models.PositiveSmallIntegerField(_("ordre"), default=0)

    class Meta:
        ordering = ["sort_order"]
        verbose_name = _("catégorie d'acteurs")
        verbose_name_plural = _("catégories d'acteurs")

    def __str__(self):
        return self.name


class FonctionPublique(models.TextChoices):
    ETAT = "etat", _("Fonction publique de l'État")
    TERRITORIALE = "territoriale", _("Fonction publique territoriale")
    HOSPITALIERE = "hospitaliere", _("Fonction publique hospitalière")


class Theme(index.Indexed, models.Model):
    name = models.CharField(_("nom"), max_length=80, unique=True)
    slug = models.SlugField(
        _("identifiant"),
        max_length=80,
        unique=True,
        blank=True,
        help_text=_("Utilisé dans les adresses des listes filtrées ; déduit du nom s'il est laissé vide."),
    )
    description = models.TextField(_("description"), blank=True)

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("description")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name"), index.SearchField("description")]

    class Meta:
        ordering = ["name"]
        verbose_name = _("thème")
        verbose_name_plural = _("thèmes")

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = slugify(self.name)[:80]
        super().save(*args, **kwargs)
