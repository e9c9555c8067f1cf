"""Three complete fiches retour d'expérience, for `manage.py load_demo`.

They retell the networks the portal was designed for (see DESIGN.md): a regional network of managers
in Bretagne, a DREAL programme supporting managers in Occitanie, and management by cooperation in a
rural pôle territorial of the Tarn. Each one fills every section, key figure, contact, document and
image, so that listings, facets, the fiche page and the search show what a real fiche looks like.

Idempotent like the other loaders: fiches are found by slug under the index, media by title, and a
fiche is saved (one revision, one publication) only when what is stored differs from what is below.
"""

import io
import textwrap
import unicodedata
from datetime import date

from django.core.files.base import ContentFile
from django.db import transaction
from PIL import Image as PILImage
from PIL import ImageDraw, ImageFont
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.utils.file import hash_filelike

from practices.models import (
    ActorCategory,
    Department,
    FicheAttachment,
    FicheContact,
    FicheImage,
    KeyFigure,
    PracticeIndexPage,
    PracticeSheetPage,
    Region,
    ServiceType,
    Theme,
)
from practices.models.fiche import review_date_after

# A fixed date, so that reloading never moves the review date (two years later, as the portal's rule).
PUBLISHED_ON = date(2026, 9, 14)
REVIEW_DATE = review_date_after(PUBLISHED_ON)

SECTIONS = ("context", "description", "objectives", "actions", "results", "what_worked", "what_did_not_work", "lessons")
SCALAR_FIELDS = (
    "title",
    "intro",
    "carrying_structure",
    "service_type_id",
    "region_id",
    "start_year",
    "end_year",
    "fonction_publique",
    "review_date",
    *SECTIONS,
)


def _p(text):
    return f"<p>{text}</p>"


def _ul(*items):
    return "<ul>" + "".join(f"<li>{item}</li>" for item in items) + "</ul>"


def _ol(*items):
    return "<ol>" + "".join(f"<li>{item}</li>" for item in items) + "</ol>"


def _html(*blocks):
    return "".join(blocks)


# --- 1. Bretagne: a regional network of managers ---------------------------------------------------

BRETAGNE = {
    "slug": "reseau-breton-pratiques-manageriales",
    "title": "Un réseau régional pour partager les pratiques managériales des cadres de l'État en Bretagne",
    "short_name": "Réseau breton des pratiques managériales",
    "intro": (
        "Lancé en 2017-2018 à l'initiative de la DDTM des Côtes-d'Armor, ce réseau réunit une quarantaine de cadres "
        "des préfectures, des directions régionales et des directions départementales interministérielles de "
        "Bretagne. Animé avec la plateforme régionale d'appui interministériel à la GRH, il a produit sept livrables, "
        "de la charte fondatrice à la ligne d'écoute des managers."
    ),
    "carrying_structure": "DDTM des Côtes-d'Armor, avec la plateforme régionale d'appui interministériel à la GRH",
    "service_type": "ddi",
    "region": "53",
    "departments": ["22", "29", "35", "56"],
    "start_year": 2017,
    "end_year": None,
    "fonction_publique": "etat",
    "themes": [
        "management",
        "cooperation",
        "formation-et-competences",
        "egalite-professionnelle",
        "qualite-de-vie-au-travail",
    ],
    "actors": ["agents-etat"],
    "tags": ["réseau régional", "interministériel", "management agile", "coaching", "autodiagnostic", "ligne d'écoute"],
    "context": _html(
        _p(
            "En 2017, plusieurs cadres des services de l'État en Bretagne font le même constat : les réorganisations "
            "successives, la baisse des effectifs et les attentes nouvelles des agents ont profondément transformé le "
            "métier de manager, sans que les occasions d'en parler entre pairs se soient multipliées. Chacun affronte "
            "seul, dans son service, des questions pourtant très proches : conduire un changement, animer une équipe "
            "répartie sur plusieurs sites, accompagner un agent en difficulté."
        ),
        _p(
            "À la <b>DDTM des Côtes-d'Armor</b>, l'équipe de direction propose de dépasser les frontières d'un seul "
            "ministère. Préfectures, directions régionales et directions départementales interministérielles partagent "
            "les mêmes territoires et souvent les mêmes dossiers, mais leurs cadres se croisent surtout en réunion de "
            "travail, rarement pour échanger sur leurs pratiques. La <b>plateforme régionale d'appui interministériel "
            "à la GRH</b>, qui cherchait justement à mieux soutenir les managers de proximité, s'associe à la démarche "
            "dès 2018."
        ),
    ),
    "description": _html(
        _p(
            "Le réseau régional d'échange de pratiques managériales rassemble, sur la base du volontariat, une "
            "<b>quarantaine de cadres</b> issus de 4 préfectures, de 5 directions régionales et de 11 directions "
            "départementales interministérielles. Il n'a ni statut ni budget propre : il repose sur l'engagement de ses "
            "membres, l'accord de leurs directions et l'appui de la plateforme régionale d'appui interministériel à la "
            "GRH, qui coanime le réseau avec la DDTM."
        ),
        _p(
            "Le réseau vit de rencontres régulières, accueillies à tour de rôle par les services membres. Ses travaux "
            "ont pris la forme de <b>sept livrables numérotés</b>, chacun préparé par un petit groupe de volontaires :"
        ),
        _ol(
            "la création du réseau et sa charte de fonctionnement ;",
            "un site collaboratif ;",
            "une journée de coaching ;",
            "un autodiagnostic des compétences managériales ;",
            "un séminaire consacré au management agile ;",
            "une ligne d'écoute pour les managers ;",
            "une session sur l'égalité entre les femmes et les hommes.",
        ),
    ),
    "objectives": _html(
        _p("Les membres ont fixé eux-mêmes trois objectifs lors de la rencontre fondatrice :"),
        _ul(
            "<b>rompre l'isolement des managers</b>, en particulier des cadres intermédiaires, en leur offrant un lieu "
            "où parler librement de leurs difficultés, en dehors de toute ligne hiérarchique ;",
            "<b>faire circuler les pratiques</b> qui fonctionnent d'un service à l'autre et d'un ministère à l'autre, "
            "plutôt que de les réinventer dans chaque direction ;",
            "<b>développer les compétences managériales</b> par des formats courts et concrets (coaching, "
            "autodiagnostic, séminaire) qui complètent l'offre de formation existante.",
        ),
        _p(
            "Au-delà des cadres eux-mêmes, la démarche vise les équipes qu'ils encadrent : un manager mieux soutenu est "
            "mieux à même de soutenir ses agents."
        ),
    ),
    "actions": _html(
        _p("Les actions se sont enchaînées à partir de la fin de l'année 2017 :"),
        _ul(
            "<b>Lancement</b> : la DDTM des Côtes-d'Armor sollicite les directions de la région ; une rencontre "
            "fondatrice adopte une charte et confie l'animation à un binôme DDTM – plateforme RH régionale "
            "(livrable 1).",
            "<b>Outiller le réseau</b> : ouverture d'un site collaboratif pour partager comptes rendus, ressources et "
            "agenda (livrable 2).",
            "<b>Se former entre pairs</b> : une journée de coaching collectif (livrable 3), puis la construction d'un "
            "autodiagnostic des compétences managériales que chacun peut remplir seul ou en parler avec son "
            "supérieur (livrable 4).",
            "<b>Ouvrir de nouveaux sujets</b> : un séminaire sur le management agile (livrable 5), une ligne d'écoute "
            "pour les managers confrontés à une situation difficile (livrable 6) et une session consacrée à l'égalité "
            "entre les femmes et les hommes (livrable 7).",
        ),
    ),
    "results": _html(
        _p(
            "Le premier résultat est l'existence même du réseau : une quarantaine de cadres de trois niveaux "
            "d'administration, préfectoral, régional et départemental, ont pris l'habitude de se retrouver et de "
            "s'appeler entre deux rencontres. Les sept livrables restent disponibles et réutilisables par d'autres "
            "services ; l'autodiagnostic, en particulier, a été conçu pour servir lors d'une prise de poste ou d'un "
            "entretien professionnel."
        ),
        _p(
            "Les participants citent aussi des effets moins visibles : une meilleure connaissance des services voisins, "
            "qui facilite le travail interministériel au quotidien ; des idées rapportées dans leur équipe après un "
            "séminaire ; le sentiment, enfin, de ne plus être seuls face aux situations difficiles, que la ligne "
            "d'écoute est venue conforter. Le partenariat avec la plateforme régionale d'appui interministériel à la "
            "GRH a donné au réseau une légitimité et une continuité qu'une initiative purement locale n'aurait pas "
            "eues."
        ),
    ),
    "what_worked": _ul(
        "<b>Le volontariat</b> : personne n'a été désigné d'office ; les membres viennent parce qu'ils y trouvent un "
        "intérêt, ce qui donne aux échanges leur franchise.",
        "<b>Un portage par un service de terrain</b> : lancé par une DDTM et non par une administration centrale, le "
        "réseau a parlé d'emblée des problèmes que les cadres rencontrent réellement.",
        "<b>L'appui de la plateforme RH régionale</b> : des salles, des intervenants, un carnet d'adresses "
        "interministériel et la continuité qu'un réseau de volontaires a du mal à assurer seul.",
        "<b>Des livrables numérotés</b> : chaque production a un nom, un groupe porteur et une date, ce qui rend le "
        "travail visible pour les directions qui libèrent du temps à leurs cadres.",
    ),
    "what_did_not_work": _html(
        _p(
            "Le réseau a connu les difficultés de tout collectif fondé sur le volontariat. La <b>disponibilité des "
            "cadres</b> reste la première contrainte : les rencontres se clairsèment en période de crise ou "
            "d'échéance, et la participation repose trop souvent sur un noyau restreint de fidèles."
        ),
        _p(
            "Le <b>site collaboratif</b> a été moins utilisé que prévu : au bout de quelques mois, les échanges sont "
            "revenus vers la messagerie et le téléphone, et l'outil n'a vécu que grâce aux relances des animateurs. "
            "Les <b>distances</b> entre les quatre départements ont aussi pesé : une réunion à Rennes représente une "
            "journée entière pour un cadre du Finistère. Enfin, les mobilités renouvellent sans cesse les membres, ce "
            "qui oblige à réexpliquer régulièrement le sens de la démarche."
        ),
    ),
    "lessons": _html(
        _p("Pour un service qui voudrait créer un réseau comparable, plusieurs enseignements se dégagent :"),
        _ul(
            "s'associer <b>dès le départ</b> à la plateforme régionale d'appui interministériel à la GRH, qui connaît "
            "les acteurs et peut mobiliser des intervenants ;",
            "obtenir l'accord explicite des directeurs, pour que le temps passé dans le réseau soit reconnu comme du "
            "temps de travail ;",
            "préférer des rencontres courtes et régulières à de grands événements espacés, et alterner les lieux pour "
            "partager l'effort des déplacements ;",
            "donner un nom et un numéro à chaque production : c'est ce qui permet, des années plus tard, de retrouver "
            "ce qui a été fait et de le transmettre aux nouveaux membres ;",
            "ne pas compter sur un outil numérique pour faire vivre le réseau : ce sont les relations entre les "
            "personnes qui le font vivre, l'outil ne fait que les prolonger.",
        ),
    ),
    "key_figures": [
        ("40", "cadres membres du réseau"),
        ("4", "préfectures représentées"),
        ("5", "directions régionales représentées"),
        ("11", "directions départementales interministérielles"),
        ("7", "livrables numérotés"),
    ],
    "contacts": [
        (
            "Gwenola Le Bris",
            "Coanimatrice du réseau, DDTM des Côtes-d'Armor (contact fictif)",
            "gwenola.lebris@demo.reseaux.localhost",
        ),
        (
            "Erwan Kerhervé",
            "Conseiller, plateforme régionale d'appui interministériel à la GRH (contact fictif)",
            "erwan.kerherve@demo.reseaux.localhost",
        ),
    ],
    "document": {
        "title": "Charte du réseau breton des pratiques managériales",
        "filename": "charte-reseau-breton-pratiques-manageriales.txt",
        "text": """\
            CHARTE DU RÉSEAU BRETON DES PRATIQUES MANAGÉRIALES
            Livrable n° 1 — document de démonstration

            1. Objet
            Le réseau permet aux cadres des services de l'État en Bretagne (préfectures, directions régionales,
            directions départementales interministérielles) d'échanger sur leurs pratiques de management, de rompre
            leur isolement et de développer leurs compétences entre pairs.

            2. Membres
            Le réseau est ouvert à tout cadre qui encadre une équipe, sur la base du volontariat et avec l'accord de
            sa direction. Il compte une quarantaine de membres issus de 4 préfectures, 5 directions régionales et
            11 directions départementales interministérielles.

            3. Animation
            Le réseau est coanimé par la DDTM des Côtes-d'Armor, qui en a pris l'initiative, et par la plateforme
            régionale d'appui interministériel à la GRH. Les animateurs préparent l'agenda, accueillent les nouveaux
            membres et tiennent à jour la liste des livrables.

            4. Règles d'échange
            - Ce qui se dit en rencontre reste dans le réseau : on partage des pratiques, pas des noms.
            - Chacun parle de sa propre expérience, sans jugement sur celle des autres.
            - Le réseau n'est pas une instance hiérarchique : on y vient en pair, quel que soit son grade.

            5. Fonctionnement
            Des rencontres régulières, accueillies à tour de rôle par les services membres, et un site collaboratif
            pour les comptes rendus et les ressources.

            6. Les livrables
            1. Création du réseau et charte — 2. Site collaboratif — 3. Journée de coaching —
            4. Autodiagnostic des compétences managériales — 5. Séminaire management agile —
            6. Ligne d'écoute des managers — 7. Session égalité femmes-hommes.

            Contact (fictif) : gwenola.lebris@demo.reseaux.localhost
            """,
    },
    "image_caption": "Bannière de démonstration du réseau breton des pratiques managériales.",
}


# --- 2. Occitanie: a DREAL programme supporting its managers ---------------------------------------

OCCITANIE = {
    "slug": "dreal-occitanie-accompagnement-des-managers",
    "title": "Accompagner les managers d'une direction régionale : le programme 2018 de la DREAL Occitanie",
    "short_name": "DREAL Occitanie\u00a0: accompagner les managers",
    "intro": (
        "En 2018, la DREAL Occitanie a engagé un programme d'ensemble pour soutenir ses managers : mesure de la "
        "performance collective de 12 équipes (environ 200 agents), espaces de travail collaboratifs à Toulouse et à "
        "Montpellier, séminaire des cadres supérieurs et coaching. Une démarche qui agit à la fois sur les équipes, "
        "sur les lieux de travail et sur les postures managériales."
    ),
    "carrying_structure": "DREAL Occitanie",
    "service_type": "service-regional-etat",
    "region": "76",
    "departments": ["31", "34"],
    "start_year": 2018,
    "end_year": 2019,
    "fonction_publique": "etat",
    "themes": ["management", "espaces-de-travail", "qualite-de-vie-au-travail", "formation-et-competences"],
    "actors": ["agents-etat"],
    "tags": ["performance collective", "espaces collaboratifs", "coaching", "séminaire des cadres", "multisite"],
    "context": _html(
        _p(
            "Issue de la fusion des régions de 2016, la DREAL Occitanie est une direction régionale implantée sur deux "
            "sites principaux, à <b>Toulouse</b> et à <b>Montpellier</b>, distants de près de 250 kilomètres. Ses équipes "
            "ont dû apprendre à travailler ensemble malgré la distance, avec des cultures de service différentes et "
            "des encadrants parfois responsables d'agents répartis entre les deux villes."
        ),
        _p(
            "En 2018, la direction constate que ses managers sont très sollicités : une organisation encore récente, de "
            "nouveaux modes de travail à distance, des attentes fortes des agents en matière de qualité de vie au "
            "travail. Les formations au management, suivies individuellement, ne suffisent pas à faire évoluer les "
            "pratiques d'un collectif. La direction décide donc de bâtir un programme qui agit en même temps sur les "
            "équipes, sur les lieux de travail et sur les cadres eux-mêmes."
        ),
    ),
    "description": _html(
        _p("Le programme d'accompagnement des managers, lancé en 2018, combine quatre volets complémentaires :"),
        _ul(
            "<b>mesurer la performance collective</b> de 12 collectifs de travail volontaires, soit environ 200 "
            "agents, pour que chaque équipe dispose d'un diagnostic partagé de son fonctionnement ;",
            "<b>créer des espaces de travail collaboratifs</b> dans les deux villes, pensés pour les réunions courtes, "
            "le travail en mode projet et les échanges entre sites ;",
            "<b>réunir les cadres supérieurs</b> lors d'un séminaire consacré au rôle du manager dans une organisation "
            "multisite ;",
            "<b>proposer du coaching</b>, individuel ou collectif, aux encadrants qui le souhaitent.",
        ),
        _p(
            "Le fil conducteur est de partir du travail réel des équipes plutôt que d'un modèle managérial imposé d'en "
            "haut : ce sont les diagnostics des collectifs qui ont orienté l'aménagement des espaces et l'ordre du jour "
            "du séminaire."
        ),
    ),
    "objectives": _html(
        _p("Le programme poursuivait cinq objectifs :"),
        _ul(
            "donner aux managers des <b>repères objectifs</b> sur le fonctionnement de leur équipe, au-delà des "
            "impressions et des tensions du moment ;",
            "améliorer la <b>qualité de vie au travail</b> en agissant sur l'organisation et sur les lieux, et pas "
            "seulement sur les personnes ;",
            "faciliter le <b>travail entre Toulouse et Montpellier</b>, en limitant les déplacements inutiles et en "
            "offrant des lieux adaptés aux réunions entre sites ;",
            "construire une <b>culture managériale commune</b> dans une direction encore marquée par la fusion ;",
            "renforcer les <b>compétences</b> des encadrants par un accompagnement personnalisé.",
        ),
    ),
    "actions": _ul(
        "<b>Appel à volontaires</b> : le programme est présenté au comité de direction et aux représentants du "
        "personnel, puis proposé aux chefs de service ; douze collectifs s'engagent.",
        "<b>Mesure de la performance collective</b> : chaque équipe répond à un questionnaire sur son organisation, sa "
        "coopération et sa charge de travail ; les résultats sont restitués à l'équipe entière, qui retient elle-même "
        "deux ou trois pistes d'amélioration.",
        "<b>Espaces collaboratifs</b> : avec les agents concernés, des salles sont réaménagées à Toulouse et à "
        "Montpellier (mobilier modulable, visioconférence, surfaces d'écriture).",
        "<b>Séminaire des cadres supérieurs</b> : la direction réunit ses cadres pour partager les enseignements des "
        "diagnostics et définir des engagements managériaux communs.",
        "<b>Coaching</b> : des séances individuelles et collectives sont ouvertes aux encadrants volontaires, avec des "
        "coachs internes et externes.",
    ),
    "results": _html(
        _p(
            "Les 12 collectifs engagés, soit environ 200 agents, disposent d'un diagnostic partagé de leur "
            "fonctionnement et d'un plan d'action qu'ils ont choisi. Dans plusieurs équipes, la restitution a permis de "
            "mettre des mots sur des tensions anciennes, comme la répartition de la charge ou la circulation de "
            "l'information entre sites, et d'y répondre simplement : réunions d'équipe plus courtes et plus "
            "régulières, binômes entre Toulouse et Montpellier, règles communes pour la messagerie."
        ),
        _p(
            "Les espaces collaboratifs sont devenus des lieux de référence pour les réunions entre sites et les "
            "ateliers. Le séminaire a donné aux cadres supérieurs un vocabulaire commun, et les encadrants coachés "
            "disent avoir pris du recul sur leur posture. Le programme a surtout installé l'idée que la qualité du "
            "management est une affaire collective, et non une compétence que chacun devrait acquérir seul."
        ),
    ),
    "what_worked": _ul(
        "<b>Le volontariat des équipes</b> : aucun collectif n'a été contraint, ce qui a rendu les diagnostics "
        "crédibles aux yeux des agents.",
        "<b>La restitution à toute l'équipe</b> : les résultats n'ont pas été réservés au chef de service ; c'est "
        "l'équipe qui a choisi ses priorités.",
        "<b>Le lien entre les volets</b> : les besoins exprimés lors des diagnostics ont nourri la conception des "
        "espaces collaboratifs et le programme du séminaire.",
        "<b>L'engagement visible de la direction</b>, présente au lancement comme au séminaire.",
        "<b>Le dialogue social</b> : associer tôt les représentants du personnel a levé la crainte d'une évaluation "
        "individuelle déguisée.",
    ),
    "what_did_not_work": _html(
        _p(
            "La <b>mesure de la performance collective</b> a d'abord suscité de la méfiance : le mot « performance » a "
            "été compris par certains agents comme l'annonce d'un contrôle, voire de suppressions de postes. Il a fallu "
            "expliquer, équipe par équipe, que l'objet était le fonctionnement du collectif et non la productivité de "
            "chacun."
        ),
        _p(
            "Certains plans d'action sont restés <b>sans suite</b> quand le chef de service a changé de poste ou que "
            "l'équipe a été absorbée par une urgence : aucun point d'étape n'avait été prévu après la restitution. Les "
            "<b>aménagements d'espaces</b> ont pris plus de temps qu'annoncé, du fait des contraintes immobilières et "
            "des procédures d'achat. Enfin, le coaching a surtout attiré des cadres déjà convaincus, et peu ceux qui en "
            "auraient eu le plus besoin."
        ),
    ),
    "lessons": _ul(
        "Choisir ses <b>mots avec soin</b> : parler de « fonctionnement collectif » ou de « santé de l'équipe » "
        "plutôt que de « performance » évite bien des malentendus.",
        "Prévoir dès le départ un <b>suivi des plans d'action</b>, à six mois et à un an, qui ne dépende pas de la "
        "présence du chef de service.",
        "Traiter ensemble <b>organisation, lieux et management</b> : un espace collaboratif n'a d'effet que si "
        "l'équipe a d'abord réfléchi à sa façon de travailler.",
        "Anticiper les <b>délais immobiliers</b> et commencer par des aménagements légers et réversibles, testés avec "
        "les agents.",
        "Rendre le coaching accessible sans démarche individuelle lourde, par exemple en l'intégrant aux <b>parcours "
        "de prise de poste</b>.",
    ),
    "key_figures": [
        ("12", "collectifs de travail engagés dans la mesure de la performance collective"),
        ("200", "agents environ concernés par les diagnostics"),
        ("2", "villes dotées d'espaces collaboratifs : Toulouse et Montpellier"),
        ("1", "séminaire des cadres supérieurs"),
    ],
    "contacts": [
        (
            "Laure Castagné",
            "Chargée de mission management et qualité de vie au travail, DREAL Occitanie (contact fictif)",
            "laure.castagne@demo.reseaux.localhost",
        ),
    ],
    "document": {
        "title": "Programme d'accompagnement des managers de la DREAL Occitanie : synthèse",
        "filename": "synthese-programme-managers-dreal-occitanie.txt",
        "text": """\
            PROGRAMME D'ACCOMPAGNEMENT DES MANAGERS — DREAL OCCITANIE (2018)
            Synthèse en une page — document de démonstration

            Pourquoi
            Une direction régionale issue de la fusion de 2016, répartie entre Toulouse et Montpellier ; des managers
            très sollicités ; des attentes fortes des agents sur la qualité de vie au travail. Les formations
            individuelles ne suffisent pas à faire évoluer les pratiques d'un collectif.

            Quatre volets
            1. Mesure de la performance collective : 12 collectifs volontaires, environ 200 agents. Un questionnaire,
               une restitution à toute l'équipe, deux ou trois pistes d'amélioration choisies par l'équipe.
            2. Espaces de travail collaboratifs à Toulouse et à Montpellier : mobilier modulable, visioconférence,
               surfaces d'écriture, conçus avec les agents.
            3. Séminaire des cadres supérieurs : partager les enseignements des diagnostics, s'accorder sur des
               engagements managériaux communs.
            4. Coaching individuel et collectif pour les encadrants volontaires.

            Principes
            - Volontariat des équipes et des encadrants.
            - Les résultats appartiennent à l'équipe, pas seulement à son chef.
            - Représentants du personnel associés dès le lancement.
            - Aucune évaluation individuelle.

            Points de vigilance
            - Le mot « performance » inquiète : expliquer qu'il s'agit du fonctionnement du collectif.
            - Prévoir un suivi des plans d'action à six mois et à un an.
            - Anticiper les délais des aménagements immobiliers.

            Contact (fictif) : laure.castagne@demo.reseaux.localhost
            """,
    },
    "image_caption": "Bannière de démonstration du programme d'accompagnement des managers de la DREAL Occitanie.",
}


# --- 3. Tarn: management by cooperation in a rural pôle territorial --------------------------------

TARN = {
    "slug": "tarn-pole-territorial-management-par-la-cooperation",
    "title": "Manager par la coopération dans un pôle territorial rural du Tarn",
    "short_name": "Pôle territorial du Tarn\u00a0: manager par la coopération",
    "intro": (
        "Depuis 2021, un pôle territorial rural du Tarn, qui fédère 5 EPCI et 100 communes pour environ 59 500 "
        "habitants, expérimente le management par la coopération avec une alliance pour les transitions. Groupes de "
        "pairs d'agents et de DGS, formation de 40 managers sur cinq jours et trois notes successives structurent la "
        "démarche."
    ),
    "carrying_structure": "Pôle territorial rural du Tarn (5 EPCI), avec une alliance pour les transitions",
    "service_type": "intercommunalite",
    "region": "76",
    "departments": ["81"],
    "start_year": 2021,
    "end_year": None,
    "fonction_publique": "territoriale",
    "themes": ["cooperation", "management", "transition-ecologique", "formation-et-competences"],
    "actors": ["elus", "agents-collectivite", "agents-etat", "acteurs-socio-economiques"],
    "tags": [
        "groupes de pairs",
        "management par la coopération",
        "territoire rural",
        "DGS",
        "formation-action",
        "transitions",
    ],
    "context": _html(
        _p(
            "Le territoire couvre une partie rurale du Tarn : <b>5 établissements publics de coopération "
            "intercommunale</b>, <b>100 communes</b> et environ <b>59 500 habitants</b>. Les collectivités y sont "
            "petites et leurs équipes réduites ; beaucoup d'agents exercent seuls une fonction qui, dans une grande "
            "ville, occuperait un service entier. Secrétaires de mairie, agents techniques et directeurs généraux des "
            "services (DGS) se connaissent, mais travaillent rarement ensemble."
        ),
        _p(
            "Dans le même temps, les transitions écologique, énergétique et démographique appellent des projets "
            "qu'aucune commune ni aucune intercommunalité ne peut porter seule. En 2021, le pôle territorial qui fédère "
            "les cinq EPCI s'associe à une <b>alliance pour les transitions</b> réunissant collectivités, services de "
            "l'État et acteurs socio-économiques. Ensemble, ils font l'hypothèse que la réussite des transitions dépend "
            "d'abord de la capacité des équipes à coopérer, et donc de la manière dont elles sont managées."
        ),
    ),
    "description": _html(
        _p(
            "La démarche vise à faire évoluer l'encadrement des collectivités du territoire vers un <b>management par "
            "la coopération</b> : un management qui s'appuie sur l'intelligence collective, la confiance et le partage "
            "des décisions, au sein des équipes comme entre les structures."
        ),
        _p("Elle repose sur trois dispositifs :"),
        _ul(
            "des <b>groupes de pairs</b> : d'un côté des agents de différentes collectivités exerçant des métiers "
            "proches, de l'autre les DGS des intercommunalités et des communes, qui se réunissent régulièrement pour "
            "travailler sur des situations réelles ;",
            "une <b>formation de cinq jours</b> suivie par 40 managers du territoire, certaines séquences étant "
            "ouvertes aux élus et aux services de l'État ;",
            "trois <b>livrables</b> successifs qui formalisent le projet : une note d'intention, une note de cadrage "
            "et une note de faisabilité.",
        ),
    ),
    "objectives": _html(
        _p("Les partenaires se sont donné cinq objectifs, précisés au fil des trois notes :"),
        _ul(
            "<b>rompre l'isolement</b> des agents et des DGS des petites collectivités en leur offrant des espaces "
            "d'entraide entre pairs ;",
            "<b>faire évoluer les pratiques managériales</b> vers plus de coopération, de délégation et de "
            "transversalité, au service des projets de transition ;",
            "<b>mutualiser</b> à l'échelle du pôle les compétences rares, plutôt que de les rechercher dans chaque "
            "commune ;",
            "<b>associer</b> élus, agents des collectivités, services de l'État et acteurs socio-économiques autour "
            "d'une culture commune de la coopération ;",
            "vérifier, étape par étape, que le projet est <b>réaliste et finançable</b> avant de l'étendre.",
        ),
    ),
    "actions": _ol(
        "<b>Note d'intention (2021)</b> : le pôle et l'alliance pour les transitions écrivent pourquoi ils se lancent, "
        "sur quel territoire et avec quels premiers partenaires ; la note est présentée aux présidents des cinq EPCI.",
        "<b>Groupes de pairs</b> : un groupe d'agents volontaires et un groupe de DGS se réunissent à un rythme "
        "régulier, avec une méthode simple : une situation apportée par un participant, des questions, des pistes, "
        "un retour la fois suivante.",
        "<b>Note de cadrage</b> : elle précise les objectifs, la gouvernance, le calendrier et le rôle de chaque "
        "partenaire.",
        "<b>Formation des managers</b> : 40 managers suivent cinq journées de formation, réparties sur plusieurs mois "
        "pour laisser le temps d'expérimenter entre deux sessions.",
        "<b>Note de faisabilité</b> : elle évalue les moyens humains et financiers nécessaires pour pérenniser la "
        "démarche et l'ouvrir à d'autres collectivités.",
    ),
    "results": _html(
        _p(
            "La démarche a d'abord produit un <b>réseau de personnes</b> : 40 managers formés ensemble partagent "
            "désormais un vocabulaire et savent à qui s'adresser dans les collectivités voisines. Pour plusieurs "
            "participants, les groupes de pairs sont devenus le seul lieu où évoquer sans crainte une difficulté "
            "d'encadrement ou une relation tendue avec un élu."
        ),
        _p(
            "Le groupe des DGS a facilité des <b>coopérations concrètes</b> entre intercommunalités : informations "
            "partagées sur les recrutements, échanges de procédures, préparation commune de dossiers liés aux "
            "transitions. Les trois notes constituent une base écrite que d'autres territoires ruraux peuvent "
            "reprendre. Les effets sur les projets de transition eux-mêmes restent difficiles à mesurer, mais les "
            "participants décrivent des équipes plus à l'aise pour travailler en mode projet, entre services et entre "
            "structures."
        ),
    ),
    "what_worked": _ul(
        "<b>L'échelle du pôle territorial</b> : assez large pour réunir des pairs, assez proche pour que chacun se "
        "connaisse et puisse se retrouver sans long déplacement.",
        "<b>Les groupes de pairs</b>, dont la règle de confidentialité a permis des échanges francs.",
        "<b>Une formation étalée dans le temps</b> : l'alternance entre sessions et mise en pratique a ancré les "
        "apprentissages.",
        "<b>La progression par notes successives</b> : l'intention, puis le cadrage, puis la faisabilité ont permis "
        "aux élus de s'engager pas à pas, sans signer de chèque en blanc.",
        "<b>L'alliance pour les transitions</b>, qui a apporté une méthode, un regard extérieur et le lien avec les "
        "acteurs socio-économiques.",
    ),
    "what_did_not_work": _html(
        _p(
            "Le <b>temps disponible</b> des agents est la principale limite : dans une équipe de trois personnes, "
            "libérer un agent pour une journée de formation ou une séance de groupe de pairs désorganise le service. "
            "Plusieurs inscrits ont dû renoncer à une partie des sessions."
        ),
        _p(
            "L'<b>adhésion des élus</b> a été inégale : certains maires ont vu dans le management par la coopération une "
            "affaire interne aux services, et les projets de mutualisation se sont heurtés aux habitudes de chaque "
            "commune. La participation des <b>acteurs socio-économiques</b>, prévue dès la note d'intention, est restée "
            "ponctuelle. Enfin, le financement de l'animation au-delà de la phase expérimentale n'était pas acquis, ce "
            "qui a fragilisé la continuité des groupes de pairs."
        ),
    ),
    "lessons": _ul(
        "Commencer par les <b>personnes</b> avant les structures : les groupes de pairs créent la confiance dont les "
        "mutualisations auront besoin ensuite.",
        "Écrire tôt et par étapes : la suite <b>note d'intention, note de cadrage, note de faisabilité</b> aide les "
        "élus à décider et garde la mémoire du projet.",
        "Prévoir un <b>remplacement</b> ou un appui pour les agents qui se forment, faute de quoi les plus petites "
        "collectivités décrochent.",
        "Associer les élus à au moins une séquence de la formation, pour qu'ils partagent le vocabulaire de leurs "
        "équipes.",
        "Assurer le <b>financement de l'animation</b> avant de lancer les groupes : un groupe de pairs qui s'arrête "
        "faute d'animateur laisse un sentiment d'abandon.",
    ),
    "key_figures": [
        ("5", "EPCI fédérés par le pôle territorial"),
        ("100", "communes"),
        ("59 500", "habitants environ"),
        ("40", "managers formés"),
        ("5 jours", "de formation au management par la coopération"),
    ],
    "contacts": [
        (
            "Mathilde Rouquayrol",
            "Chargée de mission coopération et transitions, pôle territorial (contact fictif)",
            "mathilde.rouquayrol@demo.reseaux.localhost",
        ),
        (
            "Bastien Cabrol",
            "DGS d'une communauté de communes membre, animateur du groupe de pairs des DGS (contact fictif)",
            "bastien.cabrol@demo.reseaux.localhost",
        ),
    ],
    "document": {
        "title": "Note de cadrage : le management par la coopération au pôle territorial du Tarn",
        "filename": "note-de-cadrage-management-cooperation-tarn.txt",
        "text": """\
            NOTE DE CADRAGE — LE MANAGEMENT PAR LA COOPÉRATION
            Pôle territorial rural du Tarn et alliance pour les transitions — document de démonstration

            1. Le territoire
            5 EPCI, 100 communes, environ 59 500 habitants. Des collectivités petites, des équipes réduites, des
            agents souvent seuls sur leur métier.

            2. L'enjeu
            Les transitions écologique, énergétique et démographique demandent des projets qu'aucune collectivité ne
            peut porter seule. Leur réussite dépend de la capacité des équipes à coopérer, donc de leur management.

            3. Les objectifs
            - Rompre l'isolement des agents et des DGS.
            - Faire évoluer les pratiques vers plus de coopération, de délégation et de transversalité.
            - Mutualiser les compétences rares à l'échelle du pôle.
            - Construire une culture commune entre élus, agents des collectivités, services de l'État et acteurs
              socio-économiques.

            4. Les dispositifs
            - Un groupe de pairs d'agents et un groupe de pairs de DGS, réunis régulièrement, sous règle de
              confidentialité.
            - Une formation de 5 jours pour 40 managers, répartie sur plusieurs mois.

            5. La gouvernance
            Un comité de pilotage réunissant le pôle, les cinq EPCI et l'alliance pour les transitions ; une
            chargée de mission pour l'animation.

            6. Les étapes
            Note d'intention (2021) → note de cadrage (la présente note) → note de faisabilité.

            Contact (fictif) : mathilde.rouquayrol@demo.reseaux.localhost
            """,
    },
    "image_caption": "Bannière de démonstration du pôle territorial du Tarn et de sa démarche de coopération.",
}

FICHES = (BRETAGNE, OCCITANIE, TARN)


# --- media ----------------------------------------------------------------------------------------

BLUE_FRANCE = (0, 0, 145)  # #000091
BLUE_FRANCE_MAIN = (106, 106, 244)  # #6a6af4
BLUE_FRANCE_LIGHT = (227, 227, 253)  # #e3e3fd
RED_MARIANNE = (225, 0, 15)  # #e1000f


# A system font when one is installed (Debian ships these), because the font embedded in Pillow has no
# accented letters; without one, the embedded font and the text without its accents.
SYSTEM_FONTS = ("DejaVuSans.ttf", "LiberationSans-Regular.ttf", "Arial.ttf")


def _font(size):
    for name in SYSTEM_FONTS:
        try:
            return ImageFont.truetype(name, size), True
        except OSError:
            continue
    try:
        return ImageFont.load_default(size=size), False
    except (TypeError, OSError):  # Pillow without FreeType: a small bitmap font, still legible
        return ImageFont.load_default(), False


def _text(draw, position, text, size, fill, width=None, line_height=None):
    """Draws `text`, wrapped to `width` pixels when given; returns the y below the last line."""
    font, has_accents = _font(size)
    if not has_accents:
        text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
        text = text.replace("–", "-")
    x, y = position
    lines = _wrap(draw, text, font, width) if width else [text]
    for line in lines:
        draw.text((x, y), line, font=font, fill=fill)
        y += line_height or round(size * 1.25)
    return y


def _wrap(draw, text, font, width):
    lines, current = [], ""
    for word in text.split(" "):  # not at non-breaking spaces
        candidate = f"{current} {word}".strip()
        if current and draw.textlength(candidate, font=font) > width:
            lines.append(current)
            current = word
        else:
            current = candidate
    return [*lines, current] if current else lines


def banner_png(spec):
    """A 1200×600 banner in DSFR blues with the fiche's short name: generated, so no media ships with the code."""
    canvas = PILImage.new("RGB", (1200, 600), BLUE_FRANCE)
    draw = ImageDraw.Draw(canvas)
    draw.polygon([(760, 600), (1200, 160), (1200, 600)], fill=BLUE_FRANCE_MAIN)
    draw.polygon([(980, 600), (1200, 380), (1200, 600)], fill=BLUE_FRANCE_LIGHT)
    draw.rectangle([(80, 90), (200, 100)], fill=(255, 255, 255))
    draw.rectangle([(200, 90), (240, 100)], fill=RED_MARIANNE)
    _text(draw, (80, 130), "Fiche retour d'expérience", 34, BLUE_FRANCE_LIGHT)
    _text(draw, (80, 200), spec["short_name"], 64, (255, 255, 255), width=900, line_height=80)
    region = Region.objects.get(code=spec["region"]).name
    years = f"{spec['start_year']}–{spec['end_year']}" if spec["end_year"] else f"depuis {spec['start_year']}"
    _text(draw, (80, 520), f"{region} · {years}", 32, BLUE_FRANCE_LIGHT)
    out = io.BytesIO()
    canvas.save(out, format="PNG")
    return out.getvalue()


def _with_metadata(obj, data):
    obj.file_size = len(data)
    obj.file_hash = hash_filelike(io.BytesIO(data))
    return obj


def get_or_create_image(spec):
    Image = get_image_model()
    title = f"Bannière — {spec['short_name']}"
    image = Image.objects.filter(title=title).order_by("pk").first()
    if image is None:
        data = banner_png(spec)
        image = _with_metadata(Image(title=title, file=ContentFile(data, name=f"demo-{spec['slug']}.png")), data)
        image.save()
    return image


def get_or_create_document(spec):
    Document = get_document_model()
    document = Document.objects.filter(title=spec["title"]).order_by("pk").first()
    if document is None:
        data = (textwrap.dedent(spec["text"]).strip() + "\n").encode("utf-8")
        document = _with_metadata(Document(title=spec["title"], file=ContentFile(data, name=spec["filename"])), data)
        document.save()
    return document


# --- fiches ---------------------------------------------------------------------------------------


def desired_state(spec):
    """What the fiche should hold, in the same shape as current_state() reads it back."""
    image = get_or_create_image(spec)
    document = get_or_create_document(spec["document"])
    fields = {
        name: spec[name]
        for name in ("title", "intro", "carrying_structure", "start_year", "end_year", "fonction_publique", *SECTIONS)
    }
    fields.update(
        service_type_id=ServiceType.objects.get(slug=spec["service_type"]).pk,
        region_id=Region.objects.get(code=spec["region"]).pk,
        review_date=REVIEW_DATE,
        listing_image_id=image.pk,
    )
    return {
        "fields": fields,
        "departments": set(Department.objects.filter(code__in=spec["departments"]).values_list("pk", flat=True)),
        "themes": {Theme.objects.get(slug=slug).pk for slug in spec["themes"]},
        "actor_categories": {ActorCategory.objects.get(slug=slug).pk for slug in spec["actors"]},
        "tags": set(spec["tags"]),
        "key_figures": list(spec["key_figures"]),
        "contacts": list(spec["contacts"]),
        "attachments": [(document.pk, "")],
        "images": [(image.pk, spec["image_caption"])],
    }


def current_state(page):
    return {
        "fields": {name: getattr(page, name) for name in (*SCALAR_FIELDS, "listing_image_id")},
        "departments": {item.pk for item in page.departments.all()},
        "themes": {item.pk for item in page.themes.all()},
        "actor_categories": {item.pk for item in page.actor_categories.all()},
        "tags": {tag.name for tag in page.tags.all()},
        "key_figures": [(item.value, item.label) for item in page.key_figures.all()],
        "contacts": [(item.name, item.role, item.email) for item in page.contacts.all()],
        "attachments": [(item.document_id, item.label) for item in page.attachments.all()],
        "images": [(item.image_id, item.caption) for item in page.images.all()],
    }


def _rows(model, values, names):
    return [model(sort_order=order, **dict(zip(names, row, strict=True))) for order, row in enumerate(values)]


def apply_state(page, state):
    for name, value in state["fields"].items():
        setattr(page, name, value)
    page.departments = list(Department.objects.filter(pk__in=state["departments"]))
    page.themes = list(Theme.objects.filter(pk__in=state["themes"]))
    page.actor_categories = list(ActorCategory.objects.filter(pk__in=state["actor_categories"]))
    page.tags.set(sorted(state["tags"]))
    page.key_figures = _rows(KeyFigure, state["key_figures"], ("value", "label"))
    page.contacts = _rows(FicheContact, state["contacts"], ("name", "role", "email"))
    page.attachments = _rows(FicheAttachment, state["attachments"], ("document_id", "label"))
    page.images = _rows(FicheImage, state["images"], ("image_id", "caption"))


def load_fiche(index, spec):
    desired = desired_state(spec)
    page = PracticeSheetPage.objects.child_of(index).filter(slug=spec["slug"]).first()
    if page is None:
        page = PracticeSheetPage(slug=spec["slug"], live=False)
        apply_state(page, desired)
        index.add_child(instance=page)
    elif page.live and not page.has_unpublished_changes and current_state(page) == desired:
        return page
    else:
        apply_state(page, desired)
    page.save_revision().publish()
    return PracticeSheetPage.objects.get(pk=page.pk)


@transaction.atomic
def load():
    """Create or refresh the three demo fiches under /fiches/; returns them in the order of FICHES."""
    index = PracticeIndexPage.objects.get(slug="fiches")
    return [load_fiche(index, spec) for spec in FICHES]
