"""What the four demo network pages say: the networks of DESIGN.md, told in the portal's own words.

Every text field is filled so that the network page, its cards and the search show a complete network;
the facts (structures, counts, years) are those of DESIGN.md and of the demo fiches, nothing more.
Contacts and addresses are fictional (`.localhost`).
"""

from .fiches import _html, _ol, _p, _ul
from .network_members import BRETAGNE as BRETAGNE_MEMBERS
from .network_members import MINISTRY as MINISTRY_MEMBERS
from .network_members import OCCITANIE as OCCITANIE_MEMBERS
from .network_members import TARN as TARN_MEMBERS

BRETAGNE = {
    "slug": "reseau-breton-des-pratiques-manageriales",
    "title": "Réseau breton des pratiques managériales",
    "intro": (
        "Une quarantaine de cadres des préfectures, des directions régionales et des directions départementales "
        "interministérielles de Bretagne se retrouvent depuis 2018 pour parler management entre pairs, en dehors "
        "de toute ligne hiérarchique."
    ),
    "scope": "regional",
    "region": "53",
    "start_year": 2017,
    "themes": [
        "management",
        "cooperation",
        "formation-et-competences",
        "egalite-professionnelle",
        "qualite-de-vie-au-travail",
    ],
    "fiches": ["reseau-breton-pratiques-manageriales"],
    "description": _html(
        _p(
            "Le réseau est né fin 2017 d'une proposition de la <b>DDTM des Côtes-d'Armor</b> : ouvrir aux cadres des "
            "autres services de l'État un lieu où confronter leurs façons de manager. Il réunit aujourd'hui des "
            "membres de 4 préfectures, de 5 directions régionales et de 11 directions départementales "
            "interministérielles, venus volontairement et avec l'accord de leur direction."
        ),
        _p(
            "La <b>plateforme régionale d'appui interministériel à la GRH</b> s'est associée à la démarche dès la "
            "rencontre fondatrice de janvier 2018. Elle tient le secrétariat du réseau, trouve des salles et des "
            "intervenants, et fait connaître ses travaux aux autres services de la région."
        ),
    ),
    "objectives": _ul(
        "Donner aux managers un lieu d'échange franc, où l'on parle de ses difficultés sans enjeu hiérarchique.",
        "Faire passer d'un service à l'autre, et d'un ministère à l'autre, les pratiques qui ont fait leurs preuves.",
        "Développer les compétences managériales par des formats courts et concrets, en complément des formations.",
        "Soutenir les cadres qui traversent une situation difficile, plutôt que de les laisser seuls.",
    ),
    "work_axes": _ul(
        "<b>Se connaître et s'outiller</b> : charte, site collaboratif, annuaire des membres.",
        "<b>Apprendre entre pairs</b> : journée de coaching collectif, autodiagnostic des compétences managériales.",
        "<b>Explorer d'autres manières de travailler</b> : management agile, organisation des équipes multisites.",
        "<b>Prendre soin des managers et des équipes</b> : ligne d'écoute, égalité entre les femmes et les hommes.",
    ),
    "expected_productions": _html(
        _p("Sept livrables numérotés, préparés chacun par un petit groupe de volontaires :"),
        _ol(
            "la création du réseau et sa charte ;",
            "un site collaboratif ;",
            "une journée de coaching ;",
            "un autodiagnostic des compétences managériales ;",
            "un séminaire sur le management agile ;",
            "une ligne d'écoute pour les managers ;",
            "une session sur l'égalité entre les femmes et les hommes.",
        ),
        _p("Chaque livrable est publié ici dès qu'il est prêt, pour que d'autres services puissent le reprendre."),
    ),
    "animation": "Un binôme de la DDTM des Côtes-d'Armor, avec la plateforme régionale d'appui interministériel à la GRH",
    "secretariat": "Plateforme régionale d'appui interministériel à la GRH (SGAR Bretagne)",
    "meeting_rhythm": (
        "Une rencontre plénière par trimestre, accueillie à tour de rôle dans chacun des quatre départements, "
        "et des ateliers courts en visioconférence entre deux."
    ),
    "tools": (
        "Site collaboratif du réseau (comptes rendus, ressources, agenda), liste de diffusion des membres, "
        "salle de visioconférence de l'État pour les ateliers."
    ),
    "governance": _html(
        _p(
            "La <b>garante</b>, secrétaire générale adjointe pour les affaires régionales, obtient l'appui des "
            "directions, veille à ce que le temps passé dans le réseau soit reconnu et présente chaque année son "
            "bilan aux chefs de service de la région."
        ),
        _p(
            "Le <b>binôme d'animation</b> prépare les rencontres avec la plateforme RH régionale, qui tient le "
            "secrétariat. Un point annuel réunit animateurs, garante et référent·es des livrables pour choisir les "
            "chantiers de l'année suivante."
        ),
    ),
    "contact_name": "Yann Le Gall et Gwenola Le Bris (coanimation)",
    "contact_email": "reseau-managers-bretagne@demo.reseaux.localhost",
    "members": BRETAGNE_MEMBERS,
}

OCCITANIE = {
    "slug": "communaute-des-managers-dreal-occitanie",
    "title": "Communauté des managers de la DREAL Occitanie",
    "intro": (
        "Depuis 2018, les encadrants de la DREAL Occitanie, à Toulouse comme à Montpellier, partagent un programme "
        "commun : mesure de la performance collective de leurs équipes, espaces de travail collaboratifs, séminaire "
        "des cadres supérieurs et coaching."
    ),
    "scope": "regional",
    "region": "76",
    "start_year": 2018,
    "themes": ["management", "espaces-de-travail", "qualite-de-vie-au-travail", "formation-et-competences"],
    "fiches": ["dreal-occitanie-accompagnement-des-managers"],
    "description": _html(
        _p(
            "Issue de la fusion des régions, la DREAL Occitanie travaille sur deux sites distants de près de 250 "
            "kilomètres. En 2018, la direction lance un programme pour soutenir ses managers ; la communauté des "
            "managers en est née et continue de réunir chefs de service, chefs d'unité et adjoints des deux villes."
        ),
        _p(
            "Sa particularité : partir du travail réel des équipes. Douze collectifs volontaires, soit environ 200 "
            "agents, ont mesuré leur performance collective, et ce sont leurs diagnostics qui ont orienté la suite."
        ),
    ),
    "objectives": _ul(
        "Donner aux managers des repères partagés sur le fonctionnement de leur équipe.",
        "Améliorer la qualité de vie au travail en agissant sur l'organisation et sur les lieux.",
        "Faciliter le travail entre Toulouse et Montpellier.",
        "Construire une culture managériale commune à une direction encore marquée par la fusion.",
    ),
    "work_axes": _ul(
        "<b>Mesurer</b> : un diagnostic de la performance collective restitué à toute l'équipe.",
        "<b>Aménager</b> : des espaces collaboratifs conçus avec les agents, dans les deux villes.",
        "<b>Réunir</b> : un séminaire des cadres supérieurs sur le management d'une organisation multisite.",
        "<b>Accompagner</b> : du coaching individuel et collectif pour les encadrants volontaires.",
    ),
    "expected_productions": _html(
        _p("Quatre livrables, un par volet du programme, tous réalisés entre 2018 et 2019."),
        _p("Les plans d'action des collectifs restent la propriété des équipes et ne sont pas publiés ici."),
    ),
    "animation": "La chargée de mission management et qualité de vie au travail de la DREAL",
    "secretariat": "Secrétariat général de la DREAL Occitanie, site de Toulouse",
    "meeting_rhythm": "Une réunion par mois en visioconférence entre les deux sites, et une journée commune par semestre.",
    "tools": "Espace collaboratif de la direction, salles équipées de visioconférence à Toulouse et à Montpellier.",
    "governance": _html(
        _p(
            "La <b>garante</b>, directrice régionale adjointe, porte le programme au comité de direction. Les "
            "représentants du personnel sont informés à chaque étape : aucune mesure n'est individuelle."
        ),
    ),
    "contact_name": "Laure Castagné",
    "contact_email": "laure.castagne@demo.reseaux.localhost",
    "members": OCCITANIE_MEMBERS,
}

TARN = {
    "slug": "pole-territorial-du-tarn-management-cooperatif",
    "title": "Pôle territorial du Tarn : manager par la coopération",
    "intro": (
        "Agents et directeurs généraux des services de 5 intercommunalités rurales du Tarn, qui regroupent 100 "
        "communes et environ 59 500 habitants, apprennent depuis 2021 à manager par la coopération, avec une "
        "alliance pour les transitions."
    ),
    "scope": "local",
    "region": "76",
    "start_year": 2021,
    "themes": ["cooperation", "management", "transition-ecologique", "formation-et-competences"],
    "fiches": ["tarn-pole-territorial-management-par-la-cooperation"],
    "description": _html(
        _p(
            "Dans un territoire rural où beaucoup d'agents exercent seuls leur métier, le pôle territorial et ses "
            "cinq EPCI ont fait un pari : les transitions écologique, énergétique et démographique réussiront si les "
            "équipes savent coopérer, entre services comme entre collectivités."
        ),
        _p(
            "Le réseau réunit deux <b>groupes de pairs</b>, l'un d'agents, l'autre de DGS, et les 40 managers qui ont "
            "suivi ensemble une <b>formation de cinq jours</b>. Une alliance pour les transitions apporte sa méthode "
            "et le lien avec les acteurs socio-économiques."
        ),
    ),
    "objectives": _ul(
        "Rompre l'isolement des agents et des DGS des petites collectivités.",
        "Faire évoluer l'encadrement vers plus de délégation, de confiance et de transversalité.",
        "Mutualiser à l'échelle du pôle les compétences rares.",
        "Vérifier étape par étape que la démarche est réaliste et finançable.",
    ),
    "work_axes": _ul(
        "<b>Groupes de pairs</b> : une situation réelle, des questions, des pistes, un retour la fois suivante.",
        "<b>Formation</b> : cinq journées étalées sur plusieurs mois pour 40 managers.",
        "<b>Écrire le projet</b> : trois notes successives soumises aux élus.",
    ),
    "expected_productions": _html(
        _p("Trois notes, qui permettent aux élus de s'engager pas à pas :"),
        _ol("une note d'intention ;", "une note de cadrage ;", "une note de faisabilité."),
    ),
    "animation": "La chargée de mission coopération et transitions du pôle territorial",
    "secretariat": "Pôle territorial rural du Tarn",
    "meeting_rhythm": "Chaque groupe de pairs se réunit toutes les six semaines ; un comité de pilotage par semestre.",
    "tools": "Liste de diffusion de chaque groupe de pairs, dossier partagé du pôle, salle de réunion tournante entre les EPCI.",
    "governance": _html(
        _p(
            "Un <b>comité de pilotage</b> réunit le pôle, les cinq EPCI et l'alliance pour les transitions. Le "
            "<b>garant</b>, directeur du pôle, rend compte aux présidents des intercommunalités à chaque note."
        ),
    ),
    "contact_name": "Mathilde Rouquayrol",
    "contact_email": "mathilde.rouquayrol@demo.reseaux.localhost",
    "members": TARN_MEMBERS,
}

MINISTRY = {
    "slug": "communaute-ministerielle-des-cadres-superieurs",
    "title": "Communauté ministérielle des cadres supérieurs",
    "intro": (
        "Directeurs, adjoints et sous-directeurs de l'administration centrale et des services territoriaux du "
        "ministère s'entraident à travers des chantiers ouverts : jeunes managers, groupes de pairs, webinaires et "
        "lettre des managers."
    ),
    "scope": "national",
    "region": "NAT",
    "start_year": 2019,
    "themes": ["management", "ressources-humaines", "formation-et-competences", "attractivite"],
    "fiches": [
        "reseau-breton-pratiques-manageriales",
        "dreal-occitanie-accompagnement-des-managers",
        "tarn-pole-territorial-management-par-la-cooperation",
    ],
    "description": _html(
        _p(
            "Les cadres supérieurs du ministère sont peu nombreux dans chaque service et changent souvent de poste : "
            "leurs pairs sont ailleurs, dans une autre région ou en administration centrale. La communauté leur "
            "donne un lieu commun, animé par la mission de l'encadrement supérieur."
        ),
        _p(
            "Elle fonctionne par <b>chantiers</b>, chacun porté par des référent·es membres de la communauté, avec "
            "ses séances datées, en présentiel ou en visioconférence."
        ),
    ),
    "objectives": _ul(
        "Accompagner les premiers pas des jeunes managers.",
        "Permettre à chacun de travailler ses situations difficiles avec des pairs d'autres services.",
        "Faire connaître les pratiques managériales qui réussissent dans les services.",
        "Rendre les fonctions d'encadrement supérieur plus attractives.",
    ),
    "work_axes": _ul(
        "<b>Jeunes managers</b> : parrainage et rencontres pour les cadres nommés depuis moins de trois ans.",
        "<b>Groupes de pairs</b> : des groupes stables de 8 à 10 personnes.",
        "<b>Webinaires</b> : une heure, un sujet, un témoin.",
        "<b>Lettre des managers</b> : ce que font les services, raconté par ceux qui le font.",
    ),
    "expected_productions": _html(
        _p(
            "Des comptes rendus de webinaires, un guide du parrainage des jeunes managers, une lettre trimestrielle "
            "et des fiches retour d'expérience écrites avec les services qui témoignent."
        ),
    ),
    "animation": "Mission de l'encadrement supérieur, direction des ressources humaines du ministère",
    "secretariat": "Mission de l'encadrement supérieur (inscriptions, agenda, liste de diffusion)",
    "meeting_rhythm": "Un webinaire par mois, une séance de groupe de pairs toutes les six semaines, une journée nationale par an.",
    "tools": "Plateforme de visioconférence du ministère, liste de diffusion, espace documentaire de la communauté.",
    "governance": _html(
        _p(
            "Le <b>garant</b>, secrétaire général adjoint, arbitre le programme annuel des chantiers. Les "
            "référent·es se réunissent chaque trimestre avec l'animatrice pour faire le point."
        ),
    ),
    "contact_name": "Agnès Fouquet",
    "contact_email": "communaute-cadres-superieurs@demo.reseaux.localhost",
    "members": MINISTRY_MEMBERS,
}

NETWORKS = (BRETAGNE, OCCITANIE, TARN, MINISTRY)
