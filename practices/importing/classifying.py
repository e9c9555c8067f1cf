"""Classifying an imported fiche: structure, service type, region, départements, years, fonction
publique, themes and tags, from its « Label : value » lines first, then from its first lines.

Why labelled lines first: « Structure porteuse : DDTM des Côtes-d'Armor - région Bretagne » is what the
exporter meant; a region named in passing in a paragraph is a weaker clue, used only when nothing else says.
"""

import re

from django.utils.translation import gettext as _
from rapidfuzz import fuzz, process

from ..models import Department, Region, ServiceType, Theme
from ..models.taxonomy import FonctionPublique
from .vocabulary import (
    FONCTION_PUBLIQUE_KEYWORDS,
    LOCAL_SERVICE_TYPES,
    REGION_ALIASES,
    SERVICE_KEYWORDS,
    STATE_SERVICE_TYPES,
    fold,
)

MATCH_SCORE = 86
THEME_SCORE = 85
_YEAR = re.compile(r"\b(19[9]\d|20\d\d)\b")
_YEAR_RANGE = re.compile(r"\b(19[9]\d|20\d\d)\s*(?:-|–|—|/|à|a|au)\s*(19[9]\d|20\d\d)\b")
_SINCE = re.compile(r"\b(?:depuis|des|à partir de|a partir de)\s+(19[9]\d|20\d\d)\b", re.IGNORECASE)



def classify(result, labelled, items):
    """Structure, type, region, départements, years, fonction publique, themes and tags."""
    header = [item.text for item in items[:40]]
    structure = labelled.get("carrying_structure")
    if structure:
        result.found("carrying_structure", structure[0][:200], structure[1])
    slug, source = _service_type(_candidates(labelled, "service_type", "carrying_structure"))
    if slug:
        result.found("service_type", ServiceType.objects.filter(slug=slug).first(), source)
    regions, departments_by_name = _regions(), _departments_by_name()
    for source in _candidates(labelled, "region", "territory", "carrying_structure", "departments") + header:
        region = _region(source, regions)
        if region:
            result.found("region", region, source)
            break
    for source in _candidates(labelled, "departments", "territory", "carrying_structure"):
        departments = _departments(source, departments_by_name)
        if departments:
            result.found("departments", departments, source)
            break
    if "region" not in result.values and "departments" in result.values:
        departments, source = result.values["departments"]
        result.found("region", departments[0].region, source)
    _years(result, labelled, header)
    _fonction_publique(result, labelled, header)
    _themes(result, labelled)
    if "tags" in labelled:
        value, source = labelled["tags"]
        result.found("tags", [tag.strip() for tag in re.split(r"[,;]", value) if tag.strip()][:20], source)
    if "title" in labelled:
        result.found("title", *labelled["title"])


def _candidates(labelled, *names):
    return [labelled[name][1] for name in names if name in labelled]


def _service_type(sources):
    """(slug, source): the most specific keyword of the type or the structure (« DDTM » before « service
    déconcentré »), else a type named as in the reference list."""
    for pattern, slug in SERVICE_KEYWORDS:
        for source in sources:
            if re.search(pattern, fold(source.split(":", 1)[-1])):
                return slug, source
    names = {fold(service.name): service.slug for service in ServiceType.objects.all()}
    for source in sources:
        value = fold(source.split(":", 1)[-1])
        match = process.extractOne(value, names.keys(), scorer=fuzz.ratio, score_cutoff=MATCH_SCORE) if value else None
        if match:
            return names[match[0]], source
    return None, None


def _contains(folded, name):
    return re.search(rf"(?<![a-z0-9]){re.escape(name)}(?![a-z0-9])", folded) is not None


def _regions():
    """[(folded name, region)], longest name first, then the aliases (« PACA »): one query per file."""
    regions = Region.objects.exclude(code="NAT")
    by_code = {region.code: region for region in regions}
    named = sorted(((fold(region.name), region) for region in regions), key=lambda pair: -len(pair[0]))
    return named + [(alias, by_code[code]) for alias, code in REGION_ALIASES.items() if code in by_code]


def _departments_by_name():
    """[(folded name, département)], longest name first: one query per file."""
    departments = Department.objects.select_related("region")
    return sorted(((fold(department.name), department) for department in departments), key=lambda pair: -len(pair[0]))


def _region(text, regions):
    folded = fold(text)
    for name, region in regions:
        if _contains(folded, name):
            return region
    return None


def _departments(text, departments):
    folded = fold(text.split(":", 1)[-1] if ":" in text else text)
    found = []
    for name, department in departments:
        if _contains(folded, name):
            found.append(department)
            folded = re.sub(rf"(?<![a-z0-9]){re.escape(name)}(?![a-z0-9])", " ", folded)
    return sorted(found, key=lambda d: d.code)


def _years(result, labelled, header):
    sources = _candidates(labelled, "years") + header
    for source in sources:
        span = _YEAR_RANGE.search(source)
        if span and int(span.group(1)) <= int(span.group(2)):
            result.found("start_year", int(span.group(1)), source)
            result.found("end_year", int(span.group(2)), source)
            return
        since = _SINCE.search(source)
        single = since or _YEAR.search(source)
        if single and (since or source in _candidates(labelled, "years")):
            result.found("start_year", int(single.group(1)), source)
            break
    for name in ("start_year", "end_year"):
        if name in labelled:
            year = _YEAR.search(labelled[name][0])
            if year:
                result.found(name, int(year.group(1)), labelled[name][1])
    if "start_year" not in result.values:
        for source in header:
            year = _YEAR.search(source)
            if year:
                result.found("start_year", int(year.group(1)), source)
                return


def _fonction_publique(result, labelled, header):
    for source in _candidates(labelled, "fonction_publique"):
        for pattern, value in FONCTION_PUBLIQUE_KEYWORDS:
            if re.search(pattern, fold(source.split(":", 1)[-1])):
                result.found("fonction_publique", value, source)
                return
    for source in header:
        match = re.search(r"fonction publique (?:de l )?(etat|territoriale|hospitaliere)", fold(source))
        if match:
            result.found("fonction_publique", match.group(1), source)
            return
    service = result.values.get("service_type")
    if service and service[0] is not None:
        slug = service[0].slug
        value = FonctionPublique.ETAT if slug in STATE_SERVICE_TYPES else None
        value = FonctionPublique.TERRITORIALE if slug in LOCAL_SERVICE_TYPES else value
        if value:
            result.found("fonction_publique", str(value), _("déduite du type de structure (%(source)s)") % {"source": service[1]})


def _themes(result, labelled):
    if "themes" not in labelled:
        return
    value, source = labelled["themes"]
    themes = {fold(theme.name): theme for theme in Theme.objects.all()}
    found = []
    for part in re.split(r"[,;/•]", value):
        matches = _theme_matches(part, themes)
        if matches is None:
            # « Management et coopération »: two themes joined by « et », unless one theme has « et » in its name
            pieces = [_theme_matches(piece, themes) for piece in re.split(r"\bet\b", part)]
            matches = [theme for piece in pieces if piece for theme in piece] if all(pieces) else None
        if matches is None:
            if fold(part):
                result.unmapped.append(_("Thème inconnu : %(name)s") % {"name": part.strip()})
            continue
        found.extend(theme for theme in matches if theme not in found)
    result.found("themes", found, source)


def _theme_matches(text, themes):
    key = fold(text)
    if not key:
        return []
    match = process.extractOne(key, themes.keys(), scorer=fuzz.ratio, score_cutoff=THEME_SCORE)
    return [themes[match[0]]] if match else None
