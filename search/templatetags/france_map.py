"""``{% france_map regions %}``: a choropleth map of the French regions, each linking to a filtered listing."""

import unicodedata

from django import template

from search.map.geometry import INSETS, REGION_SHAPES, VIEWBOX

register = template.Library()

LEVELS = 5
NATIONAL_CODE = "NAT"
NATIONAL_LABEL = "National / multi-régional"
INSET_LABEL_OFFSET = 13  # distance from the bottom of an inset frame to the baseline of its name

# Fallback names (INSEE COG 2024) for the regions absent from the data handed to the tag.
REGION_NAMES = {
    "01": "Guadeloupe",
    "02": "Martinique",
    "03": "Guyane",
    "04": "La Réunion",
    "06": "Mayotte",
    "11": "Île-de-France",
    "24": "Centre-Val de Loire",
    "27": "Bourgogne-Franche-Comté",
    "28": "Normandie",
    "32": "Hauts-de-France",
    "44": "Grand Est",
    "52": "Pays de la Loire",
    "53": "Bretagne",
    "75": "Nouvelle-Aquitaine",
    "76": "Occitanie",
    "84": "Auvergne-Rhône-Alpes",
    "93": "Provence-Alpes-Côte d'Azur",
    "94": "Corse",
}


# What a map can count: plural, and whether "aucun" or "aucune" goes before it.
NOUNS = {
    "fiche": ("fiches", "Aucune"),
    "résultat": ("résultats", "Aucun"),
    "réseau": ("réseaux", "Aucun"),
    "sélection": ("sélections", "Aucune"),
}


def plural(noun):
    return NOUNS.get(noun, (f"{noun}s", ""))[0]


def fiche_count_label(count, noun="fiche"):
    """French: 0 and 1 take the singular (Django's ``pluralize`` would say "0 fiches")."""
    return f"{count} {noun}" if count <= 1 else f"{count} {plural(noun)}"


def shade_level(count, max_count):
    """0 for no fiche, else 1..LEVELS in proportion to the largest count (integer ceil, no float rounding)."""
    if count <= 0 or max_count <= 0:
        return 0
    return min(LEVELS, -(-LEVELS * count // max_count))


def _legend(max_count, noun="fiche"):
    legend = [{"level": 0, "label": f"{NOUNS.get(noun, (None, 'Aucun'))[1]} {noun}"}]
    for level in range(1, LEVELS + 1):
        low = (level - 1) * max_count // LEVELS + 1
        high = level * max_count // LEVELS
        if low > high:
            continue  # with fewer than LEVELS distinct counts some shades can never occur
        if low == high:
            label = fiche_count_label(low, noun)
        else:
            label = f"{low} à {high} {plural(noun)}"
        legend.append({"level": level, "min": low, "max": high, "label": label})
    return legend


def _sort_key(label):
    # Alphabetical order a French reader expects: "Île-de-France" between Hauts-de-France and La Réunion.
    decomposed = unicodedata.normalize("NFKD", label)
    return "".join(char for char in decomposed if not unicodedata.combining(char)).casefold()


def _entry(code, data, noun="fiche"):
    count = max(0, int(data.get("count") or 0))
    label = data.get("label") or REGION_NAMES.get(code) or NATIONAL_LABEL
    return {
        "code": code,
        "label": label,
        "count": count,
        "count_label": fiche_count_label(count, noun),
        "description": f"{label} : {fiche_count_label(count, noun)}",
        # A link to an empty listing would be a dead end: only regions with fiches are links.
        "url": (data.get("url") or None) if count > 0 else None,
        "selected": bool(data.get("selected")),
    }


def build_map(regions, noun="fiche"):
    """Everything the map template needs, from the facet-like data of the listing.

    Kept apart from the template tag and free of Django so that the rules a reader relies on (which regions
    are links, how dark each one is, what the legend promises) are unit-tested without rendering HTML: an
    SVG full of paths is hard to assert on, and a wrong shade or a dead link is easy to miss by eye.
    """
    by_code = {}
    for item in regions or ():
        code = str(item.get("code", ""))
        if code in REGION_SHAPES or code == NATIONAL_CODE:
            by_code[code] = item

    entries = {code: _entry(code, by_code.get(code, {}), noun) for code in REGION_SHAPES}
    national = _entry(NATIONAL_CODE, by_code[NATIONAL_CODE], noun) if NATIONAL_CODE in by_code else None
    max_count = max((entry["count"] for entry in entries.values()), default=0)

    shapes = []
    for code, shape in REGION_SHAPES.items():
        entry = entries[code]
        entry["level"] = shade_level(entry["count"], max_count)
        entry["d"] = shape["d"]
        entry["label_x"], entry["label_y"] = shape["label_xy"]
        shapes.append(entry)
    # Document order is the keyboard and screen reader order: alphabetical, as in the table.
    shapes.sort(key=lambda entry: _sort_key(entry["label"]))

    insets = [
        {
            **inset,
            "label": entries[inset["code"]]["label"],
            "label_x": inset["x"] + inset["width"] / 2,
            "label_y": inset["y"] + inset["height"] + INSET_LABEL_OFFSET,
        }
        for inset in INSETS
    ]
    return {
        "viewbox": VIEWBOX,
        "shapes": shapes,
        "selected": [entry for entry in shapes if entry["selected"]],
        "insets": insets,
        "national": national,
        "max_count": max_count,
        "legend": _legend(max_count, noun),
        "noun_plural": plural(noun),
    }


@register.inclusion_tag("search/includes/france_map.html")
def france_map(regions, map_id="carte-regions", noun="fiche"):
    """Render the map; ``map_id`` keeps the ids unique if a page shows the map twice; ``noun`` names what is counted."""
    return {**build_map(regions, noun), "map_id": map_id}
