"""The chantiers of the ministry-wide community of senior managers, with référents and dated sessions.

Référents are named as in people_data and must hold an open membership of the community (the admin
form refuses anyone else; the demo keeps the same rule). Sessions have fixed dates: those of 2025–2026
are already past, those of 2027 upcoming, so the page shows both lists and reloading changes nothing.
Links point to `visio.example.org`, a domain reserved for examples.
"""

from .fiches import _html, _p, _ul

ON_SITE, REMOTE = "presentiel", "visio"
VISIO = "https://visio.example.org/communaute-cadres-superieurs"


def on_site(day, time, place, topic):
    return {"date": day, "start_time": time, "format": ON_SITE, "place": place, "link": "", "topic": topic}


def remote(day, time, room, topic):
    return {"date": day, "start_time": time, "format": REMOTE, "place": "", "link": f"{VISIO}/{room}", "topic": topic}


MINISTRY = [
    {
        "slug": "jeunes-managers",
        "title": "Jeunes managers",
        "intro": "Un parrain ou une marraine et des rencontres pour les cadres nommés depuis moins de trois ans.",
        "status": "actif",
        "stakes": _html(
            _p(
                "Les premières années d'encadrement supérieur décident souvent de la suite : on y découvre seul la "
                "relation avec le corps préfectoral, les élus et les organisations syndicales."
            ),
            _ul(
                "Un parrainage d'un an par un cadre expérimenté d'un autre service.",
                "Deux rencontres par an entre jeunes managers, avec un invité.",
                "Un guide du parrainage, écrit à partir des premiers binômes.",
            ),
        ),
        "how_to_join": _p(
            "Écrivez au référent du chantier en indiquant votre date de nomination ; les binômes sont constitués "
            "chaque année en septembre."
        ),
        "referents": [
            ("Hugo Lemaire", "Pilote du chantier"),
            ("Caroline Vasseur", "Constitution des binômes de parrainage"),
        ],
        "sessions": [
            on_site("2025-03-18", "09:30", "Paris La Défense, salle du conseil", "Lancement de la promotion 2025"),
            remote("2026-06-11", "14:00", "jeunes-managers-juin-2026", "Bilan des binômes de parrainage"),
            on_site(
                "2027-01-21", "09:30", "Lyon, DDT du Rhône", "Rencontre des jeunes managers : la relation aux élus"
            ),
            remote("2027-05-20", "14:00", "jeunes-managers-mai-2027", "Présentation du guide du parrainage"),
        ],
    },
    {
        "slug": "groupes-de-pairs",
        "title": "Groupes de pairs",
        "intro": "Des groupes stables de 8 à 10 cadres qui travaillent leurs situations difficiles entre eux.",
        "status": "actif",
        "stakes": _html(
            _p(
                "À ce niveau de responsabilité, peu de collègues du même service peuvent entendre une difficulté. "
                "Un groupe de pairs d'autres services offre un regard libre et une règle stricte de confidentialité."
            ),
            _ul(
                "Des groupes de 8 à 10 personnes, constitués pour un an.",
                "Une méthode de codéveloppement : une situation, des questions, des pistes, un retour.",
                "Une séance toutes les six semaines, en alternance présentiel et visioconférence.",
            ),
        ),
        "how_to_join": _p(
            "Inscriptions auprès de la référente avant fin juin ; les groupes démarrent en octobre. Chacun s'engage "
            "à venir à toutes les séances de l'année."
        ),
        "referents": [("Anne Morvan", "Constitution des groupes"), ("Karima Mansouri", "Formation des facilitateurs")],
        "sessions": [
            remote("2026-02-05", "09:00", "pairs-fevrier-2026", "Séance de codéveloppement : une réorganisation"),
            on_site("2026-10-01", "10:00", "Orléans, DREAL Centre-Val de Loire", "Lancement des groupes 2026-2027"),
            remote("2027-02-04", "09:00", "pairs-fevrier-2027", "Séance de codéveloppement : un conflit d'équipe"),
            on_site(
                "2027-04-08", "10:00", "Bordeaux, DDTM de la Gironde", "Séance de codéveloppement et bilan d'étape"
            ),
        ],
    },
    {
        "slug": "webinaires",
        "title": "Webinaires du mardi",
        "intro": "Une heure, un sujet, un service qui témoigne : un mardi par mois à l'heure du déjeuner.",
        "status": "actif",
        "stakes": _p(
            "Faire connaître vite, et sans déplacement, ce qui marche ailleurs : un format court qui tient dans "
            "un agenda de directeur, enregistré pour ceux qui n'ont pas pu venir."
        ),
        "how_to_join": _p(
            "Ouvert à tous les membres sans inscription : le lien de connexion figure sur chaque séance. Pour "
            "proposer un sujet ou témoigner, écrivez à la référente."
        ),
        "referents": [("Nathalie Rigal", "Programmation"), ("Leïla Benzaïd", "Logistique et enregistrements")],
        "sessions": [
            remote("2026-05-12", "12:30", "webinaire-mai-2026", "Piloter une équipe répartie sur deux sites"),
            remote(
                "2026-09-15",
                "12:30",
                "webinaire-septembre-2026",
                "Le management par la coopération dans un territoire rural",
            ),
            remote("2027-01-12", "12:30", "webinaire-janvier-2027", "Mesurer la performance collective sans inquiéter"),
            remote("2027-02-09", "12:30", "webinaire-fevrier-2027", "Une ligne d'écoute pour les managers"),
        ],
    },
    {
        "slug": "lettre-des-managers",
        "title": "Lettre des managers",
        "intro": "Une lettre trimestrielle écrite par et pour les cadres du ministère.",
        "status": "preparation",
        "stakes": _p(
            "Donner à voir les pratiques des services, racontées par ceux qui les mènent, et relayer les chantiers "
            "de la communauté à ceux qui n'ont pas le temps d'y participer."
        ),
        "how_to_join": _p(
            "Le comité de rédaction cherche des correspondants dans chaque région : un article par an suffit. "
            "Contactez le rédacteur en chef."
        ),
        "referents": [("Sébastien Roussel", "Rédaction en chef"), ("Sarah Lebrun", "Diffusion")],
        "sessions": [
            remote("2026-10-06", "11:00", "lettre-octobre-2026", "Comité de rédaction : ligne éditoriale"),
            on_site(
                "2027-01-14",
                "10:00",
                "Paris La Défense, salle 4.12",
                "Comité de rédaction : sommaire du premier numéro",
            ),
        ],
    },
]

WORKSTREAMS = {"communaute-ministerielle-des-cadres-superieurs": MINISTRY}
