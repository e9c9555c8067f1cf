"""The fictional people of the demo networks and their memberships over time.

Every name here is invented and every address ends in `.localhost`, a domain that can never deliver
mail: the demo must look like a real network without naming anyone real or letting an alert e-mail
leave the machine. Dates are fixed, never computed from today, so that reloading the demo next year
stores exactly the same history (and `load_demo` stays idempotent).

Structures are written once (name, service type slug, département code) and people point to them,
so that a person's service type and département always agree with their structure.
"""

import unicodedata

DOMAIN = "demo.reseaux.localhost"

STRUCTURES = {
    # --- Bretagne: 4 préfectures (the regional HR platform belongs to the regional one) ---------
    "pref35": ("Préfecture de la région Bretagne et d'Ille-et-Vilaine", "prefecture", "35"),
    "pfrh53": ("Plateforme régionale d'appui interministériel à la GRH (SGAR Bretagne)", "prefecture", "35"),
    "pref22": ("Préfecture des Côtes-d'Armor", "prefecture", "22"),
    "pref29": ("Préfecture du Finistère", "prefecture", "29"),
    "pref56": ("Préfecture du Morbihan", "prefecture", "56"),
    # --- Bretagne: 5 directions régionales ---------------------------------------------------
    "dreal53": ("DREAL Bretagne", "service-regional-etat", "35"),
    "draaf53": ("DRAAF Bretagne", "service-regional-etat", "35"),
    "dreets53": ("DREETS Bretagne", "service-regional-etat", "35"),
    "drac53": ("DRAC Bretagne", "service-regional-etat", "35"),
    "drfip53": ("DRFiP de Bretagne et d'Ille-et-Vilaine", "service-regional-etat", "35"),
    # --- Bretagne: 11 directions départementales interministérielles -------------------------
    "ddtm22": ("DDTM des Côtes-d'Armor", "ddi", "22"),
    "ddtm29": ("DDTM du Finistère", "ddi", "29"),
    "ddtm35": ("DDTM d'Ille-et-Vilaine", "ddi", "35"),
    "ddtm56": ("DDTM du Morbihan", "ddi", "56"),
    "ddpp22": ("DDPP des Côtes-d'Armor", "ddi", "22"),
    "ddpp29": ("DDPP du Finistère", "ddi", "29"),
    "ddpp35": ("DDPP d'Ille-et-Vilaine", "ddi", "35"),
    "ddets22": ("DDETS des Côtes-d'Armor", "ddi", "22"),
    "ddets29": ("DDETS du Finistère", "ddi", "29"),
    "ddets35": ("DDETS d'Ille-et-Vilaine", "ddi", "35"),
    "ddets56": ("DDETS du Morbihan", "ddi", "56"),
    # --- Occitanie: one DREAL on two sites ---------------------------------------------------
    "dreal-toulouse": ("DREAL Occitanie, site de Toulouse", "service-regional-etat", "31"),
    "dreal-montpellier": ("DREAL Occitanie, site de Montpellier", "service-regional-etat", "34"),
    # --- Tarn: the pôle territorial, its five EPCI (invented names), partners -----------------
    "pole81": ("Pôle territorial rural du Tarn", "intercommunalite", "81"),
    "cc-coteaux": ("Communauté de communes des Coteaux", "intercommunalite", "81"),
    "cc-plateau": ("Communauté de communes du Haut-Plateau", "intercommunalite", "81"),
    "cc-vallees": ("Communauté de communes des Deux Vallées", "intercommunalite", "81"),
    "cc-causse": ("Communauté de communes du Causse", "intercommunalite", "81"),
    "cc-bastides": ("Communauté de communes des Bastides", "intercommunalite", "81"),
    "commune81": ("Commune membre de la communauté de communes des Coteaux", "commune", "81"),
    "alliance81": ("Alliance pour les transitions (partenaire associatif)", "autre", "81"),
    "ddt81": ("DDT du Tarn", "ddi", "81"),
    # --- the ministry-wide community: central administration and services across France ------
    "sg": ("Secrétariat général du ministère", "administration-centrale", "92"),
    "sg-drh": ("Direction des ressources humaines du ministère", "administration-centrale", "92"),
    "dgaln": ("Direction générale de l'aménagement, du logement et de la nature", "administration-centrale", "92"),
    "dreal-normandie": ("DREAL Normandie", "service-regional-etat", "76"),
    "dreal-grand-est": ("DREAL Grand Est", "service-regional-etat", "57"),
    "dreal-hdf": ("DREAL Hauts-de-France", "service-regional-etat", "59"),
    "dreal-cvl": ("DREAL Centre-Val de Loire", "service-regional-etat", "45"),
    "ddt51": ("DDT de la Marne", "ddi", "51"),
    "ddtm33": ("DDTM de la Gironde", "ddi", "33"),
    "ddt69": ("DDT du Rhône", "ddi", "69"),
    "ddt38": ("DDT de l'Isère", "ddi", "38"),
    "ddtm34": ("DDTM de l'Hérault", "ddi", "34"),
}

# first name, last name, structure, job title
PEOPLE = [
    # Bretagne — DDI
    ("Gwenola", "Le Bris", "ddtm22", "Cheffe du service aménagement et urbanisme"),
    ("Yann", "Le Gall", "ddtm22", "Adjoint au directeur"),
    ("Loïc", "Tanguy", "ddtm22", "Secrétaire général"),
    ("Ronan", "Cornec", "ddtm22", "Chef du service mer et littoral"),
    ("Soizic", "Kerbrat", "ddtm29", "Cheffe du service économie agricole"),
    ("Jean-Yves", "Pennec", "ddtm29", "Chef du service eau et biodiversité"),
    ("Thomas", "Nguyen", "ddtm29", "Chef du service eau et biodiversité"),
    ("Claire", "Jaouen", "ddtm35", "Secrétaire générale"),
    ("Mathieu", "Derrien", "ddtm35", "Chef du service habitat"),
    ("Anne", "Morvan", "ddtm56", "Directrice adjointe"),
    ("Pierre", "Le Floch", "ddtm56", "Chef du service risques et sécurité"),
    ("Hervé", "Salaün", "ddtm56", "Chef du service territoires et mer"),
    ("Nadia", "Belkacem", "ddpp22", "Cheffe du service sécurité sanitaire des aliments"),
    ("Goulven", "Abgrall", "ddpp29", "Directeur adjoint"),
    ("Sophie", "Garnier", "ddpp29", "Cheffe du service protection des consommateurs"),
    ("Marc", "Lefèvre", "ddpp35", "Secrétaire général"),
    ("Élodie", "Prigent", "ddpp35", "Secrétaire générale"),
    ("Karine", "Le Meur", "ddets22", "Cheffe du pôle insertion"),
    ("Julien", "Hamon", "ddets22", "Responsable du pôle travail"),
    ("Isabelle", "Quéré", "ddets29", "Directrice adjointe"),
    ("Samia", "Haddad", "ddets35", "Cheffe du service hébergement et logement"),
    ("Benoît", "Rolland", "ddets35", "Secrétaire général"),
    ("Philippe", "Madec", "ddets56", "Chef du pôle politiques sociales"),
    ("Morgane", "Le Corre", "ddets56", "Cheffe du pôle politiques sociales"),
    ("Erwann", "Le Duff", "ddets56", "Chef du pôle entreprises, emploi et économie"),
    # Bretagne — préfectures
    ("Bernard", "Gourvès", "pref35", "Secrétaire général adjoint pour les affaires régionales"),
    ("Catherine", "Ollivier", "pref35", "Secrétaire générale adjointe pour les affaires régionales"),
    ("Lucie", "Bothorel", "pref35", "Cheffe du bureau des ressources humaines"),
    ("Fabrice", "Stéphan", "pref35", "Directeur de la coordination des politiques publiques"),
    ("Françoise", "Le Moal", "pfrh53", "Conseillère en accompagnement des cadres"),
    ("Erwan", "Kerhervé", "pfrh53", "Conseiller mobilité et accompagnement des managers"),
    ("Arnaud", "Caradec", "pref22", "Secrétaire général adjoint"),
    ("Sandrine", "Le Goff", "pref22", "Secrétaire générale adjointe"),
    ("David", "Briand", "pref22", "Chef du bureau des moyens et de la logistique"),
    ("Hélène", "Tréguer", "pref29", "Directrice des libertés publiques"),
    ("Yannick", "Kervella", "pref29", "Chef du service des ressources humaines"),
    ("Valérie", "Guégan", "pref56", "Secrétaire générale adjointe"),
    ("Olivier", "Bourhis", "pref56", "Chef du bureau de la représentation de l'État"),
    # Bretagne — directions régionales
    ("Maëlle", "Guillou", "dreal53", "Cheffe de la division biodiversité"),
    ("Stéphane", "Le Bras", "dreal53", "Adjoint au chef du service climat, énergie et logement"),
    ("Aurélie", "Jézéquel", "dreal53", "Cheffe du service connaissance et évaluation"),
    ("François", "Le Du", "draaf53", "Secrétaire général"),
    ("Camille", "Nédélec", "draaf53", "Cheffe du service régional de l'alimentation"),
    ("Christine", "Moreau", "dreets53", "Cheffe du pôle politique du travail"),
    ("Laurent", "Le Guen", "dreets53", "Chef du pôle politique du travail"),
    ("Gaëlle", "Riou", "dreets53", "Responsable des ressources humaines"),
    ("Jérôme", "Fontaine", "drac53", "Secrétaire général"),
    ("Marion", "Lozac'h", "drac53", "Secrétaire générale"),
    ("Patrick", "Le Moigne", "drfip53", "Responsable de la division des ressources humaines"),
    ("Emmanuelle", "Corre", "drfip53", "Cheffe du pôle gestion publique"),
    # Occitanie — DREAL
    ("Laure", "Castagné", "dreal-toulouse", "Chargée de mission management et qualité de vie au travail"),
    ("Olivier", "Cazals", "dreal-toulouse", "Directeur régional adjoint"),
    ("Nathalie", "Rigal", "dreal-montpellier", "Directrice régionale adjointe"),
    ("Sylvie", "Ferrand", "dreal-toulouse", "Assistante de direction, secrétariat général"),
    ("Julien", "Marty", "dreal-montpellier", "Chef de l'unité coordination des contrôles"),
    ("Céline", "Bonnafous", "dreal-toulouse", "Responsable de l'immobilier et de la logistique"),
    ("Damien", "Roques", "dreal-montpellier", "Chef du service risques naturels et hydrauliques"),
    ("Agnès", "Pujol", "dreal-toulouse", "Cheffe du service biodiversité"),
    ("Romain", "Escande", "dreal-toulouse", "Chef du département transports"),
    ("Florence", "Delmas", "dreal-montpellier", "Cheffe de l'unité énergie et climat"),
    ("Jacques", "Viguier", "dreal-toulouse", "Adjoint à la cheffe du service aménagement"),
    ("Kévin", "Bousquet", "dreal-toulouse", "Adjoint à la cheffe du service aménagement"),
    ("Émilie", "Lacombe", "dreal-montpellier", "Cheffe du pôle ressources humaines"),
    ("Thierry", "Carrère", "dreal-montpellier", "Chef du service connaissance et évaluation"),
    ("Myriam", "Teisseire", "dreal-montpellier", "Cheffe de l'unité départementale de l'Hérault"),
    ("Benjamin", "Sabatier", "dreal-toulouse", "Chef du service logement et construction durable"),
    # Tarn — pôle territorial
    ("Mathilde", "Rouquayrol", "pole81", "Chargée de mission coopération et transitions"),
    ("Jean-Marc", "Albouy", "pole81", "Directeur du pôle territorial"),
    ("Émilie", "Cabanes", "pole81", "Assistante administrative"),
    ("Bastien", "Cabrol", "cc-coteaux", "Directeur général des services"),
    ("Sandrine", "Vialar", "cc-vallees", "Directrice générale des services"),
    ("Frédéric", "Assié", "cc-causse", "Directeur général des services"),
    ("Alain", "Bouscatel", "cc-plateau", "Directeur général des services"),
    ("Nadège", "Calmels", "cc-plateau", "Directrice générale des services"),
    ("Christophe", "Maurel", "cc-bastides", "Directeur général des services"),
    ("Lucie", "Barthe", "commune81", "Secrétaire de mairie"),
    ("Laetitia", "Coste", "commune81", "Secrétaire de mairie"),
    ("Anthony", "Granier", "cc-vallees", "Responsable des services techniques"),
    ("Pauline", "Maffre", "cc-causse", "Chargée de mission petite enfance"),
    ("Marie", "Bonnet", "cc-coteaux", "Responsable des ressources humaines mutualisées"),
    ("Vincent", "Séguier", "alliance81", "Coordinateur de l'alliance pour les transitions"),
    ("Cédric", "Pradel", "ddt81", "Chef de l'unité territoriale nord"),
    # the ministry-wide community
    ("Agnès", "Fouquet", "sg-drh", "Cheffe de la mission de l'encadrement supérieur"),
    ("Philippe", "Marchand", "sg", "Secrétaire général adjoint"),
    ("Denis", "Aubry", "sg-drh", "Chargé d'accompagnement des cadres"),
    ("Leïla", "Benzaïd", "sg-drh", "Chargée d'accompagnement des cadres"),
    ("Sarah", "Lebrun", "sg-drh", "Cheffe du bureau des emplois de direction"),
    ("Karima", "Mansouri", "dgaln", "Sous-directrice"),
    ("Hugo", "Lemaire", "ddt51", "Directeur adjoint"),
    ("Sébastien", "Roussel", "dreal-normandie", "Directeur régional adjoint"),
    ("Caroline", "Vasseur", "dreal-hdf", "Directrice régionale adjointe"),
    ("Guillaume", "Berthier", "dreal-grand-est", "Directeur régional adjoint"),
    ("Élise", "Kieffer", "dreal-grand-est", "Directrice régionale adjointe"),
    ("Florence", "Aubert", "dreal-cvl", "Secrétaire générale"),
    ("Amandine", "Perrot", "ddtm33", "Directrice adjointe"),
    ("Marc-Antoine", "Girard", "ddt69", "Directeur"),
    ("Thibault", "Mercier", "ddt38", "Directeur adjoint"),
    ("Romain", "Lecomte", "ddtm34", "Directeur adjoint"),
]


def email_for(first_name, last_name):
    """firstname.lastname on the demo domain, without accents, spaces or apostrophes (Le Bris -> lebris)."""

    def plain(text):
        text = unicodedata.normalize("NFKD", text)
        text = "".join(c for c in text if not unicodedata.combining(c)).lower()
        return "".join(c for c in text if c.isalnum() or c == "-")

    return f"{plain(first_name)}.{plain(last_name)}@{DOMAIN}"
