"""Table de pertinence : ce qu'un cadre tape, et ce qu'il s'attend à voir en premier.

Run by `manage.py bench --pertinence` and by a test, against the demo content (portal/devtools/demo:
three fiches, four networks, their livrables and chantiers, two sélections) plus 2,000 synthetic
distractor fiches (portal/devtools/demo/synthetic*.py). Each `Case` is a query typed as a reader
types it (accents, case, typos kept) and the demo pages, by slug, that a person expects at the top.

How the expected items were chosen: by reading the demo texts, never from what an engine answered.
For every case the expected page really contains the words of the query (or, for the groups that
test it, their other form: typo corrected, plural, feminine, derivation, synonym, other spelling of a
compound) in its main texts: title, chapô and body (a fiche's sections and tags; a network's
description, objectives, axes, productions, animation and governance; a livrable's description; a
chantier's stakes and "comment participer"; a sélection's commentaries). No case relies only on a
secondary field (a network's secretariat, rhythm or tools, a chantier's sessions, a fiche's contacts
or key figures) nor on an attached document, which the search weighs little or not at all. "SGAR",
for instance, is only in the Bretagne network's secretariat, and synthetic fiches carried by the
"Secrétariat général pour les affaires régionales de Bretagne" would answer "SGAR Bretagne" as well:
no case asks for it.

The synthetic fiches borrow the demo's vocabulary on purpose (management agile, ligne d'écoute,
codéveloppement, séminaire des cadres, coaching, autodiagnostic, égalité femmes-hommes, plateforme
RH, DDTM des Côtes-d'Armor, DREAL Occitanie…). A query is kept only when it is specific enough that a
person would expect the demo page before any synthetic fiche: "management" or "ligne d'écoute" alone
would be fair questions to which a synthetic fiche is as good an answer, so they are not here; an
exact title, or words that only the demo page brings together, are.

Rules of the table:
- `expected[0]` is THE page a person wants first (the mean reciprocal rank is computed on it); every
  slug listed must appear in the first ten results. When two pages are equally right both are listed,
  the most specific first (a livrable before the fiche that tells it, when the query names the
  livrable; otherwise the fiche, the retour d'expérience itself, before its network's page);
- `()` only in the "sans-resultat" group: nothing at all may come back, neither from the demo nor from
  the synthetic fiches (checked by grep, accents ignored, on the demo texts and on the synthetic
  vocabulary, themes, structures and content files; the words are also far, in spelling, from any
  word of those texts, so that typo tolerance has nothing to correct them to);
- groups ("accents", "casse", …) say what the case tests; the cases of the "synonymes" group only
  match through search.synonym_seed, and their note names the seed entry ("via …");
- typos ("fautes") are one letter (deletion, insertion, substitution or transposition), never on the
  first letter, in words of five letters or more; two typos only in words of nine letters or more;
- prefixes ("debut-de-mot"): only the last word of the query is unfinished.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Case:
    group: str  # one of GROUPS
    q: str  # what the reader types, as typed (accents, case, typos kept)
    expected: tuple = ()  # slugs; expected[0] is THE right item (MRR); all in the first 10; () = no result at all
    note: str = ""  # why (optional, short)


GROUPS = {
    "accents": "Accents",
    "casse": "Majuscules",
    "pluriel-feminin": "Pluriel et féminin",
    "derivation": "Verbe, nom, adjectif",
    "elisions": "Élisions",
    "composes": "Traits d'union et mots composés",
    "sigles": "Sigles",
    "lieux": "Lieux",
    "plusieurs-mots": "Plusieurs mots",
    "debut-de-mot": "Début de mot",
    "fautes": "Fautes de frappe",
    "synonymes": "Synonymes et sigles développés",
    "sans-resultat": "Sans résultat",
}

# --- the demo pages, by slug (each one unique among the demo pages) ----------------------------------

# fiches (PracticeSheetPage), portal/devtools/demo/fiches.py
FICHE_BRETAGNE = "reseau-breton-pratiques-manageriales"
FICHE_OCCITANIE = "dreal-occitanie-accompagnement-des-managers"
FICHE_TARN = "tarn-pole-territorial-management-par-la-cooperation"

# réseaux (NetworkPage), portal/devtools/demo/network_texts.py
RESEAU_BRETAGNE = "reseau-breton-des-pratiques-manageriales"
RESEAU_OCCITANIE = "communaute-des-managers-dreal-occitanie"
RESEAU_TARN = "pole-territorial-du-tarn-management-cooperatif"
RESEAU_MINISTERE = "communaute-ministerielle-des-cadres-superieurs"

# livrables (LivrablePage), portal/devtools/demo/network_livrables.py
LIVRABLE_CHARTE = "creation-du-reseau-et-charte"  # Bretagne, livrable 1
LIVRABLE_SITE = "site-collaboratif"  # Bretagne, livrable 2
LIVRABLE_COACHING = "journee-de-coaching"  # Bretagne, livrable 3
LIVRABLE_AUTODIAGNOSTIC = "autodiagnostic-des-competences-manageriales"  # Bretagne, livrable 4
LIVRABLE_AGILE = "seminaire-management-agile"  # Bretagne, livrable 5
LIVRABLE_ECOUTE = "ligne-ecoute-des-managers"  # Bretagne, livrable 6
LIVRABLE_EGALITE = "session-egalite-femmes-hommes"  # Bretagne, livrable 7
LIVRABLE_PERFORMANCE = "mesure-de-la-performance-collective"  # Occitanie
LIVRABLE_ESPACES = "espaces-collaboratifs-toulouse-montpellier"  # Occitanie
LIVRABLE_SEMINAIRE_CADRES = "seminaire-des-cadres-superieurs"  # Occitanie
LIVRABLE_COACHING_ENCADRANTS = "coaching-des-encadrants"  # Occitanie
LIVRABLE_INTENTION = "note-d-intention"  # Tarn
LIVRABLE_CADRAGE = "note-de-cadrage"  # Tarn
LIVRABLE_FAISABILITE = "note-de-faisabilite"  # Tarn

# chantiers (WorkstreamPage), portal/devtools/demo/network_workstreams.py
CHANTIER_JEUNES = "jeunes-managers"
CHANTIER_PAIRS = "groupes-de-pairs"
CHANTIER_WEBINAIRES = "webinaires"
CHANTIER_LETTRE = "lettre-des-managers"

# sélections (CuratedCollectionPage), portal/devtools/demo/collections.py
SELECTION_DEMARRER = "pour-demarrer-un-reseau-de-managers"
SELECTION_COOPERER = "cooperer-avec-les-territoires"


CASES = (
    # --- accents: typed without accents, or with the wrong ones -----------------------------------
    Case("accents", "seminaire management agile", (LIVRABLE_AGILE,), "titre du livrable 5, sans accent"),
    Case(
        "accents", "egalite femmes hommes management", (LIVRABLE_EGALITE,), "mots du titre du livrable 7, sans accent"
    ),
    Case("accents", "Reseau breton", (RESEAU_BRETAGNE,), "« breton » n'est que dans le titre du réseau"),
    Case("accents", "cooperer avec les territoires", (SELECTION_COOPERER,), "titre exact de la sélection"),
    Case(
        "accents",
        "reseau regional pratiques manageriales Bretagne",
        (FICHE_BRETAGNE, RESEAU_BRETAGNE),
        "mots du titre de la fiche",
    ),
    Case("accents", "communaute ministerielle des cadres superieurs", (RESEAU_MINISTERE,), "titre exact du réseau"),
    Case("accents", "ligne d'ecoute des managers", (LIVRABLE_ECOUTE,), "titre exact du livrable 6"),
    Case(
        "accents", "note de faisabilite", (LIVRABLE_FAISABILITE, FICHE_TARN), "titre du livrable ; la fiche la décrit"
    ),
    Case("accents", "management par la coopèration Tarn", (FICHE_TARN, RESEAU_TARN), "accent grave au lieu d'aigu"),
    Case(
        "accents",
        "séminaire des cadres supèrieurs",
        (LIVRABLE_SEMINAIRE_CADRES, FICHE_OCCITANIE),
        "accent grave au lieu d'aigu",
    ),
    # --- casse: capitals and mixed case --------------------------------------------------------------
    Case("casse", "DREAL OCCITANIE MANAGERS", (FICHE_OCCITANIE, RESEAU_OCCITANIE), "tout en capitales"),
    Case("casse", "SÉMINAIRE MANAGER EN MODE AGILE", (LIVRABLE_AGILE,), "titre du livrable en capitales"),
    Case("casse", "Note De Cadrage", (LIVRABLE_CADRAGE, FICHE_TARN), "majuscule à chaque mot"),
    Case("casse", "PÔLE TERRITORIAL DU TARN", (RESEAU_TARN, FICHE_TARN), "début du titre du réseau"),
    Case("casse", "webinaires du MARDI", (CHANTIER_WEBINAIRES,), "titre du chantier, casse mêlée"),
    Case("casse", "Jeunes Managers", (CHANTIER_JEUNES,), "titre exact du chantier"),
    Case("casse", "lettre des MANAGERS", (CHANTIER_LETTRE, RESEAU_MINISTERE), "titre du chantier"),
    Case("casse", "COACHING DES ENCADRANTS", (LIVRABLE_COACHING_ENCADRANTS,), "titre exact du livrable"),
    Case("casse", "ddtm côtes-d'armor grh", (FICHE_BRETAGNE, RESEAU_BRETAGNE), "sigles et lieu en minuscules"),
    Case(
        "casse",
        "Séminaire Management Agile Côtes-d'Armor",
        (FICHE_BRETAGNE, RESEAU_BRETAGNE),
        "le séminaire agile du réseau lancé par la DDTM des Côtes-d'Armor",
    ),
    # --- pluriel-feminin: the text has the other number or gender ------------------------------------
    Case(
        "pluriel-feminin",
        "séminaires des cadres supérieurs",
        (LIVRABLE_SEMINAIRE_CADRES, FICHE_OCCITANIE),
        "le texte dit « séminaire »",
    ),
    Case(
        "pluriel-feminin",
        "secrétaire général adjoint pour les affaires régionales",
        (RESEAU_BRETAGNE,),
        "le texte dit « secrétaire générale adjointe »",
    ),
    Case(
        "pluriel-feminin",
        "garant directeur régional adjoint DREAL",
        (RESEAU_OCCITANIE,),
        "le texte dit « la garante, directrice régionale adjointe »",
    ),
    Case(
        "pluriel-feminin",
        "cheffes de service DREAL Occitanie",
        (RESEAU_OCCITANIE, FICHE_OCCITANIE),
        "le texte dit « chefs de service »",
    ),
    Case(
        "pluriel-feminin", "coach interne plateforme RH", (LIVRABLE_COACHING,), "le texte dit « deux coachs internes »"
    ),
    Case("pluriel-feminin", "marraines", (CHANTIER_JEUNES,), "le texte dit « un parrain ou une marraine »"),
    Case("pluriel-feminin", "groupe de pair des DGS", (FICHE_TARN, RESEAU_TARN), "le texte dit « groupes de pairs »"),
    Case("pluriel-feminin", "livrable numéroté", (FICHE_BRETAGNE, RESEAU_BRETAGNE), "« sept livrables numérotés »"),
    Case(
        "pluriel-feminin",
        "intercommunalité rurale alliance transitions",
        (RESEAU_TARN, FICHE_TARN),
        "le réseau dit « 5 intercommunalités rurales »",
    ),
    Case("pluriel-feminin", "relation tendue avec une élue", (FICHE_TARN,), "la fiche dit « avec un élu »"),
    # --- derivation: verb, noun and adjective of the same word ---------------------------------------
    Case(
        "derivation",
        "coacher les encadrants",
        (LIVRABLE_COACHING_ENCADRANTS, FICHE_OCCITANIE),
        "coacher → coaching, coachs, coachés",
    ),
    Case(
        "derivation",
        "pérennisation de la démarche",
        (LIVRABLE_FAISABILITE, FICHE_TARN),
        "pérennisation → « pour pérenniser la démarche »",
    ),
    Case(
        "derivation", "témoignages de services en webinaire", (CHANTIER_WEBINAIRES,), "témoignages → « qui témoigne »"
    ),
    Case("derivation", "s'inscrire à un groupe de pairs", (CHANTIER_PAIRS,), "s'inscrire → « inscriptions »"),
    Case(
        "derivation",
        "financer l'animation des groupes de pairs",
        (FICHE_TARN,),
        "financer → « le financement de l'animation »",
    ),
    Case("derivation", "management coopératif Tarn", (FICHE_TARN, RESEAU_TARN), "coopératif → coopération"),
    Case("derivation", "séminaire managérial agile", (LIVRABLE_AGILE,), "managérial → « manager en mode agile »"),
    Case("derivation", "numérotation des livrables", (FICHE_BRETAGNE, RESEAU_BRETAGNE), "numérotation → numérotés"),
    Case(
        "derivation",
        "mesurer la performance collective des équipes",
        (LIVRABLE_PERFORMANCE, FICHE_OCCITANIE),
        "mesurer → « mesure de la performance collective »",
    ),
    Case("derivation", "diffuser l'autodiagnostic", (LIVRABLE_AUTODIAGNOSTIC,), "diffuser → « sa diffusion »"),
    Case("derivation", "parrainer un jeune manager", (CHANTIER_JEUNES, RESEAU_MINISTERE), "parrainer → parrainage"),
    Case(
        "derivation",
        "réaménager les salles Toulouse",
        (LIVRABLE_ESPACES, FICHE_OCCITANIE),
        "réaménager → « des salles réaménagées »",
    ),
    Case(
        "derivation",
        "coanimer le réseau avec la plateforme RH",
        (LIVRABLE_CHARTE, FICHE_BRETAGNE),
        "coanimer → coanimation, « qui coanime le réseau »",
    ),
    # --- elisions: l', d', qu', s', and the typographic apostrophe -----------------------------------
    Case("elisions", "l'égalité entre les femmes et les hommes", (LIVRABLE_EGALITE,), "titre du livrable 7"),
    Case("elisions", "note d'intention", (LIVRABLE_INTENTION, FICHE_TARN), "titre exact du livrable"),
    Case("elisions", "qu'est-ce qu'une note de cadrage", (LIVRABLE_CADRAGE, FICHE_TARN), "question en langage courant"),
    Case("elisions", "l'alliance pour les transitions", (FICHE_TARN, RESEAU_TARN), "le partenaire du pôle territorial"),
    Case(
        "elisions",
        "faire circuler les pratiques d'un ministère à l'autre",
        (FICHE_BRETAGNE,),
        "objectif de la fiche Bretagne, mot pour mot",
    ),
    Case("elisions", "l'isolement des DGS", (FICHE_TARN, RESEAU_TARN), "« rompre l'isolement des agents et des DGS »"),
    Case("elisions", "s'outiller entre pairs", (RESEAU_BRETAGNE, FICHE_BRETAGNE), "axe « se connaître et s'outiller »"),
    Case(
        "elisions",
        "l'adhésion des élus",
        (FICHE_TARN, SELECTION_COOPERER),
        "difficulté de la fiche Tarn, que la sélection invite à lire",
    ),
    Case("elisions", "limites de l’agilité", (LIVRABLE_AGILE,), "apostrophe typographique"),
    Case("elisions", "l'échelle du pôle territorial", (FICHE_TARN, RESEAU_TARN), "« l'échelle du pôle territorial »"),
    # --- composes: hyphens and compounds, in another spelling than the text --------------------------
    Case(
        "composes",
        "groupes de pairs stables co-développement",
        (CHANTIER_PAIRS,),
        "le texte écrit « codéveloppement »",
    ),
    Case("composes", "co développement 8 à 10 cadres", (CHANTIER_PAIRS,), "le texte écrit « codéveloppement »"),
    Case("composes", "acteurs socioéconomiques", (FICHE_TARN, RESEAU_TARN), "le texte écrit « socio-économiques »"),
    Case(
        "composes", "acteurs socio économiques Tarn", (FICHE_TARN, RESEAU_TARN), "le texte écrit « socio-économiques »"
    ),
    Case(
        "composes",
        "visio-conférence Toulouse Montpellier",
        (LIVRABLE_ESPACES, FICHE_OCCITANIE),
        "le texte écrit « visioconférence »",
    ),
    Case("composes", "égalité hommes-femmes", (LIVRABLE_EGALITE,), "le texte dit « entre les femmes et les hommes »"),
    Case(
        "composes",
        "auto-diagnostic des compétences managériales",
        (LIVRABLE_AUTODIAGNOSTIC, FICHE_BRETAGNE),
        "le texte écrit « autodiagnostic »",
    ),
    Case(
        "composes", "management multi-site DREAL", (FICHE_OCCITANIE, RESEAU_OCCITANIE), "le texte écrit « multisite »"
    ),
    Case("composes", "co-animation plateforme RH", (LIVRABLE_CHARTE, FICHE_BRETAGNE), "le texte écrit « coanimation »"),
    Case(
        "composes", "sous directeurs administration centrale", (RESEAU_MINISTERE,), "le texte écrit « sous-directeurs »"
    ),
    Case("composes", "demi journée sur l'égalité", (LIVRABLE_EGALITE,), "le texte écrit « demi-journée »"),
    Case(
        "composes",
        "cotes d armor quarantaine de cadres",
        (FICHE_BRETAGNE, RESEAU_BRETAGNE),
        "le texte écrit « Côtes-d'Armor »",
    ),
    # --- sigles: acronyms as the texts write them -------------------------------------------------------
    # "DDTM charte" alone also describes synthetic fiches whose chapô reads "la DDTM de Vendée lance une
    # charte du télétravail": right answers too, ranked first on their weight; the place tells them apart
    Case(
        "sigles",
        "charte DDTM Côtes-d'Armor",
        (LIVRABLE_CHARTE, FICHE_BRETAGNE),
        "la charte adoptée à l'invitation de la DDTM des Côtes-d'Armor",
    ),
    Case("sigles", "DREAL managers 2018", (FICHE_OCCITANIE, RESEAU_OCCITANIE), "le programme 2018 de la DREAL"),
    Case("sigles", "EPCI managers coopération", (FICHE_TARN, RESEAU_TARN), "les 5 EPCI du pôle territorial"),
    Case("sigles", "plateforme GRH Bretagne", (FICHE_BRETAGNE, RESEAU_BRETAGNE), "« plateforme … d'appui à la GRH »"),
    Case(
        "sigles",
        "DGS note de faisabilité",
        (LIVRABLE_FAISABILITE, FICHE_TARN),
        "« en cours de rédaction avec les DGS »",
    ),
    Case("sigles", "5 EPCI 100 communes", (FICHE_TARN, RESEAU_TARN), "chiffres clés du territoire"),
    # "ligne d'écoute plateforme RH" alone is the very title of synthetic fiches ("Ligne d'écoute
    # managériale — plateforme régionale d'appui interministériel RH Occitanie"), right answers too;
    # what tells the demo's line apart is that it is still an experiment
    Case(
        "sigles",
        "ligne d'écoute expérimentale plateforme RH",
        (LIVRABLE_ECOUTE,),
        "« ouverte à titre expérimental … avec l'appui de la plateforme RH régionale »",
    ),
    # --- lieux: places -----------------------------------------------------------------------------------
    Case(
        "lieux",
        "Toulouse Montpellier",
        (LIVRABLE_ESPACES, FICHE_OCCITANIE, RESEAU_OCCITANIE),
        "les deux villes sont dans le titre du livrable",
    ),
    Case("lieux", "Rennes Finistère", (FICHE_BRETAGNE,), "« une réunion à Rennes … pour un cadre du Finistère »"),
    Case(
        "lieux",
        "Occitanie fusion des régions",
        (FICHE_OCCITANIE, RESEAU_OCCITANIE),
        "« issue de la fusion des régions »",
    ),
    Case("lieux", "Tarn territoire rural", (FICHE_TARN, RESEAU_TARN), "« une partie rurale du Tarn »"),
    Case("lieux", "Montpellier 250 kilomètres", (FICHE_OCCITANIE, RESEAU_OCCITANIE), "distance entre les deux sites"),
    Case("lieux", "Occitanie pôle territorial rural", (FICHE_TARN, RESEAU_TARN), "le Tarn est en Occitanie"),
    Case("lieux", "Tarn 59 500 habitants", (FICHE_TARN, RESEAU_TARN), "population du territoire, en chiffres"),
    Case(
        "lieux", "Montpellier coaching", (FICHE_OCCITANIE, RESEAU_OCCITANIE), "le coaching des encadrants de la DREAL"
    ),
    # --- plusieurs-mots: titles typed in full, and words spread over title and body ------------------
    Case(
        "plusieurs-mots",
        "Un réseau régional pour partager les pratiques managériales des cadres de l'État en Bretagne",
        (FICHE_BRETAGNE,),
        "titre exact : doit être premier",
    ),
    Case(
        "plusieurs-mots",
        "Accompagner les managers d'une direction régionale : le programme 2018 de la DREAL Occitanie",
        (FICHE_OCCITANIE,),
        "titre exact : doit être premier",
    ),
    Case(
        "plusieurs-mots",
        "Manager par la coopération dans un pôle territorial rural du Tarn",
        (FICHE_TARN,),
        "titre exact : doit être premier",
    ),
    Case("plusieurs-mots", "Pour démarrer un réseau de managers", (SELECTION_DEMARRER,), "titre exact de la sélection"),
    Case(
        "plusieurs-mots",
        "Session sur l'égalité entre les femmes et les hommes dans le management",
        (LIVRABLE_EGALITE,),
        "titre exact du livrable",
    ),
    Case(
        "plusieurs-mots",
        "Mesure de la performance collective de 12 collectifs",
        (LIVRABLE_PERFORMANCE, FICHE_OCCITANIE),
        "titre exact du livrable",
    ),
    Case(
        "plusieurs-mots",
        "site collaboratif messagerie téléphone",
        (LIVRABLE_SITE, FICHE_BRETAGNE),
        "titre du livrable 2 et ce qu'il en dit",
    ),
    Case(
        "plusieurs-mots",
        "charte volontariat confidentialité",
        (LIVRABLE_CHARTE,),
        "titre et description du livrable 1",
    ),
    Case(
        "plusieurs-mots",
        "coaching encadrants déjà convaincus",
        (LIVRABLE_COACHING_ENCADRANTS, FICHE_OCCITANIE),
        "titre et description du livrable",
    ),
    Case(
        "plusieurs-mots",
        "espaces collaboratifs mobilier modulable",
        (LIVRABLE_ESPACES, FICHE_OCCITANIE),
        "titre et description du livrable",
    ),
    Case(
        "plusieurs-mots",
        "webinaire une heure un sujet",
        (CHANTIER_WEBINAIRES, RESEAU_MINISTERE),
        "« une heure, un sujet, un service qui témoigne »",
    ),
    Case(
        "plusieurs-mots",
        "guide du parrainage jeunes managers",
        (CHANTIER_JEUNES, RESEAU_MINISTERE),
        "production prévue du chantier",
    ),
    Case(
        "plusieurs-mots",
        "comité de pilotage pôle EPCI alliance",
        (RESEAU_TARN,),
        "gouvernance du réseau du Tarn",
    ),
    # --- debut-de-mot: the last word is unfinished --------------------------------------------------
    Case("debut-de-mot", "management par la coop", (FICHE_TARN, RESEAU_TARN), "coop… → coopération"),
    Case("debut-de-mot", "séminaire management ag", (LIVRABLE_AGILE,), "ag… → agile"),
    Case("debut-de-mot", "charte de fonction", (LIVRABLE_CHARTE,), "fonction… → fonctionnement"),
    Case("debut-de-mot", "note de faisa", (LIVRABLE_FAISABILITE, FICHE_TARN), "faisa… → faisabilité"),
    Case(
        "debut-de-mot",
        "autodiagnostic des compétences mana",
        (LIVRABLE_AUTODIAGNOSTIC, FICHE_BRETAGNE),
        "mana… → managériales",
    ),
    Case(
        "debut-de-mot",
        "Toulouse Montp",
        (LIVRABLE_ESPACES, FICHE_OCCITANIE, RESEAU_OCCITANIE),
        "Montp… → Montpellier",
    ),
    Case("debut-de-mot", "webinaires du mar", (CHANTIER_WEBINAIRES,), "mar… → mardi"),
    Case("debut-de-mot", "alliance pour les trans", (FICHE_TARN, RESEAU_TARN), "trans… → transitions"),
    Case("debut-de-mot", "jeunes managers parr", (CHANTIER_JEUNES, RESEAU_MINISTERE), "parr… → parrainage"),
    Case("debut-de-mot", "communauté ministé", (RESEAU_MINISTERE,), "ministé… → ministérielle"),
    Case(
        "debut-de-mot",
        "performance collec",
        (LIVRABLE_PERFORMANCE, FICHE_OCCITANIE),
        "collec… → collective",
    ),
    # --- fautes: one typo (two in long words), never on the first letter ---------------------------
    Case("fautes", "managment agile séminaire", (LIVRABLE_AGILE,), "lettre oubliée"),
    Case("fautes", "cooperaton managers Tarn", (FICHE_TARN, RESEAU_TARN), "lettre oubliée"),
    Case(
        "fautes",
        "séminaier des cadres supérieurs",
        (LIVRABLE_SEMINAIRE_CADRES, FICHE_OCCITANIE),
        "deux lettres interverties",
    ),
    Case(
        "fautes",
        "accompagnemnet des managers DREAL Occitanie",
        (FICHE_OCCITANIE, RESEAU_OCCITANIE),
        "deux lettres interverties",
    ),
    Case(
        "fautes",
        "autodiagnotsic des compétences",
        (LIVRABLE_AUTODIAGNOSTIC, FICHE_BRETAGNE),
        "deux lettres interverties",
    ),
    Case("fautes", "visioconférance Toulouse", (LIVRABLE_ESPACES, FICHE_OCCITANIE), "lettre remplacée"),
    Case("fautes", "note de faisabillité", (LIVRABLE_FAISABILITE, FICHE_TARN), "lettre ajoutée"),
    Case(
        "fautes",
        "Toulouse Montpelier",
        (LIVRABLE_ESPACES, FICHE_OCCITANIE, RESEAU_OCCITANIE),
        "lettre oubliée dans un nom de ville",
    ),
    Case("fautes", "parainage jeunes managers", (CHANTIER_JEUNES, RESEAU_MINISTERE), "lettre oubliée"),
    Case("fautes", "stéréotpyes", (LIVRABLE_EGALITE,), "deux lettres interverties"),
    Case(
        "fautes",
        "note de faisibilté",
        (LIVRABLE_FAISABILITE, FICHE_TARN),
        "deux fautes dans un mot de 11 lettres (a→i, i oublié)",
    ),
    Case("fautes", "site colaboratif du réseau", (LIVRABLE_SITE,), "lettre oubliée dans le titre du livrable 2"),
    Case("fautes", "webinaries du mardi", (CHANTIER_WEBINAIRES,), "deux lettres interverties"),
    # --- synonymes: only an entry of search.synonym_seed makes them match ---------------------------
    Case(
        "synonymes",
        "télétravail Toulouse Montpellier",
        (FICHE_OCCITANIE,),
        "via télétravail / travail à distance (« nouveaux modes de travail à distance »)",
    ),
    Case(
        "synonymes",
        "QVT managers DREAL Occitanie",
        (FICHE_OCCITANIE, RESEAU_OCCITANIE),
        "via QVT / qualité de vie au travail",
    ),
    Case(
        "synonymes",
        "parité dans le management",
        (LIVRABLE_EGALITE,),
        "via parité / égalité entre les femmes et les hommes",
    ),
    Case(
        "synonymes",
        "direction régionale de l'environnement, de l'aménagement et du logement Occitanie",
        (FICHE_OCCITANIE, RESEAU_OCCITANIE),
        "via DREAL",
    ),
    Case(
        "synonymes",
        "PFRH Côtes-d'Armor",
        (FICHE_BRETAGNE, RESEAU_BRETAGNE),
        "via PFRH / plateforme régionale d'appui interministériel à la GRH",
    ),
    Case(
        "synonymes",
        "directeur général des services note de faisabilité",
        (LIVRABLE_FAISABILITE, FICHE_TARN),
        "via DGS / directeur général des services",
    ),
    Case("synonymes", "COPIL alliance pour les transitions", (RESEAU_TARN,), "via COPIL / comité de pilotage"),
    Case("synonymes", "séminaires en ligne du mardi", (CHANTIER_WEBINAIRES,), "via webinaire / séminaire en ligne"),
    Case(
        "synonymes",
        "DRH du ministère cadres supérieurs",
        (RESEAU_MINISTERE,),
        "via DRH / direction des ressources humaines",
    ),
    Case(
        "synonymes",
        "quarantaine de cadres des DDI",
        (FICHE_BRETAGNE, RESEAU_BRETAGNE),
        "via DDI / direction départementale interministérielle",
    ),
    Case(
        "synonymes",
        "établissements publics de coopération intercommunale alliance pour les transitions",
        (FICHE_TARN, RESEAU_TARN),
        "via EPCI (le réseau ne dit que « EPCI »)",
    ),
    Case("synonymes", "visio mobilier modulable", (LIVRABLE_ESPACES, FICHE_OCCITANIE), "via visioconférence / visio"),
    Case(
        "synonymes",
        "coachs internes plateforme ressources humaines",
        (LIVRABLE_COACHING,),
        "via RH / ressources humaines",
    ),
    # --- sans-resultat: words that appear nowhere, and that no typo correction brings near ------------
    Case("sans-resultat", "zythologie", (), "aucun mot proche dans les textes"),
    Case("sans-resultat", "vidéoprotection", (), "sujet de préfecture absent des textes"),
    Case("sans-resultat", "ostréiculture", (), "sujet de DDTM absent des textes"),
    Case("sans-resultat", "pisciculture", (), "absent des textes"),
    Case("sans-resultat", "aquaculture", (), "absent des textes"),
    Case("sans-resultat", "spéléologie", (), "absent des textes"),
    Case("sans-resultat", "vidéoprotection vidéosurveillance", (), "deux mots absents"),
    Case("sans-resultat", "chiroptères", (), "sujet de DREAL absent des textes"),
)


def by_group():
    """{group: [cases]}, in the order of GROUPS."""
    groups = {group: [] for group in GROUPS}
    for case in CASES:
        groups[case.group].append(case)
    return groups
