"""The map of fiches by region: shading rules, links, generated geometry and the rendered component."""

import re

import pytest
from django.template import Context, Template
from django.utils import translation

from search.map.geometry import INSETS, REGION_SHAPES, VIEWBOX
from search.templatetags.france_map import REGION_NAMES, build_map, fiche_count_label, shade_level

REGION_CODES = {
    "01",
    "02",
    "03",
    "04",
    "06",
    "11",
    "24",
    "27",
    "28",
    "32",
    "44",
    "52",
    "53",
    "75",
    "76",
    "84",
    "93",
    "94",
}
OVERSEAS_CODES = {"01", "02", "03", "04", "06"}
NUMBER = re.compile(r"-?\d+(?:\.\d+)?")


def region(code, count, selected=False, label=None):
    return {
        "code": code,
        "label": label or REGION_NAMES.get(code, "National / multi-régional"),
        "count": count,
        "url": f"?region={code}",
        "selected": selected,
    }


def shapes_by_code(data):
    return {shape["code"]: shape for shape in data["shapes"]}


def render(regions):
    return Template("{% load france_map %}{% france_map regions %}").render(Context({"regions": regions}))


def viewbox():
    min_x, min_y, width, height = (float(value) for value in VIEWBOX.split())
    return min_x, min_y, min_x + width, min_y + height


def rings(path):
    """The rings of a generated path ("Mx,y x,y …Z" repeated) as lists of (x, y)."""
    assert re.fullmatch(r"(M[-\d., ]+Z)+", path), path[:80]
    return [
        [(float(x), float(y)) for x, y in (pair.split(",") for pair in ring.split())]
        for ring in re.findall(r"M([^MZ]+)Z", path)
    ]


def contains(path, point):
    """Even-odd point in polygon over all the rings of a path."""
    x, y = point
    inside = False
    for ring in rings(path):
        for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1], strict=True):
            if (y1 > y) != (y2 > y) and x < x1 + (y - y1) * (x2 - x1) / (y2 - y1):
                inside = not inside
    return inside


class TestShading:
    def test_zero_is_level_zero_and_the_largest_count_level_five(self):
        data = build_map([region("53", 0), region("76", 40), region("11", 40)])
        by_code = shapes_by_code(data)
        assert by_code["53"]["level"] == 0
        assert by_code["76"]["level"] == by_code["11"]["level"] == 5
        assert data["max_count"] == 40

    @pytest.mark.parametrize(
        ("count", "level"),
        [(1, 1), (2, 1), (3, 2), (4, 2), (5, 3), (6, 3), (7, 4), (8, 4), (9, 5), (10, 5)],
    )
    def test_levels_are_proportional_to_the_largest_count(self, count, level):
        data = build_map([region("84", 10), region("53", count)])
        assert shapes_by_code(data)["53"]["level"] == level

    def test_a_single_fiche_is_shaded_even_beside_a_large_count(self):
        assert shade_level(1, 1000) == 1
        assert shade_level(0, 0) == 0
        assert shade_level(3, 3) == 5

    @pytest.mark.parametrize("max_count", [1, 2, 3, 4, 5, 7, 12, 30, 101])
    def test_the_legend_covers_every_count_with_its_own_shade(self, max_count):
        legend = build_map([region("84", max_count)])["legend"]
        assert legend[0] == {"level": 0, "label": "Aucune fiche"}
        steps = legend[1:]
        assert [step["level"] for step in steps] == sorted({shade_level(c, max_count) for c in range(1, max_count + 1)})
        for count in range(1, max_count + 1):
            matching = [step for step in steps if step["min"] <= count <= step["max"]]
            assert len(matching) == 1, count
            assert matching[0]["level"] == shade_level(count, max_count)

    def test_legend_labels(self):
        legend = build_map([region("84", 30)])["legend"]
        assert [step["label"] for step in legend] == [
            "Aucune fiche",
            "1 à 6 fiches",
            "7 à 12 fiches",
            "13 à 18 fiches",
            "19 à 24 fiches",
            "25 à 30 fiches",
        ]
        assert [step["label"] for step in build_map([region("84", 1)])["legend"]] == ["Aucune fiche", "1 fiche"]

    def test_an_empty_map_has_only_the_zero_legend(self):
        data = build_map([])
        assert data["max_count"] == 0
        assert data["legend"] == [{"level": 0, "label": "Aucune fiche"}]
        assert all(shape["level"] == 0 and shape["url"] is None for shape in data["shapes"])


class TestRegions:
    def test_missing_codes_have_no_fiche_and_no_link(self):
        data = build_map([region("53", 12)])
        by_code = shapes_by_code(data)
        assert set(by_code) == REGION_CODES
        assert by_code["53"]["url"] == "?region=53"
        assert by_code["94"]["count"] == 0
        assert by_code["94"]["url"] is None
        assert by_code["94"]["label"] == "Corse"
        assert by_code["94"]["description"] == "Corse : 0 fiche"

    def test_a_region_without_fiche_is_never_a_link(self):
        by_code = shapes_by_code(build_map([region("53", 0), region("76", None), region("11", 2)]))
        assert by_code["53"]["url"] is None
        assert by_code["76"]["url"] is None and by_code["76"]["count"] == 0
        assert by_code["11"]["url"] == "?region=11"

    def test_national_is_kept_apart_from_the_map(self):
        data = build_map([region("53", 2), region("NAT", 50, selected=True)])
        assert "NAT" not in shapes_by_code(data)
        assert data["max_count"] == 2  # the national fiches do not flatten the regional shades
        assert shapes_by_code(data)["53"]["level"] == 5
        national = data["national"]
        assert national["count"] == 50
        assert national["url"] == "?region=NAT"
        assert national["selected"] is True
        assert national["description"] == "National / multi-régional : 50 fiches"

    def test_no_national_entry_unless_given(self):
        assert build_map([region("53", 2)])["national"] is None

    def test_unknown_codes_are_ignored(self):
        data = build_map([region("99", 500, label="Atlantide"), region("53", 4)])
        assert data["max_count"] == 4
        assert "Atlantide" not in {shape["label"] for shape in data["shapes"]}

    def test_selected_regions_are_listed_for_the_outline(self):
        data = build_map([region("53", 4, selected=True), region("11", 3)])
        assert [shape["code"] for shape in data["selected"]] == ["53"]

    def test_shapes_are_in_french_alphabetical_order(self):
        labels = [shape["label"] for shape in build_map([])["shapes"]]
        assert labels.index("Hauts-de-France") < labels.index("Île-de-France") < labels.index("La Réunion")
        assert labels[0] == "Auvergne-Rhône-Alpes"
        assert labels[-1] == "Provence-Alpes-Côte d'Azur"

    @pytest.mark.parametrize(("count", "text"), [(0, "0 fiche"), (1, "1 fiche"), (2, "2 fiches"), (31, "31 fiches")])
    def test_french_plural(self, count, text):
        assert fiche_count_label(count) == text


class TestGeometry:
    def test_every_region_has_a_shape(self):
        assert set(REGION_SHAPES) == REGION_CODES
        assert {inset["code"] for inset in INSETS} == OVERSEAS_CODES

    @pytest.mark.parametrize("code", sorted(REGION_CODES))
    def test_paths_lie_inside_the_viewbox(self, code):
        left, top, right, bottom = viewbox()
        shape = REGION_SHAPES[code]
        points = [point for ring in rings(shape["d"]) for point in ring]
        assert len(points) >= 4
        assert all(left <= x <= right and top <= y <= bottom for x, y in points)

    @pytest.mark.parametrize("code", sorted(REGION_CODES))
    def test_the_label_point_falls_in_its_region_only(self, code):
        label_xy = REGION_SHAPES[code]["label_xy"]
        assert contains(REGION_SHAPES[code]["d"], label_xy)
        others = [other for other in REGION_CODES - {code} if contains(REGION_SHAPES[other]["d"], label_xy)]
        assert others == []

    @pytest.mark.parametrize("inset", INSETS, ids=lambda inset: inset["code"])
    def test_overseas_regions_are_drawn_inside_their_inset(self, inset):
        left, top, right, bottom = viewbox()
        assert left <= inset["x"] and inset["x"] + inset["width"] <= right
        assert top <= inset["y"] and inset["y"] + inset["height"] <= bottom
        for x, y in (point for ring in rings(REGION_SHAPES[inset["code"]]["d"]) for point in ring):
            assert inset["x"] <= x <= inset["x"] + inset["width"]
            assert inset["y"] <= y <= inset["y"] + inset["height"]

    def test_metropolitan_regions_stay_clear_of_the_insets(self):
        inset_top = min(inset["y"] for inset in INSETS)
        for code in REGION_CODES - OVERSEAS_CODES:
            assert max(y for ring in rings(REGION_SHAPES[code]["d"]) for _, y in ring) < inset_top, code


class TestRendering:
    REGIONS = [
        region("53", 12, selected=True),
        region("11", 1),
        region("76", 2),
        region("04", 5),
        region("94", 0),
        region("NAT", 3),
    ]

    def test_one_link_per_region_with_fiches(self):
        html = render(self.REGIONS)
        links = re.findall(r'<a class="portal-map__link" href="([^"]+)" aria-label="([^"]+)"', html)
        assert sorted(links) == sorted(
            [
                ("?region=53", "Bretagne : 12 fiches"),
                ("?region=11", "Île-de-France : 1 fiche"),
                ("?region=76", "Occitanie : 2 fiches"),
                ("?region=04", "La Réunion : 5 fiches"),
            ]
        )
        assert html.count("<a ") == 4 + 1 + 5  # map links, the national line, linked table rows

    def test_regions_without_fiches_are_drawn_but_not_linked(self):
        html = render(self.REGIONS)
        assert html.count('<path class="portal-map__region ') == 18
        assert 'href="?region=94"' not in html
        assert '<g class="portal-map__item" role="img" aria-label="Corse : 0 fiche" data-region="94">' in html
        assert (
            html.count('<path class="portal-map__region portal-map__region--l0" fill="url(#carte-regions-hachures)"')
            == 14
        )

    def test_each_link_carries_a_title(self):
        html = render(self.REGIONS)
        assert re.search(r'aria-label="Bretagne : 12 fiches"[^>]*>\s*<title>Bretagne : 12 fiches</title>', html)

    def test_selected_region_is_outlined_and_current(self):
        html = render(self.REGIONS)
        assert re.search(r'href="\?region=53" aria-label="Bretagne : 12 fiches" aria-current="true"', html)
        assert html.count('class="portal-map__selection"') == 1
        assert f'class="portal-map__selection" d="{REGION_SHAPES["53"]["d"]}"' in html

    def test_national_line_under_the_map(self):
        html = render(self.REGIONS)
        assert '<a class="fr-link" href="?region=NAT">National / multi-régional : 3 fiches</a>' in html
        assert 'data-region="NAT"' in html  # its table row
        assert "portal-france-map__national" not in render(self.REGIONS[:-1])

    def test_table_lists_all_regions(self):
        html = render(self.REGIONS)
        table = html[html.index("<table>") : html.index("</table>")]
        assert "<caption>Nombre de fiches par région</caption>" in table
        rows = re.findall(r'<tr data-region="([^"]+)">\s*<th scope="row">(.*?)</th>\s*<td>(\d+)</td>', table)
        assert [code for code, _, _ in rows[:-1]] != [] and rows[-1][0] == "NAT"
        assert {code for code, _, _ in rows[:-1]} == REGION_CODES
        assert len(rows) == 19
        cells = {code: (header, int(count)) for code, header, count in rows}
        assert cells["53"] == ('<a href="?region=53" aria-current="true">Bretagne</a>', 12)
        assert cells["94"] == ("Corse", 0)
        assert cells["02"] == ("Martinique", 0)

    def test_accordion_and_figure_markup(self):
        html = render(self.REGIONS)
        assert '<figure class="portal-france-map"' in html
        assert (
            '<figcaption class="portal-france-map__caption" id="carte-regions-legende">Fiches par région</figcaption>'
            in html
        )
        assert 'aria-controls="carte-regions-tableau">Voir les données sous forme de tableau</button>' in html
        assert '<div class="fr-collapse" id="carte-regions-tableau">' in html
        assert 'role="img"' not in html.split("<svg", 1)[1].split(">", 1)[0]

    def test_urls_are_escaped(self):
        html = render([{"code": "53", "label": "Bretagne", "count": 2, "url": "?q=a&region=53"}])
        assert 'href="?q=a&amp;region=53"' in html

    def test_coordinates_are_not_localised(self):
        with translation.override("fr"):
            html = render(self.REGIONS)
        coordinates = re.findall(r' [xy]="([^"]+)"', html)
        assert coordinates and all(NUMBER.fullmatch(value) for value in coordinates)

    def test_the_map_id_keeps_ids_unique(self):
        html = Template("{% load france_map %}{% france_map regions map_id='autre' %}").render(
            Context({"regions": self.REGIONS})
        )
        assert 'id="autre-tableau"' in html and "url(#autre-hachures)" in html and "carte-regions" not in html


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query, expanded",
    [("", True), ("?theme=management", True), ("?q=coop%C3%A9ration", False), ("?region=53", False)],
)
def test_the_map_opens_for_browsing_and_steps_aside_for_results(reader_client, query, expanded):
    from .factories import make_fiche

    make_fiche("Coopération en Bretagne", region_id="53", themes=("management", "cooperation"))
    html = reader_client.get("/recherche/" + query).content.decode()
    assert f'aria-expanded="{"true" if expanded else "false"}" aria-controls="carte-accordeon"' in html
