"""Who belongs to each demo network, in which role, and since when: one row per membership period.

The histories are what an animator's page is for: people leave (mobility, retirement) and someone from
the same service takes their place a few weeks later; one person leaves the region and, back three years
later, starts a second period. A departure is a `left_on` on the period, never a deleted row.

Rows: (full name as in people_data.PEOPLE, role, joined on, left on or None, note).
"""

ANIMATOR, GUARANTOR, SECRETARIAT, REFERENT, MEMBER = "animateur", "garant", "secretariat", "referent", "membre"

FOUNDING = "2018-01-15"  # the Bretagne network's founding meeting

BRETAGNE = [
    # the coanimation: a DDTM des Côtes-d'Armor pair, renewed in 2021
    ("Gwenola Le Bris", ANIMATOR, "2017-11-06", None, "À l'origine du réseau."),
    ("Loïc Tanguy", ANIMATOR, "2017-11-06", "2021-08-31", "Mutation en Nouvelle-Aquitaine."),
    ("Yann Le Gall", ANIMATOR, "2021-09-01", None, "Reprend la coanimation après le départ de Loïc Tanguy."),
    # the guarantor and the secretariat (the regional HR platform), each replaced once
    ("Bernard Gourvès", GUARANTOR, FOUNDING, "2022-08-31", "Nommé dans une autre région."),
    ("Catherine Ollivier", GUARANTOR, "2022-09-01", None, "Succède à Bernard Gourvès comme garante."),
    ("Françoise Le Moal", SECRETARIAT, FOUNDING, "2020-12-31", "Départ à la retraite."),
    ("Erwan Kerhervé", SECRETARIAT, "2021-01-04", None, "Reprend le secrétariat pour la plateforme RH régionale."),
    # référent·es of the livrables still open
    ("Samia Haddad", REFERENT, FOUNDING, None, "Référente de l'autodiagnostic des compétences managériales."),
    ("Hélène Tréguer", REFERENT, FOUNDING, None, "Référente de la session égalité femmes-hommes."),
    ("Maëlle Guillou", MEMBER, FOUNDING, "2020-06-30", "Détachement hors de Bretagne."),
    ("Maëlle Guillou", REFERENT, "2023-09-04", None, "De retour à la DREAL Bretagne ; référente de la ligne d'écoute."),
    # DDI
    ("Ronan Cornec", MEMBER, FOUNDING, None, ""),
    ("Soizic Kerbrat", MEMBER, FOUNDING, None, ""),
    ("Jean-Yves Pennec", MEMBER, FOUNDING, "2020-08-31", "Départ à la retraite."),
    ("Thomas Nguyen", MEMBER, "2020-10-01", None, "Remplace Jean-Yves Pennec."),
    ("Claire Jaouen", MEMBER, FOUNDING, None, ""),
    ("Mathieu Derrien", MEMBER, "2019-03-11", None, ""),
    ("Anne Morvan", MEMBER, FOUNDING, None, ""),
    ("Pierre Le Floch", MEMBER, "2018-09-03", None, ""),
    ("Hervé Salaün", MEMBER, FOUNDING, "2025-06-30", "Départ à la retraite, poste non remplacé dans le réseau."),
    ("Nadia Belkacem", MEMBER, FOUNDING, None, ""),
    ("Goulven Abgrall", MEMBER, FOUNDING, None, ""),
    ("Sophie Garnier", MEMBER, "2019-09-02", None, ""),
    ("Marc Lefèvre", MEMBER, FOUNDING, "2021-02-28", "Mutation en administration centrale."),
    ("Élodie Prigent", MEMBER, "2021-04-01", None, "Remplace Marc Lefèvre."),
    ("Karine Le Meur", MEMBER, "2018-03-05", None, ""),
    ("Julien Hamon", MEMBER, "2019-01-14", None, ""),
    ("Isabelle Quéré", MEMBER, FOUNDING, None, ""),
    ("Benoît Rolland", MEMBER, "2020-01-13", None, ""),
    ("Philippe Madec", MEMBER, FOUNDING, "2024-03-31", "Mutation dans les Pays de la Loire."),
    ("Morgane Le Corre", MEMBER, "2024-05-13", None, "Remplace Philippe Madec."),
    ("Erwann Le Duff", MEMBER, "2018-06-04", None, ""),
    # préfectures
    ("Lucie Bothorel", MEMBER, FOUNDING, None, ""),
    ("Fabrice Stéphan", MEMBER, "2019-06-03", None, ""),
    ("Arnaud Caradec", MEMBER, FOUNDING, "2019-12-31", "Nommé sous-préfet."),
    ("Sandrine Le Goff", MEMBER, "2020-03-02", None, "Remplace Arnaud Caradec."),
    ("David Briand", MEMBER, FOUNDING, None, ""),
    ("Yannick Kervella", MEMBER, "2018-04-09", None, ""),
    ("Valérie Guégan", MEMBER, FOUNDING, None, ""),
    ("Olivier Bourhis", MEMBER, "2022-01-10", None, ""),
    # directions régionales
    ("Stéphane Le Bras", MEMBER, FOUNDING, None, ""),
    ("Aurélie Jézéquel", MEMBER, "2021-03-01", None, ""),
    ("François Le Du", MEMBER, FOUNDING, None, ""),
    ("Camille Nédélec", MEMBER, "2019-11-04", None, ""),
    ("Christine Moreau", MEMBER, "2018-03-05", "2022-06-30", "Mobilité vers un opérateur de l'État."),
    ("Laurent Le Guen", MEMBER, "2022-09-05", None, "Remplace Christine Moreau."),
    ("Gaëlle Riou", MEMBER, FOUNDING, None, ""),
    ("Jérôme Fontaine", MEMBER, "2019-09-02", "2023-07-31", "Mutation en Occitanie."),
    ("Marion Lozac'h", MEMBER, "2023-10-02", None, "Remplace Jérôme Fontaine."),
    ("Patrick Le Moigne", MEMBER, "2018-06-04", None, ""),
    ("Emmanuelle Corre", MEMBER, "2020-09-07", None, ""),
]

OCCITANIE = [
    ("Laure Castagné", ANIMATOR, "2018-02-05", None, "Pilote le programme d'accompagnement des managers."),
    ("Olivier Cazals", GUARANTOR, "2018-02-05", "2021-08-31", "Départ à la retraite."),
    ("Nathalie Rigal", GUARANTOR, "2021-09-01", None, "Succède à Olivier Cazals comme garante."),
    ("Sylvie Ferrand", SECRETARIAT, "2018-02-05", None, ""),
    ("Julien Marty", REFERENT, "2018-02-05", None, "Référent du coaching des encadrants."),
    ("Céline Bonnafous", REFERENT, "2018-06-04", None, "Référente des espaces collaboratifs."),
    ("Damien Roques", MEMBER, "2018-02-05", None, ""),
    ("Agnès Pujol", MEMBER, "2018-02-05", None, ""),
    ("Romain Escande", MEMBER, "2018-09-03", None, ""),
    ("Florence Delmas", MEMBER, "2019-01-07", None, ""),
    ("Jacques Viguier", MEMBER, "2018-02-05", "2020-01-31", "Mutation en DDT."),
    ("Kévin Bousquet", MEMBER, "2020-03-02", None, "Remplace Jacques Viguier."),
    ("Émilie Lacombe", MEMBER, "2018-02-05", None, ""),
    ("Thierry Carrère", MEMBER, "2022-04-04", None, ""),
    ("Myriam Teisseire", MEMBER, "2019-09-02", None, ""),
    ("Benjamin Sabatier", MEMBER, "2018-02-05", None, ""),
]

TARN = [
    ("Mathilde Rouquayrol", ANIMATOR, "2021-03-01", None, "Anime la démarche pour le pôle territorial."),
    ("Jean-Marc Albouy", GUARANTOR, "2021-03-01", None, ""),
    ("Émilie Cabanes", SECRETARIAT, "2021-03-01", None, ""),
    ("Bastien Cabrol", REFERENT, "2021-03-01", None, "Anime le groupe de pairs des DGS."),
    ("Lucie Barthe", REFERENT, "2021-09-06", None, "Anime le groupe de pairs des agents."),
    ("Vincent Séguier", REFERENT, "2021-03-01", None, "Référent de la formation des managers pour l'alliance."),
    ("Sandrine Vialar", MEMBER, "2021-03-01", None, ""),
    ("Frédéric Assié", MEMBER, "2021-03-01", None, ""),
    ("Alain Bouscatel", MEMBER, "2021-03-01", "2023-04-30", "Mutation dans une autre collectivité."),
    ("Nadège Calmels", MEMBER, "2023-06-01", None, "Remplace Alain Bouscatel au groupe des DGS."),
    ("Christophe Maurel", MEMBER, "2021-09-06", None, ""),
    ("Laetitia Coste", MEMBER, "2021-09-06", "2024-12-31", "Départ à la retraite."),
    ("Anthony Granier", MEMBER, "2021-09-06", None, ""),
    ("Pauline Maffre", MEMBER, "2022-01-10", None, ""),
    ("Marie Bonnet", MEMBER, "2022-01-10", None, ""),
    ("Cédric Pradel", MEMBER, "2022-09-05", None, ""),
]

MINISTRY = [
    ("Agnès Fouquet", ANIMATOR, "2019-05-06", None, "Anime la communauté pour la mission de l'encadrement supérieur."),
    ("Philippe Marchand", GUARANTOR, "2019-05-06", None, ""),
    ("Denis Aubry", SECRETARIAT, "2019-05-06", "2020-07-31", "Mobilité."),
    ("Leïla Benzaïd", SECRETARIAT, "2020-09-01", None, "Remplace Denis Aubry."),
    ("Hugo Lemaire", REFERENT, "2019-05-06", None, "Référent du chantier jeunes managers."),
    ("Caroline Vasseur", REFERENT, "2021-01-11", None, "Référente des parrainages."),
    ("Anne Morvan", REFERENT, "2020-01-13", None, "Référente des groupes de pairs."),
    ("Nathalie Rigal", REFERENT, "2021-10-04", None, "Référente des webinaires."),
    ("Sébastien Roussel", REFERENT, "2022-01-10", None, "Rédacteur en chef de la lettre."),
    ("Karima Mansouri", MEMBER, "2020-01-13", None, ""),
    ("Sarah Lebrun", MEMBER, "2023-03-06", None, ""),
    ("Yann Le Gall", MEMBER, "2022-03-07", None, ""),
    ("Amandine Perrot", MEMBER, "2019-05-06", None, ""),
    ("Marc-Antoine Girard", MEMBER, "2019-05-06", None, ""),
    ("Guillaume Berthier", MEMBER, "2019-05-06", "2023-08-31", "Détachement dans une collectivité territoriale."),
    ("Élise Kieffer", MEMBER, "2023-10-02", None, "Remplace Guillaume Berthier."),
    ("Florence Aubert", MEMBER, "2020-06-02", None, ""),
    ("Thibault Mercier", MEMBER, "2024-01-08", None, ""),
    ("Romain Lecomte", MEMBER, "2021-06-07", None, ""),
]
