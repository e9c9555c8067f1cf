"""The words exports of the former platforms use, folded (lower case, no accents, single spaces).

Why a table rather than rules: the headings and labels of real fiches vary a little from one network to
the next (« Objectifs », « Objectifs et finalités », « Finalités »), and typos are matched against these
forms with a distance (rapidfuzz), so each form is written once, as people write it.
"""

from search.suggest import normalize

# heading → (fiche field, whether to keep the heading inside the field as a sub-heading)
# Network-ish headings go where a reader of the fiche would look for them: how the network works and
# who steers it describe the démarche; what it was meant to produce is an objective; its axes are actions.
SECTION_HEADINGS = {
    "chapo": ("intro", False),
    "resume": ("intro", False),
    "en bref": ("intro", False),
    "synthese": ("intro", False),
    "contexte": ("context", False),
    "contexte et enjeux": ("context", False),
    "situation de depart": ("context", False),
    "origine de la demarche": ("context", False),
    "genese": ("context", False),
    "description": ("description", False),
    "description du projet": ("description", False),
    "description de la demarche": ("description", False),
    "description de l action": ("description", False),
    "presentation": ("description", False),
    "presentation du projet": ("description", False),
    "presentation de la demarche": ("description", False),
    "fonctionnement du reseau": ("description", True),
    "fonctionnement": ("description", True),
    "organisation": ("description", True),
    "pilotage": ("description", True),
    "gouvernance": ("description", True),
    "objectifs": ("objectives", False),
    "objectifs et finalites": ("objectives", False),
    "finalites": ("objectives", False),
    "objectifs poursuivis": ("objectives", False),
    "enjeux et objectifs": ("objectives", False),
    "productions attendues": ("objectives", True),
    "resultats attendus": ("objectives", True),
    "actions": ("actions", False),
    "actions menees": ("actions", False),
    "mise en oeuvre": ("actions", False),
    "deroulement": ("actions", False),
    "etapes": ("actions", False),
    "calendrier": ("actions", True),
    "axes de travail": ("actions", True),
    "moyens": ("actions", True),
    "moyens mobilises": ("actions", True),
    "resultats": ("results", False),
    "resultats et effets": ("results", False),
    "resultats obtenus": ("results", False),
    "effets": ("results", False),
    "impacts": ("results", False),
    "bilan": ("results", False),
    "evaluation": ("results", True),
    "ce qui a fonctionne": ("what_worked", False),
    "ce qui a marche": ("what_worked", False),
    "points forts": ("what_worked", False),
    "facteurs de reussite": ("what_worked", False),
    "leviers": ("what_worked", False),
    "ce qui n a pas fonctionne": ("what_did_not_work", False),
    "ce qui n a pas marche": ("what_did_not_work", False),
    "difficultes": ("what_did_not_work", False),
    "difficultes rencontrees": ("what_did_not_work", False),
    "freins": ("what_did_not_work", False),
    "points de vigilance": ("what_did_not_work", False),
    "limites": ("what_did_not_work", False),
    "enseignements": ("lessons", False),
    "lecons": ("lessons", False),
    "lecons a retenir": ("lessons", False),
    "enseignements et conseils": ("lessons", False),
    "conseils": ("lessons", False),
    "perspectives": ("lessons", True),
    "livrables": ("livrables", False),
    "productions": ("livrables", False),
    "contact": ("contacts", False),
    "contacts": ("contacts", False),
    "pour en savoir plus": ("contacts", False),
    "referents": ("contacts", False),
}

# "Label : value" lines
LABELS = {
    "titre": "title",
    "intitule": "title",
    "structure porteuse": "carrying_structure",
    "structure": "carrying_structure",
    "porteur": "carrying_structure",
    "porteur du projet": "carrying_structure",
    "service porteur": "carrying_structure",
    "organisme": "carrying_structure",
    "type de structure": "service_type",
    "type de service": "service_type",
    "type de structure porteuse": "service_type",
    "region": "region",
    "departement": "departments",
    "departements": "departments",
    "territoire": "territory",
    "annee": "years",
    "annees": "years",
    "periode": "years",
    "date": "years",
    "dates": "years",
    "duree": "years",
    "annee de debut": "start_year",
    "debut": "start_year",
    "annee de fin": "end_year",
    "fin": "end_year",
    "fonction publique": "fonction_publique",
    "versant": "fonction_publique",
    "theme": "themes",
    "themes": "themes",
    "thematique": "themes",
    "thematiques": "themes",
    "mots cles": "tags",
    "mot cle": "tags",
    "contact": "contacts",
    "contacts": "contacts",
    "referent": "contacts",
    "courriel": "contacts",
    "mail": "contacts",
    "e mail": "contacts",
}

# Words in a structure's name or type → ServiceType slug; the first match wins, so specific before generic.
SERVICE_KEYWORDS = (
    (r"\bsous prefecture\b|\bprefecture\b|\bsgar\b", "prefecture"),
    (r"\bddtm?\b|\bddpp\b|\bddets(pp)?\b|\bddcs(pp)?\b|\bdirection departementale", "ddi"),
    (r"\bdreal\b|\bdraaf\b|\bdreets\b|\bdrac\b|\bdrfip\b|\bdirection regionale|\bdirecteccte?\b", "service-regional-etat"),
    (r"\bpole territorial\b|\bpetr\b|\bepci\b|\bcommunaute de communes\b|\bcommunaute d agglomeration\b"
     r"|\bintercommunalite\b|\bmetropole\b", "intercommunalite"),
    (r"\bconseil regional\b", "region"),
    (r"\bconseil departemental\b", "departement"),
    (r"\bcommune\b|\bmairie\b|\bville de\b", "commune"),
    (r"\badministration centrale\b|\bministere\b|\bsecretariat general\b", "administration-centrale"),
    (r"\boperateur\b|\betablissement public\b|\bagence\b", "operateur-etat"),
    (r"\bservice deconcentre regional\b|\bservice regional\b", "service-regional-etat"),
    (r"\bservice deconcentre\b|\bservice departemental\b", "ddi"),
)

FONCTION_PUBLIQUE_KEYWORDS = (
    (r"\bhospitaliere\b|\bfph\b", "hospitaliere"),
    (r"\bterritoriale\b|\bfpt\b", "territoriale"),
    (r"\bde l etat\b|\bfpe\b|\betat\b", "etat"),
)
STATE_SERVICE_TYPES = {"prefecture", "ddi", "service-regional-etat", "administration-centrale", "operateur-etat"}
LOCAL_SERVICE_TYPES = {"intercommunalite", "region", "departement", "commune"}

REGION_ALIASES = {"paca": "93", "aura": "84", "idf": "11"}

LIVRABLE_KINDS = (
    (r"note d intention", "note-intention"),
    (r"note de cadrage", "note-cadrage"),
    (r"note de faisabilite", "note-faisabilite"),
    (r"fiche methodologique|guide|methode", "fiche-methodologique"),
    (r"seminaire", "seminaire"),
    (r"formation|coaching", "formation"),
    (r"journee|rencontre|session|colloque", "evenement"),
    (r"site|outil|autodiagnostic|plateforme|ligne d ecoute|charte|boite a outils", "outil"),
)

def fold(text):
    """Lower case, no accents, « œ » spelt out, every run of non-letters one space: the search
    suggestions' form (search.suggest.normalize), without its leading space."""
    return normalize(str(text)).strip()
