"""What synthetic fiche number N says: its classification and its French text, from the seed and N alone.

Each fiche draws from its own random generator seeded with (seed, number), so fiche 42 is the same
whether it is created first or after ten thousand others, and the same on every machine. Faker (fr_FR)
provides names of people and places; the sentences come from the templates of synthetic_vocabulary,
filled so that a fiche tells one consistent story (the structure matches the type of service, the
département, the fonction publique; the démarche matches the main theme).
"""

import datetime
import random
import unicodedata
import zoneinfo
from dataclasses import dataclass, field

from faker import Faker

from practices.models.fiche import review_date_after
from practices.models.taxonomy import NATIONAL_REGION_CODE

from . import synthetic_themes as themes
from . import synthetic_vocabulary as vocab
from .synthetic_structures import cap, carrying_structure, de, department_in, of

FIRST_YEAR = 2012
LAST_YEAR = 2026
# Publication dates are spread up to this fixed instant rather than "now", so that a fiche stays the
# same from one run to the next.
HORIZON = datetime.datetime(2026, 11, 1, 18, 0, tzinfo=zoneinfo.ZoneInfo("Europe/Paris"))

# The first fiches cover every region (and national), every type of structure and every theme, so that
# even a small demo shows all the facets; the following ones are drawn by weight.
COVER = (
    ("53", "ddi"), ("76", "service-regional-etat"), ("84", "prefecture"), ("11", "commune"),
    ("NAT", "administration-centrale"), ("44", "region"), ("75", "departement"), ("32", "intercommunalite"),
    ("52", "operateur-etat"), ("93", "autre"), ("28", "ddi"), ("27", "prefecture"), ("24", "intercommunalite"),
    ("94", "service-regional-etat"), ("01", "departement"), ("03", "commune"), ("04", "region"),
    ("02", "commune"), ("06", "prefecture"),
)  # fmt: skip


@dataclass
class References:
    """The reference data a fiche is classified with, read once from the database."""

    region_names: dict  # code -> name, national included
    departments: dict  # region code -> [(code, name)], national excluded
    themes: dict  # slug -> (id, name), for every theme (editors may have added some)
    service_types: set
    actor_categories: set


@dataclass
class FicheData:
    number: int
    title: str
    intro: str
    carrying_structure: str
    service_type: str
    fonction_publique: str
    region: str
    departments: list
    start_year: int
    end_year: int | None
    themes: list  # ids, main theme first
    actor_categories: list
    tags: list
    sections: dict
    key_figures: list  # [(value, label)]
    contacts: list  # [(name, role, email)]
    first_published_at: datetime.datetime
    last_published_at: datetime.datetime
    review_date: datetime.date = field(init=False)

    def __post_init__(self):
        local = self.last_published_at.astimezone(HORIZON.tzinfo).date()
        self.review_date = review_date_after(local)


def slug_for(number):
    return f"fiche-synthetique-{number:05d}"


def ascii_slug(text):
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "".join(ch for ch in text.lower() if ch.isalnum())


def weighted(rng, weights):
    keys = list(weights)
    return rng.choices(keys, weights=[weights[key] for key in keys])[0]


def french_number(value):
    return f"{value:,}".replace(",", " ")


class Composer:
    """Builds FicheData for any number; one instance serves a whole run."""

    def __init__(self, references, seed=2026):
        self.refs = references
        self.seed = seed
        self.fake = Faker("fr_FR")
        self.region_names = references.region_names
        self.department_names = {code: name for deps in references.departments.values() for code, name in deps}
        regional = {code: w for code, w in vocab.REGION_WEIGHTS.items() if code in references.departments}
        total = sum(regional.values())
        self.region_weights = dict(regional)
        if NATIONAL_REGION_CODE in references.region_names:
            self.region_weights[NATIONAL_REGION_CODE] = total * vocab.NATIONAL_SHARE / (1 - vocab.NATIONAL_SHARE)
        self.theme_weights = {slug: themes.THEME_WEIGHTS.get(slug, 3) for slug in references.themes}
        self.main_theme_weights = {s: w for s, w in self.theme_weights.items() if s in themes.THEMES}

    # --- classification ------------------------------------------------------------------------

    def _region_and_service(self, rng, number):
        if number <= len(COVER):
            region, service = COVER[number - 1]
            if region in self.region_weights and service in self.refs.service_types:
                return region, service
        region = weighted(rng, self.region_weights)
        if region == NATIONAL_REGION_CODE:
            weights = vocab.NATIONAL_SERVICE_WEIGHTS
        else:
            weights = dict(vocab.SERVICE_WEIGHTS)
            if region in vocab.OVERSEAS_REGIONS:
                weights.pop("ddi")  # overseas, State services are regional only
        weights = {slug: w for slug, w in weights.items() if slug in self.refs.service_types}
        return region, weighted(rng, weights)

    def _departments(self, rng, region, structure):
        if region == NATIONAL_REGION_CODE:
            return []
        codes = [code for code, _name in self.refs.departments[region]]
        chosen = [structure.department] if structure.department else [rng.choice(codes)]
        others = [code for code in codes if code not in chosen]
        if others and rng.random() < 0.3:
            chosen.append(rng.choice(others))
        return chosen

    def _themes(self, rng, number):
        slugs = list(self.main_theme_weights) or list(self.theme_weights)
        if number <= len(slugs):
            main = sorted(slugs)[number - 1]
        else:
            main = weighted(rng, self.main_theme_weights or self.theme_weights)
        chosen = [main]
        for _ in range(rng.choice((0, 0, 1, 1, 2))):
            extra = weighted(rng, self.theme_weights)
            if extra not in chosen:
                chosen.append(extra)
        return chosen

    def _actors(self, rng, service, fonction):
        pool = sorted(self.refs.actor_categories)
        if not pool:
            return []
        state = service in vocab.STATE_SERVICES or fonction == "etat"
        main = "agents-etat" if state else "agents-collectivite"
        chosen = [main] if main in pool else [rng.choice(pool)]
        extras = {
            "elus": 0.3 if state else 0.6,
            "agents-collectivite": 0.35,
            "agents-etat": 0.3,
            "acteurs-socio-economiques": 0.25,
        }
        for slug in pool:
            if slug not in chosen and len(chosen) < 3 and rng.random() < extras.get(slug, 0.2):
                chosen.append(slug)
        return chosen

    def _tags(self, rng, theme_slugs):
        main = themes.THEMES.get(theme_slugs[0], themes.THEMES["management"])["tags"]
        tags = rng.sample(main, rng.randint(2, 3))
        for slug in theme_slugs[1:]:
            if slug in themes.THEMES and rng.random() < 0.7:
                tags.append(rng.choice(themes.THEMES[slug]["tags"]))
        if len(tags) < 5 and rng.random() < 0.3:
            tags.append(rng.choice(themes.THEMES[weighted(rng, themes.THEME_WEIGHTS)]["tags"]))
        return list(dict.fromkeys(tags))[:5]

    def _dates(self, rng, start_year):
        start = datetime.datetime(start_year, 1, 1, 9, 0, tzinfo=HORIZON.tzinfo)
        span = (HORIZON - start).total_seconds()
        first = start + datetime.timedelta(seconds=rng.uniform(0, span))
        last = first
        if rng.random() < 0.6:
            last = first + datetime.timedelta(seconds=rng.uniform(0, (HORIZON - first).total_seconds()))
        # drawn in Paris time, stored in UTC like every datetime in the database
        return first.astimezone(datetime.UTC), last.astimezone(datetime.UTC)

    # --- text ----------------------------------------------------------------------------------

    @staticmethod
    def _demarche(rng, theme, fonction):
        """(title, indefinite noun phrase) of a démarche of the theme that this fonction publique would run."""
        entries = [entry for entry in theme["demarches"] if len(entry) < 4 or entry[3] == fonction]
        gender, title, rest = rng.choice(entries)[:3]
        if gender == "p":
            return title, f"des {rest}"
        return title, ("un " if gender == "m" else "une ") + rest

    def _person(self, rng, fonction):
        female = rng.random() < 0.55
        first = self.fake.first_name_female() if female else self.fake.first_name_male()
        last = self.fake.last_name()
        roles = vocab.CONTACT_ROLES + vocab.CONTACT_ROLES_BY_FONCTION.get(fonction, ())
        role = rng.choice(roles)[1 if female else 0]
        return f"{first} {last}", role, f"{ascii_slug(first)}.{ascii_slug(last)}@demo.reseaux.localhost"

    def _paragraphs(self, rng, templates, slots, paragraphs=(1, 2), sentences=(2, 3)):
        count = rng.randint(*paragraphs)
        per = [rng.randint(*sentences) for _ in range(count)]
        chosen = rng.sample(templates, min(sum(per), len(templates)))
        html, start = [], 0
        for size in per:
            part = chosen[start : start + size]
            start += size
            if part:
                html.append("<p>" + " ".join(cap(t.format_map(slots)) for t in part) + "</p>")
        return "".join(html)

    def _sections(self, rng, slots, start_year):
        sections = {
            name: self._paragraphs(rng, vocab.SECTIONS[name], slots)
            for name in ("context", "description", "results", "lessons")
        }
        objectives = rng.sample(slots["objectives"], min(3, len(slots["objectives"])))
        if rng.random() < 0.5:
            items = "".join(f"<li>{cap(item)} ;</li>" for item in objectives[:-1]) + f"<li>{cap(objectives[-1])}.</li>"
            sections["objectives"] = f"<p>{vocab.OBJECTIVE_LIST_LEAD}</p><ul>{items}</ul>"
        else:
            sections["objectives"] = self._paragraphs(rng, vocab.SECTIONS["objectives"], slots, (1, 1))
        steps = rng.sample(vocab.ACTION_STEPS, rng.randint(3, 5))
        steps.sort(key=vocab.ACTION_STEPS.index)
        month, year = rng.randint(0, 11), start_year
        items = []
        for step in steps:
            items.append(f"<li>{cap(vocab.MONTHS[month])} {year} : {step.format_map(slots)}</li>")
            month += rng.randint(2, 7)
            year, month = year + month // 12, month % 12
        closing = cap(rng.choice(vocab.ACTION_CLOSINGS).format_map(slots))
        sections["actions"] = f"<ol>{''.join(items)}</ol><p>{closing}</p>"
        levers = rng.sample(vocab.SECTIONS["what_worked"], rng.randint(2, 4))
        sections["what_worked"] = (
            f"<p>{rng.choice(vocab.WHAT_WORKED_LEADS)}</p><ul>"
            + "".join(f"<li>{t.format_map(slots)}</li>" for t in levers)
            + "</ul>"
        )
        difficulties = [t.format_map(slots) for t in rng.sample(vocab.SECTIONS["what_did_not_work"], rng.randint(2, 4))]
        if rng.random() < 0.5:
            sections["what_did_not_work"] = "<ul>" + "".join(f"<li>{t}</li>" for t in difficulties) + "</ul>"
        else:
            sections["what_did_not_work"] = "<p>" + " ".join(difficulties) + "</p>"
        return sections

    def fiche(self, number):
        rng = random.Random(f"{self.seed}:{number}")
        self.fake.seed_instance(rng.getrandbits(64))
        refs = self.refs

        region, service = self._region_and_service(rng, number)
        department = rng.choice(refs.departments[region]) if region != NATIONAL_REGION_CODE else None
        structure = carrying_structure(rng, self.fake, region, self.region_names.get(region), service, department)
        departments = self._departments(rng, region, structure)
        theme_slugs = self._themes(rng, number)
        theme = themes.THEMES.get(theme_slugs[0], themes.THEMES["management"])
        start_year = rng.choices(range(FIRST_YEAR, LAST_YEAR + 1), weights=range(4, 4 + LAST_YEAR - FIRST_YEAR + 1))[0]
        end_year = None
        if start_year < LAST_YEAR and rng.random() < 0.3:
            end_year = min(LAST_YEAR, start_year + rng.randint(0, 3))

        dem_title, dem = self._demarche(rng, theme, structure.fonction_publique)
        objectives = rng.sample(theme["objectives"], len(theme["objectives"]))
        problems = rng.sample(theme["problems"], 2)
        if region == NATIONAL_REGION_CODE:
            territory, region_de = rng.choice(vocab.NATIONAL_IN), "dans d'autres ministères"
        elif structure.department or rng.random() < 0.5:
            dep_code = departments[0]
            territory = department_in(dep_code, self.department_names[dep_code])
            region_de = vocab.REGION_DE[region]
        else:
            territory, region_de = vocab.REGION_IN[region], vocab.REGION_DE[region]
        partner = rng.choice(vocab.PARTNERS)
        duration = rng.choice(vocab.DURATIONS)
        person, role, _email = self._person(rng, structure.fonction_publique)
        slots = {
            "s": structure.the,
            "S": cap(structure.the),
            "at_s": structure.at,
            "of_s": structure.of,
            "dem": dem,
            "dem_title": dem_title,
            "obj": objectives[0],
            "de_obj": de(objectives[0]),
            "de_obj2": de(objectives[1 % len(objectives)]),
            "obj2": objectives[1 % len(objectives)],
            "obj3": objectives[2 % len(objectives)],
            "obj_cap": cap(objectives[0]),
            "objectives": objectives,
            "problem": problems[0],
            "problem2": problems[1],
            "pub": rng.choice(vocab.PUBLICS),
            "partner": partner,
            "of_partner": of(partner),
            "tool": rng.choice(vocab.TOOLS),
            "frequency": rng.choice(vocab.FREQUENCIES),
            "meeting_place": rng.choice(vocab.MEETING_PLACES),
            "framework": rng.choice(vocab.FRAMEWORKS),
            "territory": territory,
            "territory_fact": rng.choice(vocab.TERRITORY_FACTS),
            "region_de": region_de,
            "duration": duration,
            "of_duration": of(duration),
            "quote": rng.choice(vocab.QUOTES),
            "person": f"{person}, {role[:1].lower()}{role[1:]},",
            "theme": refs.themes[theme_slugs[0]][1],
            "year": start_year,
            "year_before": start_year - 1,
            "n_people": rng.choice((12, 15, 20, 25, 30, 40, 45, 60, 80, 120, 200, 250)),
            "n_small": rng.randint(3, 9),
            "pct": rng.randint(72, 97),
            "pct_small": rng.randint(5, 30),
            "budget": french_number(rng.randrange(3000, 60000, 500)),
        }
        title = cap(rng.choice(vocab.TITLE_TEMPLATES).format_map(slots))
        intro = " ".join(
            (
                cap(rng.choice(vocab.INTRO_FIRST).format_map(slots)),
                cap(rng.choice(vocab.INTRO_SECOND).format_map(slots)),
            )
        )
        sections = self._sections(rng, slots, start_year)
        figures = [
            (
                value.format(
                    n=french_number(rng.choice((20, 40, 59, 120, 200, 350, 1200))),
                    k=rng.randint(2, 24),
                    p=rng.randint(70, 98),
                    e=french_number(rng.randrange(5000, 80000, 1000)),
                ),
                label,
            )
            for value, label in rng.sample(vocab.KEY_FIGURES, rng.randint(2, 4))
        ]
        contacts = [self._person(rng, structure.fonction_publique) for _ in range(rng.randint(1, 2))]
        first, last = self._dates(rng, start_year)
        return FicheData(
            number=number,
            title=title[:255],
            intro=intro,
            carrying_structure=structure.name[:200],
            service_type=service,
            fonction_publique=structure.fonction_publique,
            region=region,
            departments=departments,
            start_year=start_year,
            end_year=end_year,
            themes=[refs.themes[slug][0] for slug in theme_slugs],
            actor_categories=self._actors(rng, service, structure.fonction_publique),
            tags=self._tags(rng, theme_slugs),
            sections=sections,
            key_figures=figures,
            contacts=contacts,
            first_published_at=first,
            last_published_at=last,
        )
