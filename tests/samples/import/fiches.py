"""The content of the sample exports, as the former platforms wrote it (typos and all).

Each fiche is a list of (kind, text): "title", "meta" (« Label : value »), "h" (a heading), "p" (a paragraph),
"li" (a bullet). make_samples.py writes them in each format.
"""

ROUNDTRIP = [
    ("title", "Des binômes de managers pour accueillir les nouveaux cadres"),
    ("meta", "Structure porteuse : Préfecture de la Manche"),
    ("meta", "Type de structure : Préfecture"),
    ("meta", "Région : Normandie"),
    ("meta", "Départements : Manche, Calvados"),
    ("meta", "Années : 2019 - 2021"),
    ("meta", "Fonction publique : État"),
    ("meta", "Thèmes : Management, Ressources humaines"),
    ("p", "Chaque cadre qui arrive dans un service de la préfecture est accompagné pendant six mois par un "
          "manager expérimenté d'un autre service, pour prendre ses marques plus vite et sans rester seul."),
    ("h", "Contexte"),
    ("p", "Les mobilités fréquentes laissaient les nouveaux cadres découvrir seuls les usages de la maison, "
          "et les premiers mois étaient souvent difficiles pour eux comme pour leurs équipes."),
    ("h", "Description du projet"),
    ("p", "Un binôme est formé à chaque arrivée. Le parrain et le nouveau cadre se voient une heure par "
          "quinzaine, sans lien hiérarchique entre eux."),
    ("h", "Objectifs et finalités"),
    ("li", "raccourcir la prise de poste des cadres ;"),
    ("li", "faire circuler les pratiques entre les services."),
    ("h", "Actions"),
    ("p", "Un appel aux volontaires, une demi-journée de préparation des parrains, puis un point collectif par semestre."),
    ("h", "Résultats"),
    ("p", "Vingt-deux binômes en trois ans ; les nouveaux cadres disent se sentir à l'aise deux fois plus vite."),
    ("h", "Enseignements"),
    ("p", "Le parrain doit venir d'un autre service : la parole est plus libre hors de la ligne hiérarchique."),
    ("h", "Livrables"),
    ("li", "Livrable n° 1 : Charte du binôme"),
    ("li", "Livrable n° 2 : Guide du parrain"),
    ("li", "Livrable n° 3 : Bilan à trois ans"),
    ("h", "Contacts"),
    ("p", "Claire Martin, cheffe du bureau des ressources humaines : claire.martin@manche.gouv.fr"),
]

BRETAGNE = [
    ("title", "Un réseau régional pour partager les pratiques managériales des cadres de l'État en Bretagne"),
    ("meta", "Structure porteuse : DDTM des Côtes-d'Armor - région Bretagne"),
    ("meta", "Type de structure : Service déconcentré"),
    ("meta", "Période : 2017–2018"),
    ("meta", "Thématiques : Management ; Coopération ; Formation et competences"),
    ("p", "Lancé en 2017-2018 à l'initiative de la DDTM des Côtes-d'Armor, ce réseau réunit une quarantaine de "
          "cadres de 4 préfectures, 5 directions régionales et 11 DDI de Bretagne, animé avec la plateforme "
          "régionale d'appui interministériel à la GRH."),
    ("h", "Contexte"),
    ("p", "Les réorganisations successives ont transformé le métier de manager sans que les occasions d'en "
          "parler entre pairs se multiplient."),
    ("h", "Decription du projet"),
    ("p", "Un réseau de volontaires, sans statut ni budget propre, qui se réunit à tour de rôle dans les "
          "services membres."),
    ("h", "Fonctionnement du reseau"),
    ("p", "Un binôme DDTM – plateforme RH régionale anime le réseau ; chaque livrable est porté par un petit "
          "groupe de volontaires."),
    ("h", "Objectifs et finalites"),
    ("li", "rompre l'isolement des managers ;"),
    ("li", "faire circuler les pratiques d'un service à l'autre ;"),
    ("li", "développer les compétences managériales."),
    ("h", "Resultats"),
    ("p", "Une quarantaine de cadres de trois niveaux d'administration ont pris l'habitude de se retrouver."),
    ("h", "Livrables"),
    ("li", "Livrable n° 1 : Création du réseau et charte de fonctionnement"),
    ("li", "Livrable n° 2 : Site collaboratif"),
    ("li", "Livrable n° 3 : Journée de coaching"),
    ("li", "Livrable n° 4 : Autodiagnostic des compétences managériales"),
    ("li", "Livrable n° 5 : Séminaire sur le management agile"),
    ("li", "Livrable n° 6 : Ligne d'écoute des managers"),
    ("li", "Livrable n° 7 : Session sur l'égalité entre les femmes et les hommes"),
    ("h", "Contact"),
    ("p", "Yann Le Goff – ddtm-reseau-managers@cotes-darmor.gouv.fr"),
]

OCCITANIE = [
    ("title", "Accompagner les managers : le programme 2018 de la DREAL Occitanie"),
    ("meta", "Structure : DREAL Occitanie"),
    ("meta", "Région : occitanie"),
    ("meta", "Année : 2018"),
    ("meta", "Thèmes : Management, Espaces de travail, Formation et compétences, Bien-être"),
    ("meta", "Budget : 45 000 euros"),
    ("p", "En 2018, la DREAL Occitanie a proposé à ses managers un programme d'appui : mesure de la "
          "performance collective de 12 équipes (environ 200 agents), espaces de travail collaboratifs à "
          "Toulouse et Montpellier, séminaire des cadres supérieurs et coaching."),
    ("h", "Contexte et enjeux"),
    ("p", "La fusion des régions imposait de faire travailler ensemble des équipes réparties sur deux sites "
          "distants de 240 km."),
    ("h", "Description"),
    ("p", "Le programme combine quatre dispositifs complémentaires, proposés à tous les managers volontaires."),
    ("h", "Pilotage"),
    ("p", "Un comité de pilotage réunit la direction, le secrétariat général et deux représentants des managers."),
    ("h", "Objectifs"),
    ("p", "Donner aux managers des outils pour mesurer et améliorer le fonctionnement de leurs équipes."),
    ("h", "Actions menées"),
    ("li", "mesure de la performance collective de 12 équipes ;"),
    ("li", "ouverture d'espaces collaboratifs à Toulouse et Montpellier ;"),
    ("li", "séminaire des cadres supérieurs et coaching individuel."),
    ("h", "Ce qui a fonctionne"),
    ("p", "Le volontariat des équipes et la restitution des mesures par un tiers."),
    ("h", "Enseignements"),
    ("p", "Mesurer n'a de sens que si l'équipe choisit elle-même ce qu'elle améliore ensuite."),
    ("p", "Contact : mission.management@developpement-durable.gouv.fr"),
]

TARN = [
    ("title", "Manager par la coopération dans un pôle territorial rural du Tarn"),
    ("meta", "Porteur : Pôle territorial de l'Albigeois et des Bastides (Tarn)"),
    ("meta", "Type de structure : pôle territorial"),
    ("meta", "Dates : depuis 2021"),
    ("meta", "Fonction publique : territoriale"),
    ("meta", "Thèmes : Coopération, Management, Transition écologique"),
    ("p", "Depuis 2021, un pôle territorial rural de 5 EPCI, 100 communes et environ 59 500 habitants expérimente "
          "le management par la coopération avec une alliance pour les transitions."),
    ("h", "Contexte"),
    ("p", "Les petites collectivités rurales manquent d'encadrement intermédiaire et leurs agents travaillent "
          "souvent seuls face aux transitions à conduire."),
    ("h", "Description du projet"),
    ("p", "Des groupes de pairs réunissent agents et directeurs généraux des services ; 40 managers suivent une "
          "formation de 5 jours."),
    ("h", "Objectifs et finalités"),
    ("p", "Faire de la coopération entre collectivités une manière ordinaire de travailler."),
    ("h", "Productions attendues"),
    ("p", "Trois notes successives qui préparent l'essaimage de la démarche."),
    ("h", "Livrables"),
    ("li", "Livrable n° 1 : Note d'intention"),
    ("li", "Livrable n° 2 : Note de cadrage"),
    ("li", "Livrable n° 3 : Note de faisabilité"),
    ("h", "Enseignements"),
    ("p", "Le temps passé à se connaître entre collectivités est la condition de tout le reste."),
    ("p", "Contact : Sophie Carrière, sophie.carriere@pole-albigeois-bastides.fr"),
]
