"""Words for synthetic fiches: territories, structures, themes, tags and sentence templates.

Plain data, kept apart from the composition (synthetic_content) so that it can be read and extended
like a glossary. Everything is French as public servants write it, with its accents, elisions and
plurals, because the search has to be tried on realistic text. No "&", "<" or ">" in these strings:
they go into rich text unescaped.

An entry that only some fiches may say is written (condition, text). A condition is a list of words
that must all be facts of the fiche (synthetic_content.Composer.facts): its fonction publique
(etat, territoriale, hospitaliere), its type of structure (ddi, commune…), regional or national,
ongoing or ended, its main theme (transition-ecologique…), urban (Paris and its inner ring), since_YYYY (the démarche started in YYYY or later), six_months and one_year (it had
run that long when the fiche was written), budget or no_budget, communes (its territory is made of
communes: an intercommunalité), centre_de_gestion and plateforme_rh (what the structure is, so that it is not its own
partner). "a|b" means a or b, "!a" means not a. This is how a préfecture is not given "les élus
souhaitaient…", nor a démarche of 2014 the health crisis of 2020.
"""

# fmt: off
# (data laid out for reading, not by the formatter)

# --- territories -----------------------------------------------------------------------------------

# Population in hundreds of thousands (INSEE, rounded): how often each region carries a fiche.
REGION_WEIGHTS = {
    "84": 81, "27": 28, "53": 34, "24": 26, "94": 4, "44": 56, "01": 4, "03": 3, "32": 60,
    "11": 123, "04": 9, "02": 4, "06": 3, "28": 33, "75": 61, "76": 61, "52": 39, "93": 52,
}
NATIONAL_SHARE = 0.05

# "de" and "en/dans" forms of region names.
REGION_DE = {
    "84": "d'Auvergne-Rhône-Alpes", "27": "de Bourgogne-Franche-Comté", "53": "de Bretagne",
    "24": "du Centre-Val de Loire", "94": "de Corse", "44": "du Grand Est", "01": "de la Guadeloupe",
    "03": "de la Guyane", "32": "des Hauts-de-France", "11": "d'Île-de-France", "04": "de La Réunion",
    "02": "de la Martinique", "06": "de Mayotte", "28": "de Normandie", "75": "de Nouvelle-Aquitaine",
    "76": "d'Occitanie", "52": "des Pays de la Loire", "93": "de Provence-Alpes-Côte d'Azur",
}
REGION_IN = {
    "84": "en Auvergne-Rhône-Alpes", "27": "en Bourgogne-Franche-Comté", "53": "en Bretagne",
    "24": "en Centre-Val de Loire", "94": "en Corse", "44": "dans le Grand Est", "01": "en Guadeloupe",
    "03": "en Guyane", "32": "dans les Hauts-de-France", "11": "en Île-de-France", "04": "à La Réunion",
    "02": "en Martinique", "06": "à Mayotte", "28": "en Normandie", "75": "en Nouvelle-Aquitaine",
    "76": "en Occitanie", "52": "dans les Pays de la Loire", "93": "en Provence-Alpes-Côte d'Azur",
}
OVERSEAS_REGIONS = {"01", "02", "03", "04", "06"}
NATIONAL_IN = ("sur l'ensemble du territoire national", "dans plusieurs régions", "dans tous les services du ministère")

# How a département's name is introduced after "de": du Finistère, de l'Aude, des Landes…
DEPARTMENT_PREPOSITIONS = {
    "du ": "14 15 18 25 29 30 32 39 45 46 56 59 62 63 67 68 69 81 83 90 94 95",
    "des ": "04 05 06 08 13 22 40 64 65 66 78 79 88 92",
    "de l'": "01 02 03 07 09 10 11 12 27 34 36 38 60 61 89 91",
    "d'": "28 35 37",
    "de ": "41 47 49 54 71 75 77 82 84 974 976",
}  # every other département takes "de la "
# Départements "de la …" one says "en …" of (en Gironde); the others are "dans la …" (dans la Marne).
EN_DEPARTMENTS = set("16 17 19 21 23 24 31 33 43 44 48 52 53 57 70 73 74 76 85 87 93 2A 2B 971 972 973".split())
COASTAL_DEPARTMENTS = set(
    "06 11 13 14 17 22 29 2A 2B 30 33 34 35 40 44 50 56 59 62 64 66 76 80 83 85".split()
)
# Paris and its inner ring have no DDT: their State services are regional units.
NO_DDT_DEPARTMENTS = {"75", "92", "93", "94"}

# Town names are in synthetic_structures.TOWNS, by département.

# --- structures --------------------------------------------------------------------------------------

# Share of each type of structure among regional fiches, and among national ones.
SERVICE_WEIGHTS = {
    "prefecture": 13, "service-regional-etat": 14, "ddi": 19, "operateur-etat": 5, "region": 7,
    "departement": 11, "intercommunalite": 14, "commune": 11, "autre": 6,
}
NATIONAL_SERVICE_WEIGHTS = {"administration-centrale": 65, "operateur-etat": 25, "autre": 10}
STATE_SERVICES = {"administration-centrale", "prefecture", "service-regional-etat", "ddi", "operateur-etat"}

# Regional State services by acronym: mainland, Île-de-France, overseas (Guyane has its own).
REGIONAL_STATE_SERVICES = {
    "mainland": ("DREAL", "DRAAF", "DREETS", "DRAC", "DRAJES", "DRFiP"),
    "11": ("DRIEAT", "DRIAAF", "DRIEETS", "DRAC", "DRAJES", "DRFiP"),
    "overseas": ("DEAL", "DAAF", "DEETS", "DAC"),
    "03": ("DGTM", "DAAF", "DGCOPOP", "DAC"),
}
# The 2021 reform of the State's territorial organisation renamed these; a démarche started
# earlier is told by the service that carried it then.
STATE_REFORM_YEAR = 2021
REGIONAL_STATE_SERVICES_BEFORE = {
    "DREETS": "DIRECCTE", "DRIEETS": "DIRECCTE", "DEETS": "DIECCTE", "DRAJES": "DRJSCS", "DRIEAT": "DRIEA",
    "DGTM": "DEAL", "DGCOPOP": "DJSCS",
}
# State operators (établissements publics de l'État), with the year they took that name if recent.
REGIONAL_OPERATORS = (
    ("l'", "Agence régionale de santé {region}"),
    ("la ", "Direction régionale {region} de l'ADEME"),
    ("la ", "Direction régionale {region} de l'Office français de la biodiversité", "since_2020"),
    ("la ", "Direction régionale {region} de l'Agence de services et de paiement"),
)
DEPARTMENT_OPERATORS = (
    ("l'", "Agence territoriale de l'ONF {de_department}"),
    ("le ", "Service départemental de l'Office français de la biodiversité {de_department}", "since_2020"),
    ("la ", "Délégation départementale {de_department} de l'Agence régionale de santé"),
)
REGION_COUNCILS = {
    "94": ("la ", "Collectivité de Corse"),
    "02": ("la ", "Collectivité territoriale de Martinique"),
    "03": ("la ", "Collectivité territoriale de Guyane"),
    "06": ("le ", "Département de Mayotte"),
}
# Regional councils whose name is not "Région" and the region's name.
REGIONAL_COUNCIL_NAMES = {"04": ("la ", "Région Réunion")}
# (article, name[, condition]): the condition is the year the structure got that name, if recent.
NATIONAL_STRUCTURES = {
    "administration-centrale": (
        ("le ", "Secrétariat général du ministère de la Transition écologique", "since_2017"),
        ("la ", "Direction générale de l'administration et de la fonction publique"),
        ("la ", "Direction interministérielle de la transformation publique", "since_2018"),
        ("la ", "Direction générale de l'aménagement, du logement et de la nature"),
        ("la ", "Direction générale des collectivités locales"),
        ("la ", "Direction des ressources humaines des ministères sociaux"),
        ("le ", "Secrétariat général du ministère de l'Intérieur"),
        ("la ", "Direction générale de l'alimentation"),
        ("la ", "Délégation interministérielle à l'encadrement supérieur de l'État", "since_2022"),
        ("la ", "Direction interministérielle du numérique", "since_2019"),
        ("la ", "Direction générale de la prévention des risques"),
    ),
    "operateur-etat": (
        ("l'", "Agence de la transition écologique (ADEME)", "since_2020"),
        ("l'", "Agence de l'environnement et de la maîtrise de l'énergie", "!since_2020"),
        ("l'", "Office français de la biodiversité", "since_2020"),
        ("le ", "Cerema", "since_2014"),
        ("l'", "Agence nationale de la cohésion des territoires", "since_2020"),
        ("l'", "Institut national du service public", "since_2022"),
        ("l'", "École nationale d'administration", "!since_2022"),
        ("l'", "Institut national de l'information géographique et forestière"),
        ("l'", "Office national des forêts"),
    ),
    "autre": (
        ("le ", "Réseau national des plateformes régionales RH"),
        ("la ", "Communauté des cadres dirigeants de l'État"),
        ("le ", "Réseau des laboratoires d'innovation territoriale"),
        ("l'", "Association des secrétaires généraux de l'administration territoriale"),
    ),
}

# --- people --------------------------------------------------------------------------------------

# (masculine, feminine) job titles of contacts: any structure, then by fonction publique
CONTACT_ROLES = (
    ("Chef du service ressources humaines", "Cheffe du service ressources humaines"),
    ("Chargé de mission management", "Chargée de mission management"),
    ("Animateur du réseau", "Animatrice du réseau"),
    ("Responsable de la formation", "Responsable de la formation"),
    ("Chef de projet innovation", "Cheffe de projet innovation"),
    ("Référent égalité", "Référente égalité"),
    ("Conseiller en prévention", "Conseillère en prévention"),
)
CONTACT_ROLES_BY_FONCTION = {
    "etat": (
        ("Directeur adjoint", "Directrice adjointe"),
        ("Secrétaire général", "Secrétaire générale"),
        ("Chef de l'unité territoriale", "Cheffe de l'unité territoriale"),
        ("Conseiller mobilité-carrière", "Conseillère mobilité-carrière"),
    ),
    "territoriale": (
        ("Directeur général des services", "Directrice générale des services"),
        ("Directeur général adjoint", "Directrice générale adjointe"),
        ("Chargé de mission transition", "Chargée de mission transition"),
    ),
    "hospitaliere": (
        ("Directeur des ressources humaines", "Directrice des ressources humaines"),
        ("Cadre supérieur de santé", "Cadre supérieure de santé"),
        ("Directeur des soins", "Directrice des soins"),
    ),
}

# Who a démarche is for, without article (always plural).
PUBLICS = (
    "cadres de proximité", "chefs de service", "agents d'accueil", "équipes techniques", "nouveaux arrivants",
    "assistants de direction", "agents de catégorie C", "encadrants intermédiaires",
    ("commune|intercommunalite", "secrétaires de mairie"),
    ("territoriale", "directeurs généraux des services"),
    ("ddi|commune|intercommunalite", "instructeurs des autorisations d'urbanisme"),
    ("etat", "inspecteurs de terrain"),
    ("departement|commune|intercommunalite", "agents des routes"),
    "managers de premier niveau", "jeunes cadres", "agents en télétravail", "chargés de mission",
    ("!hospitaliere", "référents territoriaux"),
    ("hospitaliere", "cadres de santé"), ("hospitaliere", "équipes soignantes"),
)
PARTNERS = (
    ("etat regional !plateforme_rh", "la plateforme régionale d'appui interministériel à la gestion des ressources humaines"),
    ("territoriale", "le CNFPT"),
    ("budget", "un cabinet de conseil spécialisé"),
    ("etat since_2022", "l'Institut national du service public"),
    ("etat !since_2022", "l'École nationale d'administration"),
    ("territoriale regional !centre_de_gestion", "le centre de gestion"),
    ("!hospitaliere since_2020", "l'Agence nationale de la cohésion des territoires"),
    ("budget", "une coopérative d'activités et d'emploi"),
    ("regional", "le laboratoire d'innovation territoriale"),
    ("regional", "l'université voisine"),
    "une association d'éducation populaire",
    "le service de santé au travail",
    ("etat regional", "la délégation régionale à la formation"),
    ("budget", "un collectif de designers"),
    ("regional", "l'école d'ingénieurs de la région"),
    ("hospitaliere", "l'Association nationale pour la formation permanente du personnel hospitalier"),
)
# Online tools, singular: each goes into "s'appuient sur …", "… permet de garder le fil" and "partagé sur …".
TOOLS = (
    "un espace collaboratif en ligne", "un forum interne", "une messagerie instantanée", "un carnet de bord numérique",
    "un wiki interne", "un espace de partage sur l'intranet", "une plateforme collaborative",
)
# (months between two meetings, how it is said)
FREQUENCIES = (
    (1, "tous les mois"), (1.5, "toutes les six semaines"), (3, "chaque trimestre"), (6, "deux fois par an"),
    (0.5, "toutes les deux semaines"),
)
MEETING_PLACES = (
    "dans les locaux d'un service partenaire", "en visioconférence", "dans un tiers-lieu du territoire",
    "à tour de rôle sur chaque site", "dans une salle de créativité aménagée pour l'occasion",
)
FRAMEWORKS = (
    ("etat", "le plan de transformation du ministère"),
    ("!hospitaliere", "le projet d'administration"),
    ("!hospitaliere espaces-de-travail|transition-ecologique", "le schéma directeur immobilier"),
    ("regional !hospitaliere transition-ecologique", "la feuille de route régionale de la transition écologique"),
    (
        "since_2021 prefecture|ddi|commune|intercommunalite transition-ecologique|cooperation",
        "le contrat de relance et de transition écologique",
    ),
    ("management|ressources-humaines|formation-et-competences", "le plan de formation pluriannuel"),
    (
        "since_2021 prefecture|ddi|commune|intercommunalite attractivite|cooperation|espaces-de-travail|numerique",
        "le programme Petites villes de demain",
    ),
    "le projet de service",
    ("etat regional", "la stratégie régionale de l'État"),
    ("egalite-professionnelle", "le plan d'action pour l'égalité professionnelle"),
    ("hospitaliere", "le projet d'établissement"),
)
TERRITORY_FACTS = (
    "les distances entre sites compliquent le travail en équipe", "les difficultés de recrutement sont anciennes",
    ("!urban", "les communes rurales sont nombreuses et peu dotées en ingénierie"),
    "l'État et les collectivités ont l'habitude de travailler ensemble", "les services sont répartis sur plusieurs sites",
    "les effectifs ont fortement baissé ces dernières années", "les agents sont nombreux à partir à la retraite",
    ("urban", "les transports allongent les trajets domicile-travail"),
)
# Durations are said in years from two years on: "retour sur trois ans d'expérience".
YEARS_IN_WORDS = (
    "zéro", "un", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf", "dix", "onze", "douze", "treize",
    "quatorze", "quinze",
)
MONTHS = (
    "janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
    "novembre", "décembre",
)
QUOTES = (
    "on n'apprend jamais autant qu'en écoutant les collègues d'autres services",
    "le plus difficile n'est pas de lancer, c'est de durer",
    "il faut accepter de tâtonner et de se tromper",
    "l'agilité, ça s'apprend en la pratiquant",
    "les agents avaient des idées, il fallait seulement leur donner la parole",
    "ce réseau m'a redonné l'envie d'encadrer",
    "on a gagné en confiance, entre nous et avec nos partenaires",
)

# --- sentence templates ------------------------------------------------------------------------------
# Slots are filled by synthetic_content.Composer; each sentence is capitalised after formatting. An ended
# démarche is told in the past ("les participants se retrouvaient"), an ongoing one in the present.

INTRO_FIRST = (
    "{s} a lancé en {year} {dem} pour {obj}.",
    ("ongoing", "Depuis {year}, {s} expérimente {dem} afin {de_obj}."),
    ("ended", "{period}, {s} a expérimenté {dem} afin {de_obj}."),
    "Comment {obj} ? {S} a fait le choix, en {year}, de mettre en place {dem}.",
)
INTRO_SECOND = (
    "La démarche a réuni {n_people} participants {territory}.",
    "Retour sur une démarche qui a changé la façon de travailler des {pub}.",
    "Ce qui a fonctionné, ce qui a moins bien marché, et ce que l'équipe referait.",
    "L'expérience, menée avec {partner}, intéresse tous les services confrontés à {problem}.",
)

SECTIONS = {
    "context": (
        "En {year}, {s} faisait face à {problem}.",
        "Les {pub} demandaient depuis plusieurs années un meilleur accompagnement.",
        "Une enquête interne menée auprès de {n_surveyed} agents avait mis en évidence {problem2}.",
        "Le service venait de connaître une réorganisation importante, avec l'arrivée d'agents issus d'autres administrations.",
        ("regional", "{s} intervient {territory}, où {territory_fact}."),
        "Les départs à la retraite et la mobilité rapide des cadres fragilisaient la transmission des savoir-faire.",
        "Aucun espace n'existait pour que les {pub} échangent sur leurs pratiques en dehors de la voie hiérarchique.",
        "Le projet de service adopté en {year_before} faisait du thème « {theme} » une priorité.",
        ("since_2021 !since_2024", "La crise sanitaire avait profondément modifié l'organisation du travail et les attentes des agents."),
        ("territoriale", "Les élus souhaitaient une administration plus proche des habitants et plus lisible."),
        ("etat", "La direction souhaitait que les agents prennent davantage part aux décisions qui les concernent."),
        ("hospitaliere", "La direction et l'encadrement de santé cherchaient à mieux concilier les contraintes du soin et celles de l'organisation."),
    ),
    "description": (
        "{s} a mis en place {dem} à partir de {year}.",
        ("ongoing", "Concrètement, les participants se retrouvent {frequency} pendant une demi-journée, {meeting_place}."),
        ("ended", "Concrètement, les participants se retrouvaient {frequency} pendant une demi-journée, {meeting_place}."),
        ("ongoing", "Chaque session est animée par un binôme formé à l'animation, avec l'appui {of_partner}."),
        ("ended", "Chaque session était animée par un binôme formé à l'animation, avec l'appui {of_partner}."),
        ("ongoing", "Le dispositif s'adresse en priorité aux {pub}, mais il reste ouvert à tous les volontaires."),
        ("ended", "Le dispositif s'adressait en priorité aux {pub}, mais il était ouvert à tous les volontaires."),
        ("ongoing", "Un groupe projet de {n_group} personnes assure le pilotage et rend compte au comité de direction."),
        ("ended", "Un groupe projet de {n_group} personnes assurait le pilotage et rendait compte au comité de direction."),
        ("ongoing", "Les participants s'appuient sur {tool} pour partager leurs documents et préparer les rencontres."),
        ("ended", "Les participants s'appuyaient sur {tool} pour partager leurs documents et préparer les rencontres."),
        ("ongoing", "La participation est volontaire et se fait sur le temps de travail."),
        ("ended", "La participation était volontaire et se faisait sur le temps de travail."),
        ("ongoing", "La démarche s'inscrit dans {framework}."),
        ("ended", "La démarche s'inscrivait dans {framework}."),
        ("ongoing", "Entre deux rencontres, {tool} permet de garder le fil des échanges."),
        ("ended", "Entre deux rencontres, {tool} permettait de garder le fil des échanges."),
    ),
    "objectives": (
        "Il s'agissait d'abord {de_obj}, puis {de_obj2}.",
        ("ongoing", "À terme, {s} souhaite {obj3}."),
        ("ended", "À plus long terme, {s} souhaitait aussi {obj3}."),
        "L'enjeu était aussi de donner aux agents l'envie de rester et de progresser au sein du service.",
        ("ongoing", "La démarche vise les {pub}, mais ses effets doivent bénéficier à l'ensemble des équipes."),
        ("ended", "La démarche visait les {pub}, mais ses effets devaient bénéficier à l'ensemble des équipes."),
        "Les objectifs ont été fixés collectivement lors d'une réunion de lancement ouverte à tous.",
    ),
    "results": (
        "Au total, {n_people} personnes ont participé au moins une fois à la démarche.",
        "Le taux de satisfaction exprimé lors du bilan atteint {pct} %.",
        "Les participants disent se sentir moins seuls face aux situations difficiles.",
        ("one_year", "Le nombre de postes vacants a diminué de {pct_vacancies} % en {results_span}."),
        ("one_year", "La démarche a été reprise par {n_structures} autres structures {region_de}."),
        "Les effets sur la qualité de vie au travail restent difficiles à mesurer, mais les retours qualitatifs sont très positifs.",
        ("one_year", "Le baromètre social montre une progression de {barometer_points} points de la confiance envers l'encadrement."),
        "Plusieurs pratiques sont désormais partagées entre services, au-delà du premier cercle des participants.",
        "Les délais de traitement ont été réduits d'un tiers sur les dossiers concernés.",
    ),
    "what_worked": (
        "Le soutien explicite de la direction dès le lancement.",
        "Le choix d'un format court et régulier, compatible avec l'agenda des {pub}.",
        "L'appui {of_partner}, qui a apporté une méthode et un regard extérieur.",
        "La règle de confidentialité posée dès la première séance, qui a libéré la parole.",
        "L'alternance entre rencontres en présentiel et temps d'échange à distance.",
        "La mobilisation de volontaires plutôt que la désignation de participants.",
        "Des résultats concrets visibles rapidement, qui ont convaincu les plus sceptiques.",
        "La présence d'un animateur identifié, disponible entre les rencontres.",
    ),
    "what_did_not_work": (
        "Les cadres les plus sollicités ont eu du mal à se libérer régulièrement.",
        "L'outil retenu au départ s'est révélé trop complexe et a été abandonné au bout {of_abandon}.",
        "La démarche a perdu de son élan après le départ de son initiateur.",
        "La communication vers les agents de terrain est restée insuffisante.",
        "Le calendrier initial était trop ambitieux et a dû être revu.",
        "Les sessions à distance ont moins bien fonctionné que les rencontres en présentiel.",
        "La mesure des effets n'avait pas été prévue dès le départ, ce qui a compliqué l'évaluation.",
        ("budget", "Les contraintes budgétaires ont limité le recours à un prestataire extérieur."),
        ("no_budget", "Faute de budget, il n'a pas été possible de faire appel à un prestataire extérieur."),
    ),
    "lessons": (
        "Avant de se lancer, il faut s'assurer du soutien de l'équipe de direction et prévoir du temps pour l'animation.",
        "Mieux vaut commencer petit, avec un groupe de volontaires, puis élargir progressivement.",
        "Associer les {pub} dès la conception change la qualité de la démarche.",
        "Une évaluation, même simple, doit être prévue dès le démarrage.",
        "Il est utile de s'appuyer sur les réseaux existants plutôt que d'en créer de nouveaux.",
        "Une telle démarche ne produit pas ses effets du jour au lendemain : il faut tenir dans la durée.",
        "Partager l'expérience avec d'autres services permet de la faire vivre au-delà de ses initiateurs.",
        "{person} le résume ainsi : « {quote} ».",
    ),
}
# In the order they happen; the first one is dated with the start of the démarche.
ACTION_STEPS = (
    "réunion de lancement avec l'ensemble de l'encadrement",
    "diagnostic partagé à partir d'un questionnaire en ligne",
    "formation de {n_animators} animateurs internes",
    "premières sessions avec un groupe pilote",
    "bilan intermédiaire et ajustement du format",
    "extension à l'ensemble des services",
    "journée de restitution ouverte aux partenaires",
    "rédaction d'un guide pratique diffusé à tous les agents",
    ("ended", "séminaire de clôture et choix des suites à donner"),
)
ACTION_CLOSINGS = (
    ("budget", "Le budget engagé s'élève à {budget} euros, consacrés pour l'essentiel à l'animation et à la formation."),
    ("no_budget", "La démarche n'a nécessité aucun budget spécifique : elle repose sur le temps des agents volontaires."),
    "Chaque étape a fait l'objet d'un compte rendu partagé sur {tool}.",
)
OBJECTIVE_LIST_LEADS = (
    ("ongoing", "La démarche poursuit plusieurs objectifs :"),
    ("ended", "La démarche poursuivait plusieurs objectifs :"),
)
WHAT_WORKED_LEADS = ("Plusieurs leviers ont joué :", "Ce qui a fait la différence :", "Les participants retiennent surtout :")
TITLE_TEMPLATES = (
    "{dem_title} {at_s}",
    "{dem_title} {territory}",
    ("six_months", "{dem_title} : retour sur {experience} d'expérience"),
    "{obj_cap} grâce à {dem}",
    "{dem_title} : l'expérience {of_s}",
)

# (condition, measure, value pattern, label) of key figures: the value is the fiche's measure, the one
# its text gives when it speaks of it (synthetic_content.Composer._measures).
KEY_FIGURES = (
    ("", "n_people", "{}", "participants à la démarche"),
    ("", "sessions", "{}", "sessions organisées"),
    ("", "pct", "{} %", "de participants satisfaits"),
    ("", "training_days", "{} jours", "de formation"),
    ("", "partners", "{}", "services partenaires"),
    ("budget", "budget", "{} €", "de budget engagé"),
    ("", "deliverables", "{}", "livrables produits"),
    ("", "hours", "{}", "heures d'échanges cumulées"),
    ("communes", "communes", "{}", "communes couvertes"),
    ("", "preparation", "{} mois", "de préparation"),
    ("", "n_animators", "{}", "animateurs internes formés"),
)
# fmt: on
