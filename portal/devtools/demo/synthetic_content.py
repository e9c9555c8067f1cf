"""What synthetic fiche number N says: its classification and its French text, from the seed and N alone.

Each fiche draws from its own random generator seeded with (seed, number), so fiche 42 is the same
whether it is created first or after ten thousand others, and the same on every machine. Faker (fr_FR)
provides names of people; the sentences come from the templates of synthetic_vocabulary, filled so
that a fiche tells one consistent story:

- the structure matches the type of service, the département (a real town of it) and the years;
- the démarche matches the main theme and the structure that runs it;
- the text is written at the fiche's last publication: it dates nothing after that, nor after the end
  of the démarche, and the durations it gives fit the time the démarche has had (Timeline);
- each measure (participants, satisfaction, budget…) has one value, said alike by the text and the
  key figures (_measures).
"""

import datetime
import random
import unicodedata

from faker import Faker

from practices.models.taxonomy import NATIONAL_REGION_CODE

from . import synthetic_themes as themes
from . import synthetic_vocabulary as vocab
from .synthetic_data import (
    FIRST_YEAR,
    HORIZON,
    LAST_YEAR,
    MIN_HINDSIGHT,
    FicheData,
    Timeline,
    duration_words,
    month_of,
    month_start,
)
from .synthetic_structures import (
    INNER_PARIS,
    allowed,
    cap,
    carrying_structure,
    de,
    department_in,
    of,
    since_facts,
    usable,
)

# The first fiches cover every region (and national), every type of structure and every theme, so that
# even a small demo shows all the facets; the following ones are drawn by weight.
COVER = (
    ("53", "ddi"), ("76", "service-regional-etat"), ("84", "prefecture"), ("11", "commune"),
    ("NAT", "administration-centrale"), ("44", "region"), ("75", "departement"), ("32", "intercommunalite"),
    ("52", "operateur-etat"), ("93", "autre"), ("28", "ddi"), ("27", "prefecture"), ("24", "intercommunalite"),
    ("94", "service-regional-etat"), ("01", "departement"), ("03", "commune"), ("04", "region"),
    ("02", "commune"), ("06", "prefecture"),
)  # fmt: skip


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
        if structure.department:  # a département's structure works in its département
            return [structure.department]
        chosen = [rng.choice(codes)]
        others = [code for code in codes if code not in chosen]
        if others and rng.random() < 0.3:
            chosen.append(rng.choice(others))
        return chosen

    def _themes(self, rng, number, fonction):
        slugs = list(self.main_theme_weights) or list(self.theme_weights)
        if number <= len(slugs):
            main = sorted(slugs)[number - 1]
        else:
            weights = self.main_theme_weights or self.theme_weights
            if fonction == "hospitaliere":
                weights = {slug: w for slug, w in weights.items() if slug in themes.HOSPITAL_MAIN_THEMES} or weights
            main = weighted(rng, weights)
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

    @staticmethod
    def _timeline(rng, start_year):
        """The months and publication dates of a démarche started in `start_year`.

        Its fiche is first published a quarter after the start at the earliest and, if the démarche has
        ended, last published after its end: the text tells how it ended.
        """
        horizon = month_of(HORIZON)
        latest_start = horizon - MIN_HINDSIGHT
        start = 12 * start_year + rng.randint(0, min(11, latest_start - 12 * start_year))
        end = None
        if rng.random() < 0.3 and horizon - start > MIN_HINDSIGHT:
            end = min(start + rng.randint(MIN_HINDSIGHT, 47), horizon - 1)
        earliest = month_start(start + MIN_HINDSIGHT)
        first = earliest + datetime.timedelta(seconds=rng.uniform(0, (HORIZON - earliest).total_seconds()))
        last = first
        if rng.random() < 0.6:
            last = first + datetime.timedelta(seconds=rng.uniform(0, (HORIZON - first).total_seconds()))
        if end is not None and last < month_start(end + 1):
            after = max(first, month_start(end + 1))
            last = after + datetime.timedelta(seconds=rng.uniform(0, (HORIZON - after).total_seconds()))
        # drawn in Paris time, stored in UTC like every datetime in the database
        first, last = first.astimezone(datetime.UTC), last.astimezone(datetime.UTC)
        return Timeline(start, end, month_of(last), first, last)

    @staticmethod
    def _facts(structure, service, region, departments, theme, timeline, budget):
        """What the templates' conditions are checked against (see synthetic_vocabulary)."""
        facts = {structure.fonction_publique, service, structure.kind, theme, "budget" if budget else "no_budget"}
        if departments and departments[0] in INNER_PARIS:
            facts.add("urban")
        facts |= since_facts(timeline.start // 12)
        facts.add("national" if region == NATIONAL_REGION_CODE else "regional")
        facts.add("ongoing" if timeline.end is None else "ended")
        if timeline.span >= 6:
            facts.add("six_months")
        if timeline.span >= 12:
            facts.add("one_year")
        if service == "intercommunalite":  # "communes couvertes": its member communes
            facts.add("communes")
        return facts

    # --- text ----------------------------------------------------------------------------------

    @staticmethod
    def _demarche(rng, theme, facts):
        """(title, indefinite noun phrase) of a démarche of the theme that this structure would run."""
        entries = [entry for entry in theme["demarches"] if len(entry) < 4 or allowed(entry[3], facts)]
        gender, title, rest = rng.choice(entries or theme["demarches"])[:3]
        if gender == "p":
            return title, f"des {rest}"
        return title, ("un " if gender == "m" else "une ") + rest

    @staticmethod
    def _measures(rng, timeline, frequency, dem, budget):
        """Each figure the fiche gives, once: the text and the key figures both read them from here."""
        n_people = rng.choice((12, 15, 20, 25, 30, 40, 45, 60, 80, 120, 200, 250))
        sessions = timeline.span // frequency + 1 if frequency >= 1 else timeline.span * 2 + 1
        return {
            "n_people": n_people,
            "n_surveyed": rng.choice([n for n in (40, 60, 80, 120, 150, 200, 300, 450, 600) if n > n_people] or [800]),
            "n_group": rng.randint(4, 9),
            "n_animators": rng.randint(3, 12),
            "n_structures": rng.randint(2, 9),
            "pct": rng.randint(72, 97),
            "pct_vacancies": rng.randint(5, 30),
            "barometer_points": rng.randint(3, 15),
            "budget": budget,
            "sessions": int(sessions),
            "hours": int(sessions) * 3 * min(n_people, 25),  # half-day meetings, 25 people at most each
            "training_days": 5 if "de cinq jours" in dem else rng.randint(2, 12),  # as the démarche may say
            "partners": rng.randint(2, 12),
            "deliverables": rng.randint(2, 8),
            "communes": rng.randint(8, 60),
            "preparation": rng.randint(2, 9),
        }

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

    def _actions(self, rng, slots, facts, timeline):
        """The dated steps, from the start of the démarche to its end or the writing of the fiche."""
        steps = rng.sample(usable(vocab.ACTION_STEPS[:-1], facts), rng.randint(3, 5))
        steps.sort(key=vocab.ACTION_STEPS.index)
        closing = usable(vocab.ACTION_STEPS[-1:], facts)  # the closing seminar, for an ended démarche
        if closing and rng.random() < 0.7:
            steps.append(closing[0])
        steps = steps[: timeline.span + 1]
        months = [0]
        for _ in steps[1:]:
            months.append(months[-1] + rng.randint(2, 7))
        if months[-1] > timeline.span:  # squeezed into the time the démarche has had
            months = [0, *sorted(rng.sample(range(1, timeline.span + 1), len(steps) - 1))]
        if closing and steps[-1] == closing[0]:
            months[-1] = timeline.span
        items = []
        for step, offset in zip(steps, months, strict=True):
            month = timeline.start + offset
            items.append(f"<li>{cap(vocab.MONTHS[month % 12])} {month // 12} : {step.format_map(slots)}</li>")
        closing_text = cap(rng.choice(usable(vocab.ACTION_CLOSINGS, facts)).format_map(slots))
        return f"<ol>{''.join(items)}</ol><p>{closing_text}</p>"

    def _sections(self, rng, slots, facts, timeline):
        sections = {
            name: self._paragraphs(rng, usable(vocab.SECTIONS[name], facts), slots)
            for name in ("context", "description", "results", "lessons")
        }
        objectives = rng.sample(slots["objectives"], min(3, len(slots["objectives"])))
        if rng.random() < 0.5:
            items = "".join(f"<li>{cap(item)} ;</li>" for item in objectives[:-1]) + f"<li>{cap(objectives[-1])}.</li>"
            sections["objectives"] = f"<p>{usable(vocab.OBJECTIVE_LIST_LEADS, facts)[0]}</p><ul>{items}</ul>"
        else:
            sections["objectives"] = self._paragraphs(rng, usable(vocab.SECTIONS["objectives"], facts), slots, (1, 1))
        sections["actions"] = self._actions(rng, slots, facts, timeline)
        levers = rng.sample(vocab.SECTIONS["what_worked"], rng.randint(2, 4))
        sections["what_worked"] = (
            f"<p>{rng.choice(vocab.WHAT_WORKED_LEADS)}</p><ul>"
            + "".join(f"<li>{t.format_map(slots)}</li>" for t in levers)
            + "</ul>"
        )
        pool = usable(vocab.SECTIONS["what_did_not_work"], facts)
        difficulties = [t.format_map(slots) for t in rng.sample(pool, rng.randint(2, 4))]
        if rng.random() < 0.5:
            sections["what_did_not_work"] = "<ul>" + "".join(f"<li>{t}</li>" for t in difficulties) + "</ul>"
        else:
            sections["what_did_not_work"] = "<p>" + " ".join(difficulties) + "</p>"
        return sections

    def _key_figures(self, rng, measures, facts):
        entries = [entry for entry in vocab.KEY_FIGURES if allowed(entry[0], facts)]
        return [
            (pattern.format(french_number(measures[measure])), label)
            for _condition, measure, pattern, label in rng.sample(entries, rng.randint(2, 4))
        ]

    @staticmethod
    def _durations(rng, span):
        """The durations the text may give, none longer than the démarche has run."""
        abandoned = [months for months in (6, 12, 18, 24) if months < span]
        measured = [months for months in (12, 24, 36) if months <= span]
        return {
            "experience": duration_words(span) if span >= 6 else None,
            "of_abandon": of(duration_words(rng.choice(abandoned))) if abandoned else "de quelques semaines",
            "results_span": duration_words(rng.choice(measured)) if measured else None,
        }

    def fiche(self, number):
        rng = random.Random(f"{self.seed}:{number}")
        self.fake.seed_instance(rng.getrandbits(64))
        refs = self.refs

        region, service = self._region_and_service(rng, number)
        start_year = rng.choices(range(FIRST_YEAR, LAST_YEAR + 1), weights=range(4, 4 + LAST_YEAR - FIRST_YEAR + 1))[0]
        timeline = self._timeline(rng, start_year)
        department = rng.choice(refs.departments[region]) if region != NATIONAL_REGION_CODE else None
        structure = carrying_structure(rng, region, self.region_names.get(region), service, department, start_year)
        departments = self._departments(rng, region, structure)
        theme_slugs = self._themes(rng, number, structure.fonction_publique)
        theme = themes.THEMES.get(theme_slugs[0], themes.THEMES["management"])
        budget = rng.randrange(3000, 60000, 500) if rng.random() < 0.65 else None
        facts = self._facts(structure, service, region, departments, theme_slugs[0], timeline, budget)

        dem_title, dem = self._demarche(rng, theme, facts)
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
        partner = rng.choice(usable(vocab.PARTNERS, facts))
        frequency, frequency_words = rng.choice(vocab.FREQUENCIES)
        measures = self._measures(rng, timeline, frequency, dem, budget)
        person, role, _email = self._person(rng, structure.fonction_publique)
        end_year = timeline.end // 12 if timeline.end is not None else None
        slots = {
            **measures,
            **self._durations(rng, timeline.span),
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
            "pub": rng.choice(usable(vocab.PUBLICS, facts)),
            "partner": partner,
            "of_partner": of(partner),
            "tool": rng.choice(vocab.TOOLS),
            "frequency": frequency_words,
            "meeting_place": rng.choice(vocab.MEETING_PLACES),
            "framework": rng.choice(usable(vocab.FRAMEWORKS, facts)),
            "territory": territory,
            "territory_fact": rng.choice(usable(vocab.TERRITORY_FACTS, facts)),
            "region_de": region_de,
            "quote": rng.choice(vocab.QUOTES),
            "person": f"{person}, {role[:1].lower()}{role[1:]},",
            "theme": refs.themes[theme_slugs[0]][1],
            "year": start_year,
            "year_before": start_year - 1,
            "period": f"de {start_year} à {end_year}" if end_year and end_year != start_year else f"en {start_year}",
            "budget": french_number(budget) if budget else None,
        }
        title = cap(rng.choice(usable(vocab.TITLE_TEMPLATES, facts)).format_map(slots))
        intro = " ".join(
            (
                cap(rng.choice(usable(vocab.INTRO_FIRST, facts)).format_map(slots)),
                cap(rng.choice(vocab.INTRO_SECOND).format_map(slots)),
            )
        )
        sections = self._sections(rng, slots, facts, timeline)
        figures = self._key_figures(rng, measures, facts)
        contacts = [self._person(rng, structure.fonction_publique) for _ in range(rng.randint(1, 2))]
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
            first_published_at=timeline.first_published_at,
            last_published_at=timeline.last_published_at,
        )
