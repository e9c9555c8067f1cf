"""Naming the structure that carries a synthetic fiche, and the French around place names.

A structure is named from its type of service and its territory the way the administration names
itself: "DDTM du Finistère", "Préfecture de l'Aude", "DREAL Grand Est", "DEAL La Réunion",
"Communauté de communes du Pays de Mauriac". Structures named after a town take a real town of the
fiche's département (TOWNS), of the right size for what they are: a sous-préfecture is one, a
communauté d'agglomération or a hospital is not in a city that has a métropole or a CHU, a communauté
de communes is named after a small town. Its article says how a sentence introduces it: la DDT, au
Département, de l'ARS.
"""

from dataclasses import dataclass

from practices.models.taxonomy import NATIONAL_REGION_CODE

from . import synthetic_vocabulary as vocab

ARTICLE_FORMS = {  # article -> (at, of)
    "la ": ("à la ", "de la "),
    "le ": ("au ", "du "),
    "l'": ("à l'", "de l'"),
}
VOWELS = set("AEIOUYÂÉÈÊÎÔÛaeiouyâéèêîôû")

# fmt: off
# Chef-lieu; sous-préfectures; a few smaller towns — by département (INSEE COG code), from the official
# lists of arrondissements. Town names beginning with an h are left out: whether one elides before
# them ("d'Hazebrouck", "de Haguenau") cannot be told from the spelling. Haguenau is the exception,
# which "de" serves right.
TOWN_LISTS = {
    "01": "Bourg-en-Bresse; Belley, Gex, Nantua; Ambérieu-en-Bugey, Pont-de-Vaux, Châtillon-sur-Chalaronne",
    "02": "Laon; Château-Thierry, Saint-Quentin, Soissons, Vervins; Guise, Chauny, Marle",
    "03": "Moulins; Montluçon, Vichy; Gannat, Lapalisse, Saint-Pourçain-sur-Sioule",
    "04": "Digne-les-Bains; Barcelonnette, Castellane, Forcalquier; Sisteron, Manosque, Riez",
    "05": "Gap; Briançon; Embrun, Serres, Laragne-Montéglin",
    "06": "Nice; Grasse; Vence, Menton, Puget-Théniers",
    "07": "Privas; Largentière, Tournon-sur-Rhône; Aubenas, Annonay, Le Cheylard",
    "08": "Charleville-Mézières; Rethel, Sedan, Vouziers; Givet, Revin, Rocroi",
    "09": "Foix; Pamiers, Saint-Girons; Lavelanet, Mirepoix, Tarascon-sur-Ariège",
    "10": "Troyes; Bar-sur-Aube, Nogent-sur-Seine; Romilly-sur-Seine, Bar-sur-Seine, Brienne-le-Château",
    "11": "Carcassonne; Limoux, Narbonne; Castelnaudary, Lézignan-Corbières, Quillan",
    "12": "Rodez; Millau, Villefranche-de-Rouergue; Espalion, Saint-Affrique, Decazeville",
    "13": "Marseille; Aix-en-Provence, Arles, Istres; Salon-de-Provence, La Ciotat, Tarascon",
    "14": "Caen; Bayeux, Lisieux, Vire; Falaise, Pont-l'Évêque, Condé-en-Normandie",
    "15": "Aurillac; Mauriac, Saint-Flour; Murat, Riom-ès-Montagnes, Maurs",
    "16": "Angoulême; Cognac, Confolens; Ruffec, Barbezieux-Saint-Hilaire, Chabanais",
    "17": "La Rochelle; Jonzac, Rochefort, Saintes, Saint-Jean-d'Angély; Marennes, Surgères, Royan",
    "18": "Bourges; Saint-Amand-Montrond, Vierzon; Sancerre, Aubigny-sur-Nère, Mehun-sur-Yèvre",
    "19": "Tulle; Brive-la-Gaillarde, Ussel; Égletons, Uzerche, Meymac",
    "21": "Dijon; Beaune, Montbard; Semur-en-Auxois, Châtillon-sur-Seine, Nuits-Saint-Georges",
    "22": "Saint-Brieuc; Dinan, Guingamp, Lannion; Loudéac, Paimpol, Rostrenen",
    "23": "Guéret; Aubusson; La Souterraine, Bourganeuf, Boussac",
    "24": "Périgueux; Bergerac, Nontron, Sarlat-la-Canéda; Ribérac, Thiviers, Terrasson-Lavilledieu",
    "25": "Besançon; Montbéliard, Pontarlier; Ornans, Baume-les-Dames, Morteau",
    "26": "Valence; Die, Nyons; Crest, Montélimar, Saint-Vallier",
    "27": "Évreux; Les Andelys, Bernay; Vernon, Pont-Audemer, Gisors",
    "28": "Chartres; Châteaudun, Dreux, Nogent-le-Rotrou; Bonneval, Illiers-Combray, Brou",
    "29": "Quimper; Brest, Châteaulin, Morlaix; Landerneau, Carhaix-Plouguer, Quimperlé",
    "2A": "Ajaccio; Sartène; Porto-Vecchio, Propriano, Vico",
    "2B": "Bastia; Calvi, Corte; Ghisonaccia, Saint-Florent, Borgo",
    "30": "Nîmes; Alès, Le Vigan; Uzès, Bagnols-sur-Cèze, Sommières",
    "31": "Toulouse; Muret, Saint-Gaudens; Revel, Villefranche-de-Lauragais, Grenade",
    "32": "Auch; Condom, Mirande; Lectoure, Eauze, Nogaro",
    "33": "Bordeaux; Arcachon, Blaye, Langon, Lesparre-Médoc, Libourne; Bazas, Sainte-Foy-la-Grande, Créon",
    "34": "Montpellier; Béziers, Lodève; Lunel, Clermont-l'Hérault, Saint-Pons-de-Thomières",
    "35": "Rennes; Fougères, Redon, Saint-Malo; Vitré, Montfort-sur-Meu, Combourg",
    "36": "Châteauroux; Le Blanc, La Châtre, Issoudun; Argenton-sur-Creuse, Valençay, Buzançais",
    "37": "Tours; Chinon, Loches; Amboise, Bourgueil, Château-Renault",
    "38": "Grenoble; La Tour-du-Pin, Vienne; Bourgoin-Jallieu, Voiron, Saint-Marcellin",
    "39": "Lons-le-Saunier; Dole, Saint-Claude; Champagnole, Poligny, Arbois",
    "40": "Mont-de-Marsan; Dax; Aire-sur-l'Adour, Saint-Sever, Mimizan",
    "41": "Blois; Romorantin-Lanthenay, Vendôme; Salbris, Mer, Montoire-sur-le-Loir",
    "42": "Saint-Étienne; Montbrison, Roanne; Feurs, Charlieu, Saint-Just-Saint-Rambert",
    "43": "Le Puy-en-Velay; Brioude, Yssingeaux; Monistrol-sur-Loire, Langeac, Craponne-sur-Arzon",
    "44": "Nantes; Ancenis-Saint-Géréon, Châteaubriant, Saint-Nazaire; Clisson, Pornic, Guérande",
    "45": "Orléans; Montargis, Pithiviers; Gien, Beaugency, Briare",
    "46": "Cahors; Figeac, Gourdon; Souillac, Gramat, Saint-Céré",
    "47": "Agen; Marmande, Nérac, Villeneuve-sur-Lot; Tonneins, Casteljaloux, Fumel",
    "48": "Mende; Florac-Trois-Rivières; Marvejols, Langogne, Saint-Chély-d'Apcher",
    "49": "Angers; Cholet, Saumur, Segré-en-Anjou Bleu; Baugé-en-Anjou, Chemillé-en-Anjou, Doué-en-Anjou",
    "50": "Saint-Lô; Avranches, Cherbourg-en-Cotentin, Coutances; Granville, Valognes, Périers",
    "51": "Châlons-en-Champagne; Épernay, Reims, Sainte-Menehould, Vitry-le-François; Sézanne, Fismes, Montmirail",
    "52": "Chaumont; Langres, Saint-Dizier; Joinville, Bourbonne-les-Bains, Wassy",
    "53": "Laval; Château-Gontier-sur-Mayenne, Mayenne; Évron, Craon, Ernée",
    "54": "Nancy; Briey, Lunéville, Toul; Pont-à-Mousson, Longwy, Baccarat",
    "55": "Bar-le-Duc; Commercy, Verdun; Saint-Mihiel, Stenay, Ligny-en-Barrois",
    "56": "Vannes; Lorient, Pontivy; Ploërmel, Auray, Questembert",
    "57": "Metz; Forbach, Sarrebourg, Sarreguemines, Thionville; Saint-Avold, Boulay-Moselle, Château-Salins",
    "58": "Nevers; Château-Chinon, Clamecy, Cosne-Cours-sur-Loire; Decize, Corbigny, La Charité-sur-Loire",
    "59": "Lille; Avesnes-sur-Helpe, Cambrai, Douai, Dunkerque, Valenciennes; Bailleul, Le Cateau-Cambrésis, Fourmies",
    "60": "Beauvais; Clermont, Compiègne, Senlis; Noyon, Crépy-en-Valois, Chaumont-en-Vexin",
    "61": "Alençon; Argentan, Mortagne-au-Perche; Flers, L'Aigle, Vimoutiers",
    "62": "Arras; Béthune, Boulogne-sur-Mer, Calais, Lens, Montreuil, Saint-Omer; Saint-Pol-sur-Ternoise, Aire-sur-la-Lys, Bapaume",
    "63": "Clermont-Ferrand; Ambert, Issoire, Riom, Thiers; Billom, Courpière, Saint-Éloy-les-Mines",
    "64": "Pau; Bayonne, Oloron-Sainte-Marie; Orthez, Mauléon-Licharre, Saint-Jean-Pied-de-Port",
    "65": "Tarbes; Argelès-Gazost, Bagnères-de-Bigorre; Lannemezan, Vic-en-Bigorre, Lourdes",
    "66": "Perpignan; Céret, Prades; Thuir, Rivesaltes, Argelès-sur-Mer",
    "67": "Strasbourg; Haguenau, Molsheim, Saverne, Sélestat; Obernai, Wissembourg, Erstein",
    "68": "Colmar; Altkirch, Guebwiller, Mulhouse, Thann; Ribeauvillé, Munster, Cernay",
    "69": "Lyon; Villefranche-sur-Saône; Tarare, Givors, Beaujeu",
    "70": "Vesoul; Lure; Gray, Luxeuil-les-Bains, Jussey",
    "71": "Mâcon; Autun, Chalon-sur-Saône, Charolles, Louhans; Tournus, Paray-le-Monial, Montceau-les-Mines",
    "72": "Le Mans; La Flèche, Mamers; Sablé-sur-Sarthe, La Ferté-Bernard, Saint-Calais",
    "73": "Chambéry; Albertville, Saint-Jean-de-Maurienne; Aix-les-Bains, Bourg-Saint-Maurice, Montmélian",
    "74": "Annecy; Bonneville, Saint-Julien-en-Genevois, Thonon-les-Bains; Rumilly, Cluses, Sallanches",
    "75": "Paris; ; ",
    "76": "Rouen; Dieppe, Le Havre; Fécamp, Yvetot, Neufchâtel-en-Bray",
    "77": "Melun; Fontainebleau, Meaux, Provins, Torcy; Nemours, Coulommiers, Montereau-Fault-Yonne",
    "78": "Versailles; Mantes-la-Jolie, Rambouillet, Saint-Germain-en-Laye; Poissy, Limay, Montfort-l'Amaury",
    "79": "Niort; Bressuire, Parthenay; Thouars, Melle, Saint-Maixent-l'École",
    "80": "Amiens; Abbeville, Montdidier, Péronne; Doullens, Albert, Roye",
    "81": "Albi; Castres; Gaillac, Lavaur, Carmaux",
    "82": "Montauban; Castelsarrasin; Moissac, Caussade, Beaumont-de-Lomagne",
    "83": "Toulon; Brignoles, Draguignan; Fréjus, Saint-Maximin-la-Sainte-Baume, Le Luc",
    "84": "Avignon; Apt, Carpentras; Orange, Cavaillon, Pertuis",
    "85": "La Roche-sur-Yon; Fontenay-le-Comte, Les Sables-d'Olonne; Luçon, Challans, Les Herbiers",
    "86": "Poitiers; Châtellerault, Montmorillon; Loudun, Civray, Chauvigny",
    "87": "Limoges; Bellac, Rochechouart; Saint-Junien, Saint-Yrieix-la-Perche, Saint-Léonard-de-Noblat",
    "88": "Épinal; Neufchâteau, Saint-Dié-des-Vosges; Remiremont, Gérardmer, Mirecourt",
    "89": "Auxerre; Avallon, Sens; Joigny, Tonnerre, Saint-Florentin",
    "90": "Belfort; ; Delle, Giromagny, Beaucourt",
    "91": "Évry-Courcouronnes; Étampes, Palaiseau; Arpajon, Dourdan, Milly-la-Forêt",
    "92": "Nanterre; Antony, Boulogne-Billancourt; Rueil-Malmaison, Clamart, Gennevilliers",
    "93": "Bobigny; Le Raincy, Saint-Denis; Montreuil, Aubervilliers, Aulnay-sous-Bois",
    "94": "Créteil; L'Haÿ-les-Roses, Nogent-sur-Marne; Vitry-sur-Seine, Vincennes, Ivry-sur-Seine",
    "95": "Cergy; Argenteuil, Sarcelles; Pontoise, Montmorency, Magny-en-Vexin",
    "971": "Basse-Terre; Pointe-à-Pitre; Le Moule, Sainte-Anne, Capesterre-Belle-Eau",
    "972": "Fort-de-France; Le Marin, La Trinité, Saint-Pierre; Le Lamentin, Le François, Sainte-Marie",
    "973": "Cayenne; Saint-Laurent-du-Maroni; Kourou, Mana, Maripasoula",
    "974": "Saint-Denis; Saint-Benoît, Saint-Paul, Saint-Pierre; Le Tampon, Saint-Louis, Cilaos",
    "976": "Mamoudzou; ; Dzaoudzi, Koungou, Sada",
}
# Cities with a métropole, a communauté urbaine or a CHU: no "communauté d'agglomération" or
# "centre hospitalier" is named after them.
BIG_CITIES = set(
    "Paris, Marseille, Lyon, Toulouse, Nice, Nantes, Montpellier, Strasbourg, Bordeaux, Lille, Rennes, Reims, "
    "Toulon, Saint-Étienne, Le Havre, Grenoble, Dijon, Angers, Clermont-Ferrand, Tours, Brest, Metz, Nancy, "
    "Orléans, Rouen, Perpignan, Caen, Limoges, Amiens, Besançon, Poitiers, Aix-en-Provence, "
    "Boulogne-Billancourt, Saint-Denis".split(", ")
)
# Paris and its inner ring have no communautés de communes: their intercommunalities are the
# Métropole du Grand Paris and its établissements publics territoriaux.
GRAND_PARIS_INTERCOMMUNALITIES = {
    "75": (("la ", "Métropole du Grand Paris"),),
    "92": (
        ("l'", "Établissement public territorial Grand Paris Seine Ouest"),
        ("l'", "Établissement public territorial Paris Ouest La Défense"),
        ("l'", "Établissement public territorial Vallée Sud Grand Paris"),
        ("l'", "Établissement public territorial Boucle Nord de Seine"),
    ),
    "93": (
        ("l'", "Établissement public territorial Plaine Commune"),
        ("l'", "Établissement public territorial Est Ensemble"),
        ("l'", "Établissement public territorial Paris Terres d'Envol"),
        ("l'", "Établissement public territorial Grand Paris Grand Est"),
    ),
    "94": (
        ("l'", "Établissement public territorial Grand-Orly Seine Bièvre"),
        ("l'", "Établissement public territorial Paris-Est-Marne et Bois"),
        ("l'", "Établissement public territorial Grand Paris Sud Est Avenir"),
    ),
}
INNER_PARIS = {"75", "92", "93", "94"}
# fmt: on


@dataclass(frozen=True)
class Towns:
    prefecture: str
    subprefectures: tuple
    small: tuple

    @property
    def all(self):
        return (self.prefecture, *self.subprefectures, *self.small)

    @property
    def agglomerations(self):
        """Towns a communauté d'agglomération or a centre hospitalier may be named after."""
        return tuple(town for town in (self.prefecture, *self.subprefectures) if town not in BIG_CITIES)


def _parse(line):
    prefecture, subprefectures, small = (part.strip() for part in line.split(";"))
    split = lambda part: tuple(town.strip() for town in part.split(",") if town.strip())  # noqa: E731
    return Towns(prefecture, split(subprefectures), split(small))


TOWNS = {code: _parse(line) for code, line in TOWN_LISTS.items()}


@dataclass
class Structure:
    article: str  # "la ", "le " or "l'"
    name: str
    fonction_publique: str
    department: str | None = None  # the département it belongs to, if any
    place: str | None = None  # the town it is named after, if any
    kind: str = ""  # a fact of its fiche, when a partner would be itself: centre_de_gestion, plateforme_rh

    @property
    def the(self):
        return self.article + self.name

    @property
    def at(self):
        return ARTICLE_FORMS[self.article][0] + self.name

    @property
    def of(self):
        return ARTICLE_FORMS[self.article][1] + self.name


def allowed(condition, facts):
    """Whether a condition of synthetic_vocabulary holds for a fiche with these facts."""
    for word in condition.split():
        if word.startswith("!"):
            if word[1:] in facts:
                return False
        elif not any(choice in facts for choice in word.split("|")):
            return False
    return True


def usable(entries, facts):
    """The texts of `entries` (text, or (condition, text)) that a fiche with these facts may say."""
    return [
        entry if isinstance(entry, str) else entry[1]
        for entry in entries
        if isinstance(entry, str) or allowed(entry[0], facts)
    ]


def since_facts(start_year):
    """since_YYYY for every year up to the start of the démarche: "since_2021" holds from 2021 on."""
    return {f"since_{year}" for year in range(2000, start_year + 1)}


def _dated(entries, start_year):
    """(article, name[, condition]) entries whose name existed in `start_year`."""
    facts = since_facts(start_year)
    return [entry[:2] for entry in entries if len(entry) < 3 or allowed(entry[2], facts)]


def cap(text):
    return text[:1].upper() + text[1:]


def de(name):
    """The name after "de", elided or contracted: d'Aubenas, du Blanc, des Andelys, de La Flèche."""
    if name.startswith("Le "):
        return "du " + name[3:]
    if name.startswith("Les "):
        return "des " + name[4:]
    return f"d'{name}" if name[:1] in VOWELS else f"de {name}"


def of(phrase):
    """The phrase after "de", contracted: du CNFPT, de l'université, d'un cabinet, des agents."""
    for article, contracted in (
        ("le ", "du "),
        ("les ", "des "),
        ("des ", "de "),
        ("un ", "d'un "),
        ("une ", "d'une "),
    ):
        if phrase.startswith(article):
            return contracted + phrase[len(article) :]
    return de(phrase)


def department_de(code, name):
    for preposition, codes in vocab.DEPARTMENT_PREPOSITIONS.items():
        if code in codes.split():
            return preposition + name
    return "de la " + name


def department_in(code, name):
    """dans le Finistère, dans l'Aude, dans les Landes, dans la Marne, en Gironde, à Paris."""
    if code in ("75", "974", "976"):
        return f"à {name}"
    phrase = department_de(code, name)
    for prefix, replacement in (("du ", "dans le "), ("des ", "dans les "), ("de l'", "dans l'")):
        if phrase.startswith(prefix):
            return replacement + phrase[len(prefix) :]
    if phrase.startswith("de la ") and code not in vocab.EN_DEPARTMENTS:
        return f"dans la {name}"
    return f"en {name}"


def _named_after(rng, article, pattern, towns, fonction, dep_code):
    place = rng.choice(towns)
    return Structure(article, pattern.format(de=de(place)), fonction, dep_code, place)


def carrying_structure(rng, region, region_name, service, department, start_year):
    """The carrying structure, consistent with the type of service, the territory and the years."""
    if region == NATIONAL_REGION_CODE:
        article, name = rng.choice(_dated(vocab.NATIONAL_STRUCTURES[service], start_year))
        return Structure(article, name, "etat")
    dep_code, dep_name = department
    de_department = department_de(dep_code, dep_name)
    towns = TOWNS[dep_code]
    if service == "prefecture":
        roll = rng.random()
        if 0.6 <= roll < 0.8 and region not in vocab.OVERSEAS_REGIONS:  # overseas, one préfecture for both
            return Structure("la ", f"Préfecture de la région {region_name}", "etat")
        if roll >= 0.8 and towns.subprefectures:
            return _named_after(rng, "la ", "Sous-préfecture {de}", towns.subprefectures, "etat", dep_code)
        return Structure("la ", f"Préfecture {de_department}", "etat", dep_code)
    if service == "service-regional-etat":
        if rng.random() < 0.15:
            return Structure(
                "le ", f"Secrétariat général pour les affaires régionales {vocab.REGION_DE[region]}", "etat"
            )
        return Structure("la ", f"{regional_state_service(rng, region, start_year)} {region_name}", "etat")
    if service == "ddi":
        return Structure(
            "la ", f"{departmental_state_service(rng, dep_code, start_year)} {de_department}", "etat", dep_code
        )
    if service == "operateur-etat":
        if rng.random() < 0.6:
            article, pattern = rng.choice(_dated(vocab.REGIONAL_OPERATORS, start_year))
            return Structure(article, pattern.format(region=region_name), "etat")
        article, pattern = rng.choice(_dated(vocab.DEPARTMENT_OPERATORS, start_year))
        return Structure(article, pattern.format(de_department=de_department), "etat", dep_code)
    if service == "region":
        article, name = vocab.REGION_COUNCILS.get(region) or vocab.REGIONAL_COUNCIL_NAMES.get(
            region, ("la ", f"Région {region_name}")
        )
        return Structure(article, name, "territoriale")
    if service == "departement":
        if region in vocab.REGION_COUNCILS:
            article, name = vocab.REGION_COUNCILS[region]
            return Structure(article, name, "territoriale", dep_code)
        if dep_code == "75":
            return Structure("la ", "Ville de Paris", "territoriale", dep_code)
        name = rng.choice(("Département", "Conseil départemental"))
        return Structure("le ", f"{name} {de_department}", "territoriale", dep_code)
    if service == "intercommunalite":
        return _intercommunality(rng, region, dep_code, towns)
    if service == "commune":
        if dep_code == "75":
            return Structure("la ", "Ville de Paris", "territoriale", dep_code, "Paris")
        article, pattern, pool = rng.choice(
            (
                ("la ", "Mairie {de}", towns.all),
                ("la ", "Ville {de}", (towns.prefecture, *towns.subprefectures)),
                ("la ", "Commune {de}", towns.small),
            )
        )
        return _named_after(rng, article, pattern, pool, "territoriale", dep_code)
    return _other_structure(rng, region, dep_code, de_department, towns)


def regional_state_service(rng, region, start_year):
    """DREAL, DRAAF… as they were called in the fiche's first year (DIRECCTE became DREETS in 2021)."""
    family = (
        region
        if region in vocab.REGIONAL_STATE_SERVICES
        else ("overseas" if region in vocab.OVERSEAS_REGIONS else "mainland")
    )
    acronym = rng.choice(vocab.REGIONAL_STATE_SERVICES[family])
    if start_year < vocab.STATE_REFORM_YEAR:
        acronym = vocab.REGIONAL_STATE_SERVICES_BEFORE.get(acronym, acronym)
    return acronym


def departmental_state_service(rng, dep_code, start_year):
    """DDT(M), DDPP, DDETS — or, before 2021, the DDCS that preceded the DDETS."""
    kinds = ["DDPP", "DDETS"] if dep_code in vocab.NO_DDT_DEPARTMENTS else ["DDT", "DDT", "DDT", "DDPP", "DDETS"]
    kind = rng.choice(kinds)
    if kind == "DDT" and dep_code in vocab.COASTAL_DEPARTMENTS:
        kind = "DDTM"
    if kind == "DDETS" and start_year < vocab.STATE_REFORM_YEAR:
        kind = "DDCS"
    return kind


def _intercommunality(rng, region, dep_code, towns):
    if dep_code in GRAND_PARIS_INTERCOMMUNALITIES:
        article, name = rng.choice(GRAND_PARIS_INTERCOMMUNALITIES[dep_code])
        return Structure(article, name, "territoriale", dep_code)
    rural = towns.small + tuple(town for town in towns.subprefectures if town not in BIG_CITIES)
    choices = [
        ("la ", "Communauté de communes du Pays {de}", towns.small),
        ("la ", "Communauté de communes {de}", towns.small),
        ("la ", "Communauté d'agglomération {de}", towns.agglomerations),
    ]
    if region not in vocab.OVERSEAS_REGIONS:  # no PETR nor pôle territorial overseas
        choices += [
            ("le ", "Pôle d'équilibre territorial et rural du Pays {de}", rural),
            ("le ", "Pôle territorial {de}", rural),
        ]
    article, pattern, pool = rng.choice([choice for choice in choices if choice[2]])
    return _named_after(rng, article, pattern, pool, "territoriale", dep_code)


def _other_structure(rng, region, dep_code, de_department, towns):
    if region == "11":
        ring = "petite" if dep_code in INNER_PARIS else "grande"
        management_centre = ("le ", f"Centre interdépartemental de gestion de la {ring} couronne", (), "territoriale")
    else:
        management_centre = (
            "le ",
            f"Centre de gestion de la fonction publique territoriale {de_department}",
            (),
            "territoriale",
        )
    choices = [("la ", f"Plateforme régionale d'appui interministériel RH {vocab.REGION_DE[region]}", (), "etat")]
    if dep_code != "75":  # Paris has its own centre d'action sociale and the AP-HP
        choices += [
            management_centre,
            ("le ", "Centre hospitalier {de}", towns.agglomerations, "hospitaliere"),
            ("le ", f"Groupement hospitalier de territoire {de_department}", (), "hospitaliere"),
            ("le ", "Centre communal d'action sociale {de}", towns.all, "territoriale"),
        ]
    choices = [choice for choice in choices if choice[2] or "{de}" not in choice[1]]
    article, pattern, pool, fonction = rng.choice(choices)
    if pool:
        return _named_after(rng, article, pattern, pool, fonction, dep_code)
    if pattern.startswith("Plateforme"):
        return Structure(article, pattern, fonction, kind="plateforme_rh")
    kind = "centre_de_gestion" if pattern.startswith("Centre") else ""
    return Structure(article, pattern, fonction, dep_code, kind=kind)
