"""The first synonyms and acronyms of the French State, from which administrators start their list.

Readers type an acronym where a fiche spells the name out ("DREAL" / "direction régionale de
l'environnement, de l'aménagement et du logement"), or the everyday word where the fiche uses the
official one ("télétravail" / "travail à distance"). Each group below is a set of expressions that
mean the same thing for a search; the search reads them through search.french, so case, accents,
elisions, stop words and plurals do not matter, and an expression may have several words.

What is here, and what is not:
- every acronym of a State service, operator or institution that the demo and synthetic texts use
  (portal/devtools/demo), with its official expansion; acronyms renamed by the 2021 reform of the
  State's territorial organisation keep their own group (DIRECCTE is not DREETS: a fiche of 2019 says
  what the service was called then, and both are searched as written);
- the everyday vocabulary of public managers that has a fixed equivalent (QVT, RPS, COPIL, visio…);
- no spelling variants of one word (codéveloppement / co-développement, plateforme / plate-forme):
  compounds and hyphens are handled by the search's normalisation, not by synonyms;
- no expression that is a single common word ("travail", "égalité", "direction"), which would flood
  the results; an acronym whose expansion was not certain was left out.

DGS is read in its territorial sense (directeur général des services), the one the fiches use; the
Direction générale de la santé is not in the list.
"""

# Each entry: a group of expressions that mean the same thing for a search (an acronym and its
# expansion(s), or synonyms). Lower/upper case and accents do not matter; expressions may have several words.
SEED = (
    # --- services déconcentrés de l'État: départements ---------------------------------------------
    (
        "DDT",
        "DDTM",
        "direction départementale des territoires",
        "direction départementale des territoires et de la mer",
    ),
    ("DDPP", "direction départementale de la protection des populations"),
    ("DDETS", "direction départementale de l'emploi, du travail et des solidarités"),
    (
        "DDETSPP",
        "direction départementale de l'emploi, du travail, des solidarités et de la protection des populations",
    ),
    ("DDCS", "direction départementale de la cohésion sociale"),
    ("DDI", "direction départementale interministérielle"),
    ("SGC", "SGCD", "secrétariat général commun", "secrétariat général commun départemental"),
    # --- services déconcentrés de l'État: régions ---------------------------------------------------
    ("DREAL", "direction régionale de l'environnement, de l'aménagement et du logement"),
    ("DEAL", "direction de l'environnement, de l'aménagement et du logement"),
    (
        "DRIEAT",
        "direction régionale et interdépartementale de l'environnement, de l'aménagement et des transports",
    ),
    ("DRIEA", "direction régionale et interdépartementale de l'équipement et de l'aménagement"),
    ("DGTM", "direction générale des territoires et de la mer"),
    ("DRAAF", "direction régionale de l'alimentation, de l'agriculture et de la forêt"),
    ("DRIAAF", "direction régionale et interdépartementale de l'alimentation, de l'agriculture et de la forêt"),
    ("DAAF", "direction de l'alimentation, de l'agriculture et de la forêt"),
    ("DREETS", "direction régionale de l'économie, de l'emploi, du travail et des solidarités"),
    (
        "DRIEETS",
        "direction régionale et interdépartementale de l'économie, de l'emploi, du travail et des solidarités",
    ),
    ("DEETS", "direction de l'économie, de l'emploi, du travail et des solidarités"),
    (
        "DIRECCTE",
        "direction régionale des entreprises, de la concurrence, de la consommation, du travail et de l'emploi",
    ),
    ("DIECCTE", "direction des entreprises, de la concurrence, de la consommation, du travail et de l'emploi"),
    ("DRAJES", "délégation régionale académique à la jeunesse, à l'engagement et aux sports"),
    ("DRJSCS", "direction régionale de la jeunesse, des sports et de la cohésion sociale"),
    ("DJSCS", "direction de la jeunesse, des sports et de la cohésion sociale"),
    ("DGCOPOP", "direction générale de la cohésion et des populations"),
    ("DRAC", "direction régionale des affaires culturelles"),
    ("DAC", "direction des affaires culturelles"),
    ("DRFiP", "direction régionale des finances publiques"),
    ("SGAR", "secrétariat général pour les affaires régionales"),
    (
        "PFRH",
        "plateforme régionale d'appui interministériel à la gestion des ressources humaines",
        "plateforme régionale d'appui interministériel à la GRH",
        "plateforme régionale d'appui interministériel RH",
        "plateforme RH régionale",
    ),
    ("CVRH", "centre de valorisation des ressources humaines"),
    # --- administrations centrales, opérateurs et établissements ------------------------------------
    ("DGAFP", "direction générale de l'administration et de la fonction publique"),
    ("ANCT", "Agence nationale de la cohésion des territoires"),
    ("ADEME", "Agence de l'environnement et de la maîtrise de l'énergie", "Agence de la transition écologique"),
    ("OFB", "Office français de la biodiversité"),
    ("ONF", "Office national des forêts"),
    ("ARS", "agence régionale de santé"),
    ("INSP", "Institut national du service public"),
    ("INSEE", "Institut national de la statistique et des études économiques"),
    ("CNFPT", "Centre national de la fonction publique territoriale"),
    ("CHU", "centre hospitalier universitaire"),
    # --- collectivités et territoires ---------------------------------------------------------------
    ("EPCI", "établissement public de coopération intercommunale"),
    ("PETR", "pôle d'équilibre territorial et rural"),
    ("PNR", "parc naturel régional"),
    ("DGS", "directeur général des services", "directrice générale des services"),
    ("CRTE", "contrat de relance et de transition écologique"),
    ("ZAN", "zéro artificialisation nette"),
    # --- fonction publique et ressources humaines ---------------------------------------------------
    ("FPE", "fonction publique de l'État"),
    ("FPT", "fonction publique territoriale"),
    ("FPH", "fonction publique hospitalière"),
    ("RH", "ressources humaines"),
    ("GRH", "gestion des ressources humaines"),
    (
        "DRH",
        "direction des ressources humaines",
        "directeur des ressources humaines",
        "directrice des ressources humaines",
    ),
    (
        "GPEEC",
        "GPEC",
        "gestion prévisionnelle des effectifs, des emplois et des compétences",
        "gestion prévisionnelle des emplois et des compétences",
    ),
    ("QVT", "QVCT", "qualité de vie au travail", "qualité de vie et des conditions de travail"),
    ("RPS", "risques psychosociaux"),
    ("VSS", "violences sexistes et sexuelles"),
    (
        "égalité femmes-hommes",
        "égalité entre les femmes et les hommes",
        "égalité professionnelle",
        "parité",
    ),
    ("télétravail", "travail à distance"),
    # --- façons de travailler -----------------------------------------------------------------------
    ("COPIL", "comité de pilotage"),
    ("visioconférence", "visio"),
    ("webinaire", "webinar", "séminaire en ligne"),
)
