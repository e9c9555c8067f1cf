"""Reference lists, keyed by their codes: INSEE COG regions and départements, service types, actor
categories, and the first themes (which editors extend afterwards).

Idempotent: rows are created or renamed in place, never duplicated, so a later migration can correct a
label by running the same loader with new data.
"""

from django.db import migrations

REGIONS = [
    # code INSEE, nom — ordered by name on screen, national last
    ("84", "Auvergne-Rhône-Alpes"),
    ("27", "Bourgogne-Franche-Comté"),
    ("53", "Bretagne"),
    ("24", "Centre-Val de Loire"),
    ("94", "Corse"),
    ("44", "Grand Est"),
    ("01", "Guadeloupe"),
    ("03", "Guyane"),
    ("32", "Hauts-de-France"),
    ("11", "Île-de-France"),
    ("04", "La Réunion"),
    ("02", "Martinique"),
    ("06", "Mayotte"),
    ("28", "Normandie"),
    ("75", "Nouvelle-Aquitaine"),
    ("76", "Occitanie"),
    ("52", "Pays de la Loire"),
    ("93", "Provence-Alpes-Côte d'Azur"),
    ("NAT", "National / multi-régional"),
]

DEPARTMENTS = [
    ("01", "Ain", "84"), ("02", "Aisne", "32"), ("03", "Allier", "84"), ("04", "Alpes-de-Haute-Provence", "93"),
    ("05", "Hautes-Alpes", "93"), ("06", "Alpes-Maritimes", "93"), ("07", "Ardèche", "84"), ("08", "Ardennes", "44"),
    ("09", "Ariège", "76"), ("10", "Aube", "44"), ("11", "Aude", "76"), ("12", "Aveyron", "76"),
    ("13", "Bouches-du-Rhône", "93"), ("14", "Calvados", "28"), ("15", "Cantal", "84"), ("16", "Charente", "75"),
    ("17", "Charente-Maritime", "75"), ("18", "Cher", "24"), ("19", "Corrèze", "75"), ("21", "Côte-d'Or", "27"),
    ("22", "Côtes-d'Armor", "53"), ("23", "Creuse", "75"), ("24", "Dordogne", "75"), ("25", "Doubs", "27"),
    ("26", "Drôme", "84"), ("27", "Eure", "28"), ("28", "Eure-et-Loir", "24"), ("29", "Finistère", "53"),
    ("2A", "Corse-du-Sud", "94"), ("2B", "Haute-Corse", "94"), ("30", "Gard", "76"), ("31", "Haute-Garonne", "76"),
    ("32", "Gers", "76"), ("33", "Gironde", "75"), ("34", "Hérault", "76"), ("35", "Ille-et-Vilaine", "53"),
    ("36", "Indre", "24"), ("37", "Indre-et-Loire", "24"), ("38", "Isère", "84"), ("39", "Jura", "27"),
    ("40", "Landes", "75"), ("41", "Loir-et-Cher", "24"), ("42", "Loire", "84"), ("43", "Haute-Loire", "84"),
    ("44", "Loire-Atlantique", "52"), ("45", "Loiret", "24"), ("46", "Lot", "76"), ("47", "Lot-et-Garonne", "75"),
    ("48", "Lozère", "76"), ("49", "Maine-et-Loire", "52"), ("50", "Manche", "28"), ("51", "Marne", "44"),
    ("52", "Haute-Marne", "44"), ("53", "Mayenne", "52"), ("54", "Meurthe-et-Moselle", "44"), ("55", "Meuse", "44"),
    ("56", "Morbihan", "53"), ("57", "Moselle", "44"), ("58", "Nièvre", "27"), ("59", "Nord", "32"),
    ("60", "Oise", "32"), ("61", "Orne", "28"), ("62", "Pas-de-Calais", "32"), ("63", "Puy-de-Dôme", "84"),
    ("64", "Pyrénées-Atlantiques", "75"), ("65", "Hautes-Pyrénées", "76"), ("66", "Pyrénées-Orientales", "76"),
    ("67", "Bas-Rhin", "44"), ("68", "Haut-Rhin", "44"), ("69", "Rhône", "84"), ("70", "Haute-Saône", "27"),
    ("71", "Saône-et-Loire", "27"), ("72", "Sarthe", "52"), ("73", "Savoie", "84"), ("74", "Haute-Savoie", "84"),
    ("75", "Paris", "11"), ("76", "Seine-Maritime", "28"), ("77", "Seine-et-Marne", "11"), ("78", "Yvelines", "11"),
    ("79", "Deux-Sèvres", "75"), ("80", "Somme", "32"), ("81", "Tarn", "76"), ("82", "Tarn-et-Garonne", "76"),
    ("83", "Var", "93"), ("84", "Vaucluse", "93"), ("85", "Vendée", "52"), ("86", "Vienne", "75"),
    ("87", "Haute-Vienne", "75"), ("88", "Vosges", "44"), ("89", "Yonne", "27"), ("90", "Territoire de Belfort", "27"),
    ("91", "Essonne", "11"), ("92", "Hauts-de-Seine", "11"), ("93", "Seine-Saint-Denis", "11"),
    ("94", "Val-de-Marne", "11"), ("95", "Val-d'Oise", "11"),
    ("971", "Guadeloupe", "01"), ("972", "Martinique", "02"), ("973", "Guyane", "03"), ("974", "La Réunion", "04"),
    ("976", "Mayotte", "06"),
]

SERVICE_TYPES = [
    ("administration-centrale", "Administration centrale", "Directions d'administration centrale, secrétariats généraux"),
    ("prefecture", "Préfecture", "Préfectures de région et de département, sous-préfectures"),
    ("service-regional-etat", "Service régional de l'État", "DREAL, DRAAF, DREETS, DRAC…"),
    ("ddi", "Direction départementale interministérielle", "DDT(M), DDPP, DDETS(PP)"),
    ("operateur-etat", "Opérateur de l'État", "Établissements publics, agences"),
    ("region", "Région", "Conseils régionaux"),
    ("departement", "Département", "Conseils départementaux"),
    ("intercommunalite", "Intercommunalité", "EPCI, PETR, pôle territorial"),
    ("commune", "Commune", ""),
    ("autre", "Autre", ""),
]

ACTOR_CATEGORIES = [
    ("elus", "Élu·es"),
    ("agents-collectivite", "Agents de collectivité"),
    ("agents-etat", "Agents de l'État territorial"),
    ("acteurs-socio-economiques", "Acteurs socio-économiques"),
]

THEMES = [
    ("management", "Management", "Pratiques managériales, postures, animation d'équipe."),
    ("cooperation", "Coopération", "Travailler ensemble entre services, entre État et collectivités, avec les partenaires."),
    ("transition-ecologique", "Transition écologique", "Conduire et accompagner les transitions écologiques des territoires."),
    ("numerique", "Numérique", "Outils, usages et transformation numériques."),
    ("ressources-humaines", "Ressources humaines", "Recrutement, parcours, accompagnement des agents."),
    ("qualite-de-vie-au-travail", "Qualité de vie au travail", "Conditions de travail, santé, prévention des risques."),
    ("egalite-professionnelle", "Égalité professionnelle", "Égalité entre les femmes et les hommes, diversité, inclusion."),
    ("attractivite", "Attractivité", "Faire venir et rester : attractivité des métiers et des territoires."),
    ("espaces-de-travail", "Espaces de travail", "Aménagement, tiers-lieux, espaces collaboratifs."),
    ("innovation", "Innovation", "Expérimentations, innovation publique, laboratoires."),
    ("formation-et-competences", "Formation et compétences", "Formation, coaching, développement des compétences."),
]


def load(apps, schema_editor):
    Region = apps.get_model("practices", "Region")
    Department = apps.get_model("practices", "Department")
    ServiceType = apps.get_model("practices", "ServiceType")
    ActorCategory = apps.get_model("practices", "ActorCategory")
    Theme = apps.get_model("practices", "Theme")
    for order, (code, name) in enumerate(REGIONS):
        Region.objects.update_or_create(code=code, defaults={"name": name, "sort_order": order})
    for code, name, region in DEPARTMENTS:
        Department.objects.update_or_create(code=code, defaults={"name": name, "region_id": region})
    for order, (slug, name, examples) in enumerate(SERVICE_TYPES):
        ServiceType.objects.update_or_create(slug=slug, defaults={"name": name, "examples": examples, "sort_order": order})
    for order, (slug, name) in enumerate(ACTOR_CATEGORIES):
        ActorCategory.objects.update_or_create(slug=slug, defaults={"name": name, "sort_order": order})
    for slug, name, description in THEMES:
        # seeded once: editors may rename or describe them afterwards
        Theme.objects.get_or_create(slug=slug, defaults={"name": name, "description": description})


class Migration(migrations.Migration):
    dependencies = [("practices", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
