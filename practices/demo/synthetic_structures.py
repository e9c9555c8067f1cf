"""Naming the structure that carries a synthetic fiche, and the French around place names.

A structure is named from its type of service and its territory the way the administration names
itself: "DDTM du Finistère", "Préfecture de l'Aude", "DREAL Grand Est", "DEAL La Réunion",
"Communauté de communes du Pays de …" (the commune names are made of Faker's French names). Its article
says how a sentence introduces it: la DDT, au Département, de l'ARS.
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


@dataclass
class Structure:
    article: str  # "la ", "le " or "l'"
    name: str
    fonction_publique: str
    department: str | None = None  # the département it belongs to, if any

    @property
    def the(self):
        return self.article + self.name

    @property
    def at(self):
        return ARTICLE_FORMS[self.article][0] + self.name

    @property
    def of(self):
        return ARTICLE_FORMS[self.article][1] + self.name


def cap(text):
    return text[:1].upper() + text[1:]


def de(name):
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


def place_name(rng, fake):
    """A plausible commune name made of Faker's French names."""
    while True:
        last = fake.last_name()
        if " " not in last and "'" not in last:
            break
    form = rng.random()
    if form < 0.35:
        return last
    if form < 0.55:
        return f"{last}-sur-{rng.choice(vocab.PLACE_RIVERS)}"
    if form < 0.7:
        return f"Saint-{fake.first_name_male()}"
    if form < 0.8:
        return f"Sainte-{fake.first_name_female()}"
    if form < 0.9:
        return f"{last}-en-{rng.choice(vocab.PLACE_COUNTRIES)}"
    return f"{last}-les-Bains"


def carrying_structure(rng, fake, region, region_name, service, department):
    """The carrying structure, consistent with the type of service and the territory."""
    if region == NATIONAL_REGION_CODE:
        article, name = rng.choice(vocab.NATIONAL_STRUCTURES[service])
        return Structure(article, name, "etat")
    dep_code, dep_name = department
    de_department = department_de(dep_code, dep_name)
    if service == "prefecture":
        roll = rng.random()
        if roll < 0.6:
            return Structure("la ", f"Préfecture {de_department}", "etat", dep_code)
        if roll < 0.8:
            return Structure("la ", f"Préfecture de la région {region_name}", "etat")
        return Structure("la ", f"Sous-préfecture {de(place_name(rng, fake))}", "etat", dep_code)
    if service == "service-regional-etat":
        family = (
            region
            if region in vocab.REGIONAL_STATE_SERVICES
            else ("overseas" if region in vocab.OVERSEAS_REGIONS else "mainland")
        )
        if rng.random() < 0.15:
            return Structure(
                "le ", f"Secrétariat général pour les affaires régionales {vocab.REGION_DE[region]}", "etat"
            )
        return Structure("la ", f"{rng.choice(vocab.REGIONAL_STATE_SERVICES[family])} {region_name}", "etat")
    if service == "ddi":
        kinds = ["DDPP", "DDETS"] if dep_code in vocab.NO_DDT_DEPARTMENTS else ["DDT", "DDT", "DDT", "DDPP", "DDETS"]
        kind = rng.choice(kinds)
        if kind == "DDT" and dep_code in vocab.COASTAL_DEPARTMENTS:
            kind = "DDTM"
        return Structure("la ", f"{kind} {de_department}", "etat", dep_code)
    if service == "operateur-etat":
        if rng.random() < 0.6:
            article, pattern = rng.choice(vocab.REGIONAL_OPERATORS)
            return Structure(article, pattern.format(region=region_name), "etat")
        article, pattern = rng.choice(vocab.DEPARTMENT_OPERATORS)
        return Structure(article, pattern.format(de_department=de_department), "etat", dep_code)
    if service == "region":
        article, name = vocab.REGION_COUNCILS.get(region, ("la ", f"Région {region_name}"))
        return Structure(article, name, "territoriale")
    if service == "departement":
        if region in vocab.REGION_COUNCILS:
            article, name = vocab.REGION_COUNCILS[region]
            return Structure(article, name, "territoriale", dep_code)
        if dep_code == "75":
            return Structure("la ", "Ville de Paris", "territoriale", dep_code)
        name = rng.choice(("Département", "Conseil départemental"))
        return Structure("le ", f"{name} {de_department}", "territoriale", dep_code)
    place = place_name(rng, fake)
    if service == "intercommunalite":
        article, pattern = rng.choice(
            (
                ("la ", "Communauté de communes du Pays {de}"),
                ("la ", "Communauté de communes {de}"),
                ("la ", "Communauté d'agglomération {de}"),
                ("le ", "Pôle d'équilibre territorial et rural du Pays {de}"),
                ("le ", "Pôle territorial {de}"),
            )
        )
        return Structure(article, pattern.format(de=de(place)), "territoriale", dep_code)
    if service == "commune":
        article, pattern = rng.choice((("la ", "Mairie {de}"), ("la ", "Ville {de}"), ("la ", "Commune {de}")))
        return Structure(article, pattern.format(de=de(place)), "territoriale", dep_code)
    # autre
    article, pattern, fonction = rng.choice(
        (
            ("le ", "Centre de gestion de la fonction publique territoriale {de_department}", "territoriale"),
            ("le ", "Centre hospitalier {de_place}", "hospitaliere"),
            ("le ", "Groupement hospitalier de territoire {de_department}", "hospitaliere"),
            ("le ", "Centre communal d'action sociale {de_place}", "territoriale"),
            ("la ", "Plateforme régionale d'appui interministériel RH {de_region}", "etat"),
        )
    )
    name = pattern.format(de_department=de_department, de_place=de(place), de_region=vocab.REGION_DE[region])
    return Structure(article, name, fonction, None if "{de_region}" in pattern else dep_code)
