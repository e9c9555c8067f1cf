"""Generate ``search/map/geometry.py``, the SVG shapes of the French regions used by ``{% france_map %}``.

How the data was derived
------------------------
Nothing here comes from a map file or a GIS data set: every coordinate below was written by hand, from
general geographic knowledge, as approximate longitude / latitude in degrees.

* ``FRANCE_OUTLINE`` and ``CORSICA_OUTLINE``: a coarse outline of metropolitan France (coastline plus the
  land borders with Belgium, Luxembourg, Germany, Switzerland, Italy and Spain) and of Corsica.
* ``DEPARTMENTS``: the approximate centre of each of the 94 continental départements, with its region code
  (INSEE COG 2024). Corsica is a region on its own, drawn from its outline.
* The Voronoi cells of these centres, clipped to the outline, approximate the départements; the cells are
  merged by region. Region borders are therefore straight-line approximations, good enough for a reader to
  recognise each region, not for measuring anything.
* ``OVERSEAS``: coarse outlines of the five overseas regions, each fitted into its own small inset box.

Longitudes are projected with a plain equirectangular projection (longitudes scaled by cos 46.5°), then
scaled to the SVG viewBox; coordinates are rounded to one decimal.

Running it
----------
shapely and scipy are needed only to regenerate the data, never at run time, and are deliberately not in
the project's requirements. Use a throwaway virtualenv::

    python3 -m venv /tmp/mapvenv && /tmp/mapvenv/bin/pip install shapely scipy
    /tmp/mapvenv/bin/python search/map/build_france_map.py

The script overwrites ``geometry.py`` next to it (or the path given as its first argument).
"""

import math
import sys
from pathlib import Path

import numpy as np
from scipy.spatial import Voronoi
from shapely import ops
from shapely.geometry import MultiPolygon, Polygon
from shapely.validation import make_valid

# fmt: off
# Metropolitan France, clockwise from the Belgian border on the North Sea (lon, lat).
FRANCE_OUTLINE = [
    (2.55, 51.08), (2.90, 50.70), (3.15, 50.78), (3.30, 50.53), (3.70, 50.35), (4.15, 50.28),
    (4.20, 49.98), (4.60, 49.98), (4.85, 50.15), (4.80, 49.95), (5.10, 49.78), (5.45, 49.60),
    (5.82, 49.54), (6.10, 49.47), (6.37, 49.46), (6.72, 49.16), (7.05, 49.12), (7.35, 49.17),
    (7.60, 49.08), (8.20, 48.97), (7.80, 48.60), (7.58, 48.12), (7.55, 47.60), (7.20, 47.49),
    (6.95, 47.45), (6.85, 47.35), (6.45, 47.05), (6.10, 46.70), (6.05, 46.45), (6.15, 46.25),
    (6.25, 46.32), (6.60, 46.40), (6.80, 46.39), (6.85, 46.12), (7.04, 45.92), (6.80, 45.70),
    (7.10, 45.45), (6.95, 45.25), (6.63, 45.12), (6.72, 44.93), (7.00, 44.70), (6.85, 44.45),
    (7.00, 44.23), (7.55, 44.15), (7.52, 43.78), (7.27, 43.70), (7.13, 43.57), (7.00, 43.55),
    (6.80, 43.42), (6.65, 43.27), (6.15, 43.10), (5.93, 43.10), (5.45, 43.21), (5.35, 43.30),
    (5.05, 43.33), (4.94, 43.43), (4.85, 43.35), (4.43, 43.45), (4.10, 43.55), (3.70, 43.40),
    (3.47, 43.28), (3.15, 43.15), (3.05, 42.85), (3.03, 42.65), (3.05, 42.55), (3.17, 42.44),
    (2.86, 42.46), (2.50, 42.35), (1.95, 42.43), (1.75, 42.57), (1.45, 42.62), (0.95, 42.80),
    (0.70, 42.85), (0.30, 42.70), (-0.52, 42.80), (-0.75, 42.95), (-1.35, 43.05), (-1.50, 43.30),
    (-1.78, 43.37), (-1.56, 43.48), (-1.45, 43.66), (-1.30, 44.20), (-1.25, 44.65), (-1.20, 45.00),
    (-1.07, 45.57), (-1.12, 45.82), (-1.15, 46.16), (-1.25, 46.30), (-1.78, 46.50), (-2.10, 46.78),
    (-2.05, 47.05), (-2.20, 47.27), (-2.52, 47.30), (-3.12, 47.50), (-3.37, 47.72), (-3.90, 47.87),
    (-4.37, 47.80), (-4.73, 48.04), (-4.33, 48.10), (-4.55, 48.25), (-4.50, 48.38), (-4.78, 48.33),
    (-4.77, 48.45), (-4.55, 48.62), (-3.98, 48.72), (-3.85, 48.65), (-3.45, 48.83), (-3.05, 48.78),
    (-2.75, 48.52), (-2.32, 48.68), (-2.02, 48.65), (-1.52, 48.63), (-1.60, 48.84), (-1.60, 49.20),
    (-1.85, 49.55), (-1.95, 49.72), (-1.62, 49.65), (-1.27, 49.67), (-1.27, 49.58), (-1.15, 49.38),
    (-1.05, 49.39), (-0.60, 49.34), (-0.25, 49.28), (0.23, 49.42), (0.10, 49.49), (0.17, 49.68),
    (0.37, 49.76), (1.08, 49.93), (1.38, 50.06), (1.60, 50.22), (1.57, 50.40), (1.58, 50.52),
    (1.60, 50.73), (1.58, 50.87), (1.85, 50.96), (2.37, 51.05),
]

CORSICA_OUTLINE = [
    (9.40, 43.02), (9.47, 42.95), (9.48, 42.80), (9.45, 42.70), (9.53, 42.45), (9.55, 42.10),
    (9.40, 41.85), (9.35, 41.70), (9.28, 41.59), (9.16, 41.39), (8.90, 41.52), (8.88, 41.67),
    (8.70, 41.75), (8.74, 41.92), (8.60, 42.05), (8.60, 42.13), (8.67, 42.27), (8.55, 42.38),
    (8.75, 42.57), (8.93, 42.64), (9.15, 42.73), (9.30, 42.68), (9.34, 42.80), (9.34, 42.98),
]

# Approximate centre of each continental département: (number, lon, lat, region code).
DEPARTMENTS = [
    ("01", 5.35, 46.10, "84"), ("02", 3.55, 49.55, "32"), ("03", 3.20, 46.40, "84"), ("04", 6.25, 44.10, "93"),
    ("05", 6.25, 44.65, "93"), ("06", 7.10, 43.95, "93"), ("07", 4.40, 44.75, "84"), ("08", 4.65, 49.60, "44"),
    ("09", 1.50, 42.95, "76"), ("10", 4.15, 48.30, "44"), ("11", 2.40, 43.10, "76"), ("12", 2.65, 44.30, "76"),
    ("13", 5.10, 43.55, "93"), ("14", -0.35, 49.10, "28"), ("15", 2.65, 45.05, "84"), ("16", 0.20, 45.70, "75"),
    ("17", -0.70, 45.80, "75"), ("18", 2.50, 47.05, "24"), ("19", 1.90, 45.35, "75"), ("21", 4.75, 47.40, "27"),
    ("22", -2.85, 48.40, "53"), ("23", 2.00, 46.10, "75"), ("24", 0.75, 45.10, "75"), ("25", 6.35, 47.15, "27"),
    ("26", 5.15, 44.70, "84"), ("27", 1.00, 49.10, "28"), ("28", 1.40, 48.40, "24"), ("29", -4.10, 48.25, "53"),
    ("30", 4.20, 44.00, "76"), ("31", 1.20, 43.35, "76"), ("32", 0.45, 43.70, "76"), ("33", -0.60, 44.85, "75"),
    ("34", 3.35, 43.60, "76"), ("35", -1.65, 48.15, "53"), ("36", 1.55, 46.80, "24"), ("37", 0.70, 47.25, "24"),
    ("38", 5.55, 45.25, "84"), ("39", 5.70, 46.75, "27"), ("40", -0.80, 43.95, "75"), ("41", 1.40, 47.60, "24"),
    ("42", 4.15, 45.70, "84"), ("43", 3.80, 45.10, "84"), ("44", -1.70, 47.35, "52"), ("45", 2.30, 47.90, "24"),
    ("46", 1.60, 44.60, "76"), ("47", 0.45, 44.35, "75"), ("48", 3.50, 44.50, "76"), ("49", -0.55, 47.40, "52"),
    ("50", -1.30, 49.10, "28"), ("51", 4.25, 48.95, "44"), ("52", 5.20, 48.10, "44"), ("53", -0.65, 48.15, "52"),
    ("54", 6.15, 48.75, "44"), ("55", 5.35, 49.00, "44"), ("56", -2.80, 47.85, "53"), ("57", 6.65, 49.05, "44"),
    ("58", 3.50, 47.10, "27"), ("59", 3.25, 50.45, "32"), ("60", 2.45, 49.40, "32"), ("61", 0.10, 48.60, "28"),
    ("62", 2.30, 50.50, "32"), ("63", 3.15, 45.75, "84"), ("64", -0.75, 43.25, "75"), ("65", 0.15, 43.05, "76"),
    ("66", 2.50, 42.60, "76"), ("67", 7.55, 48.65, "44"), ("68", 7.25, 47.90, "44"), ("69", 4.65, 45.85, "84"),
    ("70", 6.10, 47.65, "27"), ("71", 4.55, 46.65, "27"), ("72", 0.20, 48.00, "52"), ("73", 6.45, 45.50, "84"),
    ("74", 6.40, 46.05, "84"), ("75", 2.35, 48.86, "11"), ("76", 1.00, 49.65, "28"), ("77", 2.95, 48.60, "11"),
    ("78", 1.85, 48.80, "11"), ("79", -0.30, 46.55, "75"), ("80", 2.30, 49.95, "32"), ("81", 2.15, 43.80, "76"),
    ("82", 1.30, 44.05, "76"), ("83", 6.25, 43.45, "93"), ("84", 5.20, 44.00, "93"), ("85", -1.30, 46.65, "52"),
    ("86", 0.45, 46.55, "75"), ("87", 1.25, 45.90, "75"), ("88", 6.40, 48.20, "44"), ("89", 3.55, 47.85, "27"),
    ("90", 6.90, 47.65, "27"), ("91", 2.25, 48.50, "11"), ("92", 2.22, 48.84, "11"), ("93", 2.48, 48.91, "11"),
    ("94", 2.47, 48.78, "11"), ("95", 2.15, 49.08, "11"),
]

# Overseas regions: one or more rings per region (lon, lat), main island first.
OVERSEAS = {
    "01": [  # Guadeloupe: Basse-Terre and Grande-Terre joined at Pointe-à-Pitre, then Marie-Galante
        [(-61.55, 16.28), (-61.58, 16.30), (-61.63, 16.33), (-61.70, 16.35), (-61.75, 16.36), (-61.79, 16.30),
         (-61.79, 16.23), (-61.78, 16.15), (-61.76, 16.05), (-61.73, 16.00), (-61.70, 15.95), (-61.64, 15.97),
         (-61.56, 16.05), (-61.57, 16.13), (-61.59, 16.19), (-61.55, 16.23), (-61.53, 16.24), (-61.48, 16.20),
         (-61.38, 16.22), (-61.27, 16.25), (-61.18, 16.25), (-61.22, 16.28), (-61.28, 16.31), (-61.35, 16.34), (-61.40, 16.42),
         (-61.46, 16.51), (-61.51, 16.47), (-61.53, 16.42), (-61.50, 16.34), (-61.54, 16.30)],
        [(-61.25, 16.03), (-61.18, 15.99), (-61.20, 15.88), (-61.28, 15.86), (-61.33, 15.94)],
    ],
    "02": [  # Martinique
        [(-61.18, 14.87), (-61.12, 14.87), (-61.03, 14.81), (-60.99, 14.78), (-60.96, 14.74), (-60.87, 14.77),
         (-60.93, 14.72), (-60.94, 14.68), (-60.90, 14.62), (-60.84, 14.55), (-60.82, 14.50), (-60.87, 14.40),
         (-60.93, 14.47), (-61.03, 14.47), (-61.09, 14.47), (-61.09, 14.50), (-61.05, 14.56), (-61.00, 14.58),
         (-61.01, 14.61), (-61.07, 14.60), (-61.10, 14.62), (-61.14, 14.64), (-61.18, 14.71), (-61.18, 14.74),
         (-61.22, 14.80), (-61.23, 14.83)],
    ],
    "03": [  # Guyane
        [(-54.00, 5.75), (-54.20, 5.30), (-54.45, 4.80), (-54.35, 4.30), (-54.00, 3.60), (-54.20, 3.20),
         (-54.05, 2.65), (-54.60, 2.33), (-54.00, 2.15), (-53.20, 2.25), (-52.65, 2.30), (-52.20, 3.00),
         (-51.90, 3.70), (-51.65, 4.05), (-51.62, 4.20), (-51.90, 4.60), (-52.33, 4.93), (-52.65, 5.16),
         (-52.95, 5.38), (-53.20, 5.48), (-53.78, 5.66)],
    ],
    "04": [  # La Réunion
        [(55.45, -20.88), (55.55, -20.90), (55.65, -20.95), (55.73, -21.05), (55.80, -21.15), (55.84, -21.25),
         (55.80, -21.33), (55.72, -21.37), (55.62, -21.38), (55.48, -21.34), (55.40, -21.29), (55.29, -21.17),
         (55.22, -21.08), (55.28, -20.93), (55.38, -20.88)],
    ],
    "06": [  # Mayotte: Grande-Terre, then Petite-Terre
        [(45.10, -12.65), (45.04, -12.70), (45.08, -12.76), (45.11, -12.83), (45.10, -12.90), (45.15, -12.99),
         (45.19, -12.98), (45.20, -12.93), (45.23, -12.87), (45.22, -12.80), (45.23, -12.76), (45.19, -12.71),
         (45.14, -12.69)],
        [(45.27, -12.77), (45.30, -12.78), (45.29, -12.81), (45.26, -12.80)],
    ],
}

# fmt: on

OVERSEAS_ORDER = ["01", "02", "03", "04", "06"]

WIDTH = 600  # viewBox width
MARGIN = 8
INSET_W, INSET_H, INSET_GAP, INSET_LABEL = 104, 84, 12, 18
INSET_PADDING = 8
PARALLEL = math.cos(math.radians(46.5))


def _ring_lonlat_to_xy(ring, origin, scale, cos_lat):
    lon0, lat0, x0, y0 = origin
    return [(x0 + (lon - lon0) * cos_lat * scale, y0 + (lat0 - lat) * scale) for lon, lat in ring]


def metropolitan_regions():
    """Voronoi cells of the département centres, clipped to the outline and merged by region (lon/lat)."""
    france = Polygon(FRANCE_OUTLINE)
    points = [(lon * PARALLEL, lat) for _, lon, lat, _ in DEPARTMENTS]
    # Far-away sentinels keep every real cell finite.
    points += [(-30, 0), (40, 0), (-30, 90), (40, 90)]
    vor = Voronoi(np.array(points))
    cells = {}
    for index, (_, _, _, region) in enumerate(DEPARTMENTS):
        vertices = vor.regions[vor.point_region[index]]
        assert -1 not in vertices, "sentinels must bound every département cell"
        cell = Polygon([(x / PARALLEL, y) for x, y in vor.vertices[vertices]]).intersection(france)
        cells.setdefault(region, []).append(cell)
    regions = {code: make_valid(ops.unary_union(parts)) for code, parts in cells.items()}
    regions["94"] = Polygon(CORSICA_OUTLINE)
    return regions


def _polygons(geometry):
    if isinstance(geometry, Polygon):
        return [geometry]
    if isinstance(geometry, MultiPolygon):
        return list(geometry.geoms)
    return [g for g in getattr(geometry, "geoms", []) if isinstance(g, Polygon) and g.area > 0]


def _fmt(value):
    text = f"{value:.1f}"
    return "0.0" if text == "-0.0" else text


def _path(rings_xy):
    parts = []
    for ring in rings_xy:
        points = [(_fmt(x), _fmt(y)) for x, y in ring]
        if points[0] == points[-1]:
            points = points[:-1]
        deduplicated = [p for i, p in enumerate(points) if i == 0 or p != points[i - 1]]
        parts.append("M" + " ".join(f"{x},{y}" for x, y in deduplicated) + "Z")
    return "".join(parts)


def _label_xy(polygons_xy):
    largest = max(polygons_xy, key=lambda p: p.area)
    point = ops.polylabel(largest, tolerance=0.5)
    return (round(point.x, 1), round(point.y, 1))


def build():
    regions = metropolitan_regions()
    all_points = [pt for geometry in regions.values() for poly in _polygons(geometry) for pt in poly.exterior.coords]
    min_lon = min(lon for lon, _ in all_points)
    max_lon = max(lon for lon, _ in all_points)
    min_lat = min(lat for _, lat in all_points)
    max_lat = max(lat for _, lat in all_points)
    scale = (WIDTH - 2 * MARGIN) / ((max_lon - min_lon) * PARALLEL)
    origin = (min_lon, max_lat, MARGIN, MARGIN)
    map_height = (max_lat - min_lat) * scale

    shapes = {}
    for code, geometry in regions.items():
        polygons_xy = []
        rings = []
        for poly in _polygons(geometry):
            exterior = _ring_lonlat_to_xy(poly.exterior.coords, origin, scale, PARALLEL)
            interiors = [_ring_lonlat_to_xy(r.coords, origin, scale, PARALLEL) for r in poly.interiors]
            polygons_xy.append(Polygon(exterior, interiors))
            rings += [exterior, *interiors]
        shapes[code] = {"d": _path(rings), "label_xy": _label_xy(polygons_xy)}

    insets = []
    row_width = len(OVERSEAS_ORDER) * INSET_W + (len(OVERSEAS_ORDER) - 1) * INSET_GAP
    inset_y = round(MARGIN + map_height + 14)
    for position, code in enumerate(OVERSEAS_ORDER):
        box_x = round((WIDTH - row_width) / 2 + position * (INSET_W + INSET_GAP))
        insets.append({"code": code, "x": box_x, "y": inset_y, "width": INSET_W, "height": INSET_H})
        rings_ll = OVERSEAS[code]
        lons = [lon for ring in rings_ll for lon, _ in ring]
        lats = [lat for ring in rings_ll for _, lat in ring]
        cos_lat = math.cos(math.radians((min(lats) + max(lats)) / 2))
        span_x = (max(lons) - min(lons)) * cos_lat
        span_y = max(lats) - min(lats)
        inner_w, inner_h = INSET_W - 2 * INSET_PADDING, INSET_H - 2 * INSET_PADDING
        local_scale = min(inner_w / span_x, inner_h / span_y)
        x0 = box_x + (INSET_W - span_x * local_scale) / 2
        y0 = inset_y + (INSET_H - span_y * local_scale) / 2
        origin_local = (min(lons), max(lats), x0, y0)
        rings_xy = [_ring_lonlat_to_xy(ring, origin_local, local_scale, cos_lat) for ring in rings_ll]
        shapes[code] = {"d": _path(rings_xy), "label_xy": _label_xy([Polygon(r) for r in rings_xy])}

    height = inset_y + INSET_H + INSET_LABEL + MARGIN
    viewbox = f"0 0 {WIDTH} {round(height)}"
    return viewbox, dict(sorted(shapes.items())), insets


def render_module(viewbox, shapes, insets):
    lines = [
        '"""SVG geometry of the French regions. Generated by build_france_map.py: do not edit by hand."""',
        "",
        f"VIEWBOX = {viewbox!r}",
        "",
        "REGION_SHAPES = {",
    ]
    for code, shape in shapes.items():
        lines.append(f"    {code!r}: {{")
        lines.append(f'        "label_xy": {shape["label_xy"]!r},')
        lines.append(f'        "d": {shape["d"]!r},')
        lines.append("    },")
    lines += ["}", "", "INSETS = ["]
    lines += [f"    {inset!r}," for inset in insets]
    lines += ["]", ""]
    return "\n".join(lines).replace("'", '"')


def main():
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).with_name("geometry.py")
    target.write_text(render_module(*build()), encoding="utf-8")
    print(f"wrote {target}")


if __name__ == "__main__":
    main()
