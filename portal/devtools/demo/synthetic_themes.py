"""What each theme's synthetic fiches are about: démarches, problems, objectives and tags.

For each theme seeded by migration 0002 of practices. A theme an editor adds later gets the
management vocabulary. About fourteen tags per theme, some 150 in all, as editors would type them.
"""

# fmt: off
# (data laid out for reading, not by the formatter)

# How often each theme is a fiche's main theme.
THEME_WEIGHTS = {
    "management": 20, "cooperation": 14, "transition-ecologique": 11, "numerique": 9, "ressources-humaines": 10,
    "qualite-de-vie-au-travail": 9, "egalite-professionnelle": 5, "attractivite": 6, "espaces-de-travail": 6,
    "innovation": 8, "formation-et-competences": 10,
}
# The themes a hospital's fiche is mainly about (a centre hospitalier does not instruct building
# permits nor run a club of the territory's partners).
HOSPITAL_MAIN_THEMES = {
    "management", "ressources-humaines", "qualite-de-vie-au-travail", "egalite-professionnelle", "attractivite",
    "espaces-de-travail", "innovation", "formation-et-competences",
}

# démarches: (gender, short title, rest of the noun phrase[, condition]), gender being "m", "f" or "p"
# (plural), the condition saying which structures would run it and since when (the words of
# synthetic_vocabulary's conditions: "etat", "commune|intercommunalite", "since_2023"…); problems:
# noun phrases; objectives: infinitive phrases; tags: as editors type them.
THEMES = {
    "management": {
        "demarches": (
            ("m", "Codéveloppement entre cadres de proximité", "réseau de codéveloppement entre cadres de proximité"),
            ("p", "Ateliers de management agile", "ateliers de management agile pour les chefs d'unité"),
            ("m", "Mentorat des nouveaux encadrants", "programme de mentorat des nouveaux encadrants"),
            ("f", "Manager par la confiance", "démarche de management par la confiance"),
            ("m", "Séminaire annuel des cadres", "séminaire annuel des cadres consacré aux pratiques managériales"),
            ("m", "Groupe de pairs de directeurs adjoints", "groupe de pairs réservé aux directeurs adjoints"),
            ("f", "Ligne d'écoute pour les managers", "ligne d'écoute confidentielle pour les managers en difficulté"),
            ("f", "Autoévaluation des compétences managériales", "autoévaluation des compétences managériales"),
        ),
        "problems": (
            "l'isolement des cadres de proximité", "un fort renouvellement des encadrants",
            "des pratiques managériales très hétérogènes d'un service à l'autre",
            "la difficulté à faire vivre le collectif après les réorganisations",
        ),
        "objectives": (
            "rompre l'isolement des managers", "faire émerger une culture managériale commune",
            "aider les nouveaux encadrants à prendre leur poste", "développer l'autonomie des équipes",
        ),
        "tags": (
            "management agile", "codéveloppement", "management par la confiance", "mentorat", "groupe de pairs",
            "leadership", "posture managériale", "délégation", "feedback", "management à distance",
            "encadrement intermédiaire", "séminaire des cadres", "intelligence collective", "prise de poste",
        ),
    },
    "cooperation": {
        "demarches": (
            ("m", "Club des partenaires du territoire", "club des partenaires réunissant l'État et les collectivités", "!hospitaliere"),
            ("f", "Communauté de pratiques interservices", "communauté de pratiques entre services de l'État", "etat"),
            ("m", "Guichet unique de l'ingénierie territoriale", "guichet unique de l'ingénierie pour les communes rurales", "territoriale"),
            ("f", "Gouvernance partagée d'un projet de territoire", "gouvernance partagée associant élus et services", "territoriale"),
            ("m", "Réseau des secrétaires généraux", "réseau des secrétaires généraux des services de l'État", "etat"),
            ("p", "Revues de projets communes", "revues de projets communes entre la préfecture et les DDI", "prefecture|ddi"),
            ("f", "Mutualisation des fonctions support", "mutualisation des fonctions support entre plusieurs services"),
        ),
        "problems": (
            "un travail en silos entre services", "la multiplication des interlocuteurs pour les élus",
            "des partenaires qui se connaissaient mal", "une ingénierie publique dispersée sur le territoire",
        ),
        "objectives": (
            "décloisonner les services", "offrir un interlocuteur unique aux collectivités",
            "mieux articuler l'action de l'État et celle des collectivités", "mutualiser les compétences rares",
        ),
        "tags": (
            "coopération interservices", "travail en mode projet", "partenariat État-collectivités",
            "gouvernance partagée", "animation de réseau", "communauté de pratiques", "mutualisation",
            "contrat de réciprocité", "ingénierie territoriale", "guichet unique", "démarche partenariale",
            "transversalité", "comité de pilotage", "inter-réseaux",
        ),
    },
    "transition-ecologique": {
        "demarches": (
            ("m", "Plan de sobriété énergétique des bâtiments", "plan de sobriété énergétique des bâtiments publics"),
            ("m", "Plan de mobilité employeur", "plan de mobilité employeur construit avec les agents"),
            ("f", "Fresque du climat pour tous les agents", "session de fresque du climat ouverte à tous les agents", "since_2019"),
            ("m", "Réseau des référents éco-responsables", "réseau de référents éco-responsables dans chaque service"),
            ("m", "Accompagnement des communes vers la sobriété foncière", "accompagnement des communes vers la sobriété foncière", "prefecture|ddi|intercommunalite|departement|region"),
            ("p", "Achats durables et économie circulaire", "achats durables fondés sur l'économie circulaire"),
            ("m", "Atelier d'adaptation au changement climatique", "atelier d'adaptation au changement climatique pour les élus", "territoriale"),
        ),
        "problems": (
            "une consommation d'énergie des bâtiments en forte hausse", "des trajets domicile-travail longs et coûteux",
            "une connaissance inégale des enjeux climatiques parmi les agents",
            "la pression foncière sur les terres agricoles",
        ),
        "objectives": (
            "réduire de 10 % la consommation d'énergie", "faciliter le covoiturage entre agents",
            "donner à chacun les clés de la transition écologique", "limiter l'artificialisation des sols",
        ),
        "tags": (
            "sobriété énergétique", "plan de mobilité", "covoiturage", "zéro artificialisation nette",
            "rénovation énergétique", "biodiversité", "adaptation au changement climatique", "éco-responsabilité",
            "fresque du climat", "achats durables", "gestion de l'eau", "économie circulaire", "alimentation locale",
            "territoire engagé",
        ),
    },
    "numerique": {
        "demarches": (
            ("m", "Déploiement d'outils collaboratifs", "déploiement d'outils collaboratifs accompagné par des ambassadeurs"),
            ("p", "Conseillers numériques de proximité", "conseillers numériques au plus près des usagers", "territoriale since_2021"),
            ("f", "Dématérialisation des autorisations d'urbanisme", "dématérialisation complète des autorisations d'urbanisme", "ddi|commune|intercommunalite"),
            ("m", "Tableau de bord des politiques publiques", "tableau de bord partagé des politiques publiques prioritaires", "!hospitaliere"),
            ("f", "Expérimentation de l'intelligence artificielle", "expérimentation encadrée de l'intelligence artificielle générative", "since_2023"),
            ("m", "Intranet refondu avec les agents", "intranet refondu avec les agents eux-mêmes"),
        ),
        "problems": (
            "des outils numériques mal appropriés par les équipes", "une fracture numérique marquée chez les usagers",
            "des délais d'instruction trop longs", "des données dispersées dans de multiples tableurs",
        ),
        "objectives": (
            "faciliter le travail collaboratif à distance", "accompagner les usagers éloignés du numérique",
            "raccourcir les délais d'instruction", "fiabiliser les données de pilotage",
        ),
        "tags": (
            "dématérialisation", "outils collaboratifs", "inclusion numérique", "données ouvertes", "visioconférence",
            "intranet", "automatisation", "intelligence artificielle", "cybersécurité", "tableau de bord",
            "conseiller numérique", "logiciel libre", "signature électronique", "France services",
        ),
    },
    "ressources-humaines": {
        "demarches": (
            ("m", "Parcours d'intégration des nouveaux arrivants", "parcours d'intégration des nouveaux arrivants"),
            ("f", "Revue des cadres", "revue annuelle des cadres et des potentiels"),
            ("p", "Entretiens de carrière", "entretiens de carrière proposés à mi-parcours"),
            ("f", "Gestion prévisionnelle des emplois", "gestion prévisionnelle des emplois et des compétences"),
            ("m", "Recrutement par mises en situation", "recrutement fondé sur des mises en situation"),
            ("m", "Vivier d'apprentis", "vivier d'apprentis dans les métiers techniques"),
        ),
        "problems": (
            "des postes qui restaient vacants plusieurs mois", "un accueil des nouveaux agents laissé au hasard",
            "des parcours professionnels peu lisibles", "de nombreux départs à la retraite à anticiper",
        ),
        "objectives": (
            "réussir l'accueil des nouveaux arrivants", "rendre les parcours professionnels plus lisibles",
            "anticiper les départs à la retraite", "diversifier les profils recrutés",
        ),
        "tags": (
            "recrutement", "parcours professionnel", "entretien professionnel", "accueil des nouveaux arrivants",
            "mobilité", "gestion prévisionnelle des emplois", "apprentissage", "marque employeur", "reconversion",
            "intégration", "plateforme RH", "entretien de carrière", "revue des cadres", "vivier",
        ),
    },
    "qualite-de-vie-au-travail": {
        "demarches": (
            ("f", "Charte du télétravail", "charte du télétravail élaborée avec les représentants du personnel"),
            ("m", "Plan de prévention des risques psychosociaux", "plan de prévention des risques psychosociaux"),
            ("f", "Semaine de quatre jours à l'essai", "expérimentation de la semaine de quatre jours"),
            ("m", "Baromètre social annuel", "baromètre social annuel suivi d'un plan d'action"),
            ("f", "Cellule d'écoute et de soutien", "cellule d'écoute et de soutien psychologique"),
            ("p", "Espaces de discussion sur le travail", "espaces de discussion sur le travail dans chaque équipe"),
        ),
        "problems": (
            "une hausse des arrêts de travail", "une charge de travail jugée excessive par les équipes",
            "des tensions apparues avec le travail hybride", "un sentiment d'usure chez les agents de terrain",
        ),
        "objectives": (
            "prévenir l'épuisement professionnel", "concilier vie professionnelle et vie personnelle",
            "redonner du sens au travail quotidien", "réguler la charge de travail",
        ),
        "tags": (
            "télétravail", "qualité de vie au travail", "risques psychosociaux", "droit à la déconnexion",
            "équilibre des temps de vie", "santé au travail", "baromètre social", "bien-être au travail",
            "ergonomie", "charge de travail", "semaine de quatre jours", "horaires variables", "cellule d'écoute",
            "soutien psychologique",
        ),
    },
    "egalite-professionnelle": {
        "demarches": (
            ("m", "Plan d'action pour l'égalité professionnelle", "plan d'action pour l'égalité professionnelle"),
            ("m", "Réseau de référents égalité", "réseau de référents égalité et diversité"),
            ("f", "Session de sensibilisation aux violences sexistes", "session de sensibilisation aux violences sexistes et sexuelles"),
            ("m", "Mentorat de femmes cadres", "programme de mentorat destiné aux femmes cadres"),
            ("m", "Accueil des agents en situation de handicap", "accompagnement des agents en situation de handicap"),
        ),
        "problems": (
            "une faible part de femmes dans l'encadrement supérieur", "des écarts de rémunération persistants",
            "des situations de harcèlement mal repérées", "des métiers techniques très peu mixtes",
        ),
        "objectives": (
            "féminiser l'encadrement supérieur", "réduire les écarts de rémunération",
            "mieux prévenir les violences sexistes et sexuelles", "favoriser la mixité des métiers",
        ),
        "tags": (
            "égalité femmes-hommes", "mixité des métiers", "lutte contre les discriminations", "handicap",
            "inclusion", "violences sexistes et sexuelles", "parentalité", "label diversité", "référent égalité",
            "index égalité", "accessibilité", "écarts de rémunération", "sensibilisation", "plafond de verre",
        ),
    },
    "attractivite": {
        "demarches": (
            ("m", "Forum des métiers du service public", "forum des métiers du service public local", "territoriale"),
            ("m", "Réseau d'ambassadeurs du territoire", "réseau d'ambassadeurs chargés de faire connaître le territoire"),
            ("f", "Offre de logement pour les agents", "offre de logement temporaire pour les agents nouvellement affectés"),
            ("p", "Stages et services civiques", "stages et missions de service civique proposés aux jeunes diplômés"),
            ("f", "Revitalisation d'un centre-bourg", "revitalisation d'un centre-bourg avec les habitants", "commune|intercommunalite"),
        ),
        "problems": (
            "des métiers en tension difficiles à pourvoir", "un territoire rural jugé peu attractif",
            "des jeunes diplômés qui ne pensent pas au service public", "un coût du logement dissuasif",
        ),
        "objectives": (
            "attirer de nouveaux profils", "fidéliser les agents recrutés",
            "faire connaître les métiers du service public", "redonner vie au centre-bourg",
        ),
        "tags": (
            "attractivité des métiers", "attractivité du territoire", "fidélisation", "logement des agents",
            "métiers en tension", "jeunes diplômés", "stages", "service civique", "forum des métiers",
            "ambassadeurs", "zones rurales", "revitalisation", "Petites villes de demain", "ruralité",
        ),
    },
    "espaces-de-travail": {
        "demarches": (
            ("m", "Tiers-lieu ouvert aux agents publics", "tiers-lieu ouvert aux agents de plusieurs administrations"),
            ("m", "Flex office accompagné", "passage au flex office accompagné par les équipes"),
            ("p", "Bureaux partagés entre services", "bureaux partagés entre services de l'État", "etat"),
            ("f", "Salle de créativité", "salle de créativité aménagée pour les ateliers collectifs"),
            ("m", "Réaménagement des espaces avec les agents", "réaménagement des espaces conçu avec les agents"),
        ),
        "problems": (
            "des locaux vétustes et mal adaptés", "des bureaux vides une partie de la semaine",
            "de longs trajets jusqu'au siège", "l'absence de lieux pour travailler ensemble",
        ),
        "objectives": (
            "offrir des lieux de travail plus proches des domiciles", "adapter les locaux au travail hybride",
            "créer des espaces de convivialité", "réduire la surface immobilière occupée",
        ),
        "tags": (
            "tiers-lieu", "flex office", "espace de coworking", "aménagement des bureaux", "bureaux partagés",
            "salle de créativité", "espaces collaboratifs", "nouveaux modes de travail", "sites distants",
            "immobilier de l'État", "espace de convivialité", "postes partagés", "fab lab", "maison de services",
        ),
    },
    "innovation": {
        "demarches": (
            ("m", "Laboratoire d'innovation publique", "laboratoire d'innovation publique au sein du service"),
            ("m", "Hackathon des agents", "hackathon ouvert aux agents et aux usagers"),
            ("f", "Immersion des cadres auprès des usagers", "immersion des cadres auprès des usagers"),
            ("m", "Design d'un service aux usagers", "projet de design d'un service aux usagers"),
            ("m", "Budget participatif interne", "budget participatif interne"),
            ("f", "Simplification des démarches administratives", "simplification des démarches administratives"),
        ),
        "problems": (
            "des démarches administratives jugées trop complexes", "des idées d'agents qui ne trouvaient pas de débouché",
            "une méconnaissance des attentes réelles des usagers", "des projets conçus sans les premiers concernés",
        ),
        "objectives": (
            "simplifier les démarches des usagers", "donner aux agents les moyens d'expérimenter",
            "partir des besoins des usagers", "diffuser une culture de l'expérimentation",
        ),
        "tags": (
            "innovation publique", "laboratoire d'innovation", "design des politiques publiques", "expérimentation",
            "design thinking", "hackathon", "prototypage", "participation citoyenne", "sciences comportementales",
            "simplification administrative", "démarche usagers", "immersion", "budget participatif", "living lab",
        ),
    },
    "formation-et-competences": {
        "demarches": (
            ("f", "Formation-action des managers", "formation-action de cinq jours pour les managers"),
            ("m", "Coaching collectif d'équipes", "coaching collectif des équipes de direction"),
            ("m", "Tutorat des agents en reconversion", "tutorat des agents en reconversion"),
            ("m", "Cycle de webinaires entre pairs", "cycle de webinaires animés par les agents eux-mêmes"),
            ("m", "Référentiel de compétences partagé", "référentiel de compétences partagé entre services"),
            ("f", "Université interne", "université interne ouverte à tous les agents"),
        ),
        "problems": (
            "des savoir-faire qui disparaissaient avec les départs", "une offre de formation peu adaptée aux besoins",
            "des managers peu formés à l'encadrement", "des compétences rares concentrées sur quelques personnes",
        ),
        "objectives": (
            "transmettre les savoir-faire", "former les managers à l'animation d'équipe",
            "développer les compétences clés", "faire de chaque agent un formateur potentiel",
        ),
        "tags": (
            "formation-action", "coaching", "compétences managériales", "tutorat", "webinaires",
            "parcours de formation", "apprentissage entre pairs", "autodiagnostic", "e-learning",
            "formation des élus", "savoir-faire", "transmission des savoirs", "référentiel de compétences",
            "communauté apprenante",
        ),
    },
}
# fmt: on
