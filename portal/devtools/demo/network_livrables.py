"""The numbered livrables of the demo networks, keyed by network slug.

Statuses and dates are those a real network would show: most livrables done with the day they were
delivered (some late, as in life), one still under way, one planned. Dates are fixed, and the open ones
fall in 2027, so that "prévu" stays true whenever the demo is reloaded.

A livrable may carry a document the demo fiches already load (found by title), e.g. the Bretagne charter.
"""

from .fiches import BRETAGNE as BRETAGNE_FICHE
from .fiches import TARN as TARN_FICHE
from .fiches import _p

DONE, IN_PROGRESS, PLANNED = "realise", "en-cours", "prevu"

BRETAGNE = [
    {
        "slug": "creation-du-reseau-et-charte",
        "title": "Création du réseau et charte de fonctionnement",
        "intro": "La rencontre fondatrice de janvier 2018 et la charte qui fixe les règles du réseau.",
        "kind": "autre",
        "status": DONE,
        "due_date": "2018-01-31",
        "completion_date": "2018-01-15",
        "description": _p(
            "Vingt-cinq cadres répondent à l'invitation de la DDTM des Côtes-d'Armor. Ils adoptent une charte "
            "courte : volontariat, confidentialité des échanges, parole de pair à pair quel que soit le grade, et "
            "coanimation avec la plateforme RH régionale."
        ),
        "documents": [BRETAGNE_FICHE["document"]],
    },
    {
        "slug": "site-collaboratif",
        "title": "Site collaboratif du réseau",
        "intro": "Un espace en ligne pour les comptes rendus, les ressources et l'agenda des rencontres.",
        "kind": "outil",
        "status": DONE,
        "due_date": "2018-06-30",
        "completion_date": "2018-10-15",
        "description": _p(
            "Ouvert avec quatre mois de retard, le temps de trouver un outil accessible depuis tous les ministères. "
            "Il sert surtout d'archive : les échanges du quotidien sont restés au téléphone et à la messagerie."
        ),
    },
    {
        "slug": "journee-de-coaching",
        "title": "Journée de coaching collectif",
        "intro": "Une journée pour travailler ses situations de management avec des coachs et des pairs.",
        "kind": "formation",
        "status": DONE,
        "due_date": "2019-04-30",
        "completion_date": "2019-04-11",
        "description": _p(
            "Vingt-quatre membres ont apporté chacun une situation réelle, travaillée en petits groupes avec deux "
            "coachs internes mobilisés par la plateforme RH régionale."
        ),
    },
    {
        "slug": "autodiagnostic-des-competences-manageriales",
        "title": "Autodiagnostic des compétences managériales",
        "intro": "Une grille pour faire le point sur sa pratique, seul ou avec son supérieur.",
        "kind": "outil",
        "status": DONE,
        "due_date": "2020-06-30",
        "completion_date": "2021-01-28",
        "description": _p(
            "Construite par un groupe de huit membres, testée dans trois services, la grille couvre la conduite du "
            "changement, l'animation d'équipe et la prévention des risques. Sa diffusion a été repoussée par la "
            "crise sanitaire ; elle sert aujourd'hui lors des prises de poste."
        ),
    },
    {
        "slug": "seminaire-management-agile",
        "title": "Séminaire « Manager en mode agile »",
        "intro": "Une journée pour découvrir les méthodes agiles et ce qu'elles changent pour un service de l'État.",
        "kind": "seminaire",
        "status": DONE,
        "due_date": "2022-06-30",
        "completion_date": "2022-06-16",
        "description": _p(
            "Témoignages de deux services qui ont essayé, ateliers pratiques et discussion franche sur les limites "
            "de l'agilité dans une administration soumise au calendrier réglementaire."
        ),
    },
    {
        "slug": "ligne-ecoute-des-managers",
        "title": "Ligne d'écoute des managers",
        "intro": "Un numéro où un pair formé à l'écoute répond aux cadres confrontés à une situation difficile.",
        "kind": "outil",
        "status": IN_PROGRESS,
        "due_date": "2027-06-30",
        "completion_date": None,
        "description": _p(
            "Ouverte à titre expérimental en 2024 avec six écoutants volontaires, la ligne doit être évaluée puis "
            "étendue à tous les services de la région, avec l'appui de la plateforme RH régionale."
        ),
    },
    {
        "slug": "session-egalite-femmes-hommes",
        "title": "Session sur l'égalité entre les femmes et les hommes dans le management",
        "intro": "Une demi-journée pour regarder les pratiques d'encadrement sous l'angle de l'égalité.",
        "kind": "evenement",
        "status": PLANNED,
        "due_date": "2027-03-09",
        "completion_date": None,
        "description": _p(
            "Préparée avec les référentes égalité des préfectures : répartition des dossiers, réunions et temps "
            "partiel, stéréotypes dans les entretiens professionnels."
        ),
    },
]

OCCITANIE = [
    {
        "slug": "mesure-de-la-performance-collective",
        "title": "Mesure de la performance collective de 12 collectifs",
        "intro": "Un diagnostic du fonctionnement de douze équipes volontaires, environ 200 agents.",
        "kind": "outil",
        "status": DONE,
        "due_date": "2018-12-31",
        "completion_date": "2019-02-28",
        "description": _p(
            "Chaque équipe a répondu à un questionnaire sur son organisation, sa coopération et sa charge, puis a "
            "choisi elle-même deux ou trois pistes lors d'une restitution collective."
        ),
    },
    {
        "slug": "espaces-collaboratifs-toulouse-montpellier",
        "title": "Espaces de travail collaboratifs à Toulouse et à Montpellier",
        "intro": "Des salles réaménagées avec les agents pour les réunions entre sites et le travail en projet.",
        "kind": "autre",
        "status": DONE,
        "due_date": "2019-03-31",
        "completion_date": "2019-10-17",
        "description": _p(
            "Mobilier modulable, visioconférence, surfaces d'écriture : les aménagements ont pris sept mois de "
            "plus que prévu, à cause des procédures immobilières et d'achat."
        ),
    },
    {
        "slug": "seminaire-des-cadres-superieurs",
        "title": "Séminaire des cadres supérieurs",
        "intro": "Deux jours pour partager les enseignements des diagnostics et s'engager ensemble.",
        "kind": "seminaire",
        "status": DONE,
        "due_date": "2018-11-30",
        "completion_date": "2018-11-22",
        "description": _p(
            "Les cadres supérieurs se sont accordés sur des engagements managériaux communs aux deux sites, "
            "présentés ensuite à l'ensemble des agents."
        ),
    },
    {
        "slug": "coaching-des-encadrants",
        "title": "Coaching des encadrants",
        "intro": "Des séances individuelles et collectives pour les encadrants volontaires.",
        "kind": "formation",
        "status": DONE,
        "due_date": "2019-12-31",
        "completion_date": "2019-12-13",
        "description": _p(
            "Coachs internes et externes ; une vingtaine d'encadrants accompagnés, surtout des cadres déjà "
            "convaincus, d'où l'idée de l'intégrer plus tard aux parcours de prise de poste."
        ),
    },
]

TARN = [
    {
        "slug": "note-d-intention",
        "title": "Note d'intention",
        "intro": "Pourquoi le pôle territorial et l'alliance pour les transitions se lancent, et avec qui.",
        "kind": "note-intention",
        "status": DONE,
        "due_date": "2021-06-30",
        "completion_date": "2021-06-24",
        "description": _p("Présentée aux présidents des cinq intercommunalités, qui ont accepté d'engager la suite."),
    },
    {
        "slug": "note-de-cadrage",
        "title": "Note de cadrage",
        "intro": "Les objectifs, la gouvernance, le calendrier et le rôle de chaque partenaire.",
        "kind": "note-cadrage",
        "status": DONE,
        "due_date": "2022-03-31",
        "completion_date": "2022-03-17",
        "description": _p(
            "Elle installe les deux groupes de pairs, la formation de 40 managers et le comité de pilotage."
        ),
        "documents": [TARN_FICHE["document"]],
    },
    {
        "slug": "note-de-faisabilite",
        "title": "Note de faisabilité",
        "intro": "Les moyens humains et financiers pour pérenniser la démarche et l'ouvrir à d'autres collectivités.",
        "kind": "note-faisabilite",
        "status": IN_PROGRESS,
        "due_date": "2027-02-26",
        "completion_date": None,
        "description": _p(
            "En cours de rédaction avec les DGS : coût d'un poste d'animation mutualisé, financements possibles, "
            "conditions d'entrée de nouvelles collectivités."
        ),
    },
]

LIVRABLES = {
    "reseau-breton-des-pratiques-manageriales": BRETAGNE,
    "communaute-des-managers-dreal-occitanie": OCCITANIE,
    "pole-territorial-du-tarn-management-cooperatif": TARN,
}
