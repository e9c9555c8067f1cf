"""The accessibility statement's facts, kept with the portal's settings so that an administrator updates
them after each audit without rewriting the page.

The RGAA model statement (https://accessibilite.numerique.gouv.fr/obligations/declaration-accessibilite/)
has a fixed structure: compliance status, test results, non-accessible content (non-compliances,
derogations for disproportionate burden, content outside the law's scope), how the statement was made
(date, technologies, test environment, tools), feedback and contact, remedies. The template
(templates/includes/accessibility_statement.html) draws that structure on the page the settings name as the
statement; these fields fill it. The defaults say what is true of the portal before any audit.
"""

import datetime
from decimal import Decimal

from django.db import models
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel

DEFAULT_ENTITY = "L'administration qui édite le portail Réseaux de pratiques"

DEFAULT_RESULTS = (
    "Le portail n'a pas encore fait l'objet d'un audit de conformité au RGAA : aucun taux de conformité ne peut "
    "donc être publié. Chaque modification du code est vérifiée par des tests automatisés (axe-core) sur tous les "
    "types de pages du portail et sur le formulaire de saisie des fiches, et la navigation au clavier des "
    "listes et des menus est testée à 375 et 1 280 pixels de large."
)

DEFAULT_NON_COMPLIANT = (
    "Tant qu'un audit n'a pas été conduit, les défauts suivants sont connus ou possibles :\n"
    "- l'interface d'administration (saisie et modération des fiches) repose sur Wagtail, dont l'accessibilité "
    "n'a pas été auditée dans son ensemble ;\n"
    "- les documents joints aux fiches et aux livrables (PDF, bureautique) sont publiés par les réseaux et ne "
    "sont pas tous accessibles ;\n"
    "- la carte des régions est une représentation graphique : ses données sont aussi proposées sous forme de "
    "tableau."
)

DEFAULT_DEROGATIONS = "Aucune dérogation pour charge disproportionnée n'est invoquée."

DEFAULT_EXEMPT = (
    "Les documents bureautiques publiés avant le 23 septembre 2018 et les contenus de tiers (vidéos ou sites "
    "externes vers lesquels renvoient les fiches) ne sont pas soumis à l'obligation d'accessibilité."
)

DEFAULT_TECHNOLOGIES = "HTML5, CSS, JavaScript, SVG, WAI-ARIA ; Système de design de l'État (DSFR)"

DEFAULT_TEST_ENVIRONMENT = (
    "Tests automatisés : Chromium (Debian, Linux) à 375 et 1 280 pixels de large.\n"
    "Vérifications manuelles : Firefox avec NVDA (Windows) et Safari avec VoiceOver (macOS), à conduire lors "
    "de l'audit."
)

DEFAULT_TOOLS = (
    "axe-core (Deque Systems) dans Chromium ; validateur HTML Nu (W3C) ; navigation au clavier ; contrôleur "
    "d'accessibilité de Wagtail avant chaque publication."
)


class AccessibilityStatementFields(models.Model):
    """The statement's fields, mixed into PortalSettings (one row per site, already cached on every page)."""

    accessibility_entity = models.CharField(
        _("entité responsable"),
        max_length=200,
        default=DEFAULT_ENTITY,
        help_text=_("Qui s'engage à rendre le portail accessible, par exemple « La DREAL Occitanie »."),
    )
    accessibility_statement_date = models.DateField(
        _("déclaration établie le"),
        default=datetime.date.today,
        help_text=_("À mettre à jour à chaque audit ou changement notable du portail."),
    )
    accessibility_audit_date = models.DateField(_("date de l'audit"), null=True, blank=True)
    accessibility_audit_by = models.CharField(
        _("audit réalisé par"), max_length=200, blank=True, help_text=_("Par exemple « la société Access42 »."),
    )
    accessibility_rate = models.DecimalField(
        _("taux de critères RGAA respectés (%)"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Laisser vide tant qu'aucun audit n'a été conduit."),
    )
    accessibility_results = models.TextField(_("résultats des tests"), default=DEFAULT_RESULTS)
    accessibility_non_compliant = models.TextField(
        _("non-conformités"),
        default=DEFAULT_NON_COMPLIANT,
        help_text=_("Une ligne par contenu ; une ligne commençant par « - » devient un élément de liste."),
    )
    accessibility_derogations = models.TextField(
        _("dérogations pour charge disproportionnée"), default=DEFAULT_DEROGATIONS
    )
    accessibility_exempt = models.TextField(
        _("contenus non soumis à l'obligation d'accessibilité"), default=DEFAULT_EXEMPT
    )
    accessibility_technologies = models.CharField(
        _("technologies utilisées"), max_length=300, default=DEFAULT_TECHNOLOGIES
    )
    accessibility_test_environment = models.TextField(
        _("environnement de test"),
        default=DEFAULT_TEST_ENVIRONMENT,
        help_text=_("Les navigateurs et lecteurs d'écran avec lesquels le portail a été vérifié."),
    )
    accessibility_tools = models.TextField(_("outils utilisés pour évaluer l'accessibilité"), default=DEFAULT_TOOLS)
    accessibility_schema_url = models.URLField(
        _("schéma pluriannuel de mise en accessibilité"),
        blank=True,
        help_text=_("Adresse du schéma pluriannuel et du plan d'action de l'année, s'ils sont publiés."),
    )
    accessibility_postal_address = models.TextField(
        _("adresse postale de contact"),
        blank=True,
        help_text=_("Facultative : l'adresse de contact du portail est toujours proposée."),
    )

    class Meta:
        abstract = True

    @classmethod
    def accessibility_panels(cls):
        return [
            MultiFieldPanel(
                [
                    FieldPanel("accessibility_status"),
                    FieldPanel("accessibility_page"),
                    FieldPanel("accessibility_entity"),
                    FieldPanel("accessibility_statement_date"),
                    FieldPanel("accessibility_schema_url"),
                ],
                _("Déclaration d'accessibilité"),
            ),
            MultiFieldPanel(
                [
                    FieldRowPanel([FieldPanel("accessibility_audit_date"), FieldPanel("accessibility_audit_by")]),
                    FieldPanel("accessibility_rate"),
                    FieldPanel("accessibility_results"),
                ],
                _("Résultats des tests"),
            ),
            MultiFieldPanel(
                [
                    FieldPanel("accessibility_non_compliant"),
                    FieldPanel("accessibility_derogations"),
                    FieldPanel("accessibility_exempt"),
                ],
                _("Contenus non accessibles"),
            ),
            MultiFieldPanel(
                [
                    FieldPanel("accessibility_technologies"),
                    FieldPanel("accessibility_test_environment"),
                    FieldPanel("accessibility_tools"),
                ],
                _("Établissement de la déclaration"),
            ),
            MultiFieldPanel([FieldPanel("accessibility_postal_address")], _("Retour d'information et contact")),
        ]

    @property
    def accessibility_rate_label(self):
        """« 87,5 » rather than « 87,50 », « 100 » rather than « 100,00 »."""
        if self.accessibility_rate is None:
            return ""
        text = f"{self.accessibility_rate:f}"
        return number_format(Decimal(text.rstrip("0").rstrip(".") if "." in text else text))

    @property
    def accessibility_blocks(self):
        """The free-text fields as paragraphs and lists, so that an administrator writes plain lines and the
        page shows proper lists: {"non_compliant": [("p", text) or ("ul", [item, …]), …], …}."""
        names = ("results", "non_compliant", "derogations", "exempt", "test_environment", "tools", "postal_address")
        return {name: text_blocks(getattr(self, f"accessibility_{name}")) for name in names}


def text_blocks(text):
    """Lines starting with « - » or « • » become the items of a list; the other non-empty lines, paragraphs."""
    blocks = []
    for line in (text or "").splitlines():
        line = line.strip()
        if line[:2] in ("- ", "• "):
            if not blocks or blocks[-1][0] != "ul":
                blocks.append(("ul", []))
            blocks[-1][1].append(line[2:].strip())
        elif line:
            blocks.append(("p", line))
    return blocks
