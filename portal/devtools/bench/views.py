"""The floor the fiche page is compared with: what serving any page costs before it does anything.

The same middleware stack and session as every page of the portal (so: finding the session and the
user), and a template rendered to exactly as many bytes of HTML as the fiche page, but no query of its
own and no logic: if the fiche page takes twice this, half of its time is the portal's own work.
"""

from functools import lru_cache

from django.http import HttpResponseBadRequest
from django.shortcuts import render
from django.template.loader import render_to_string

TEMPLATE = "devtools/bench_baseline.html"
# Nothing in them that the template would escape. A line is French text (multi-byte characters, as on
# the fiche page); the last piece is ASCII, so that it can be cut to the exact byte.
LINE = "Paragraphe de remplissage du socle de mesure, aussi long qu’une ligne de texte d’une fiche."
LAST = "Fin du remplissage. "
MAX_BYTES = 10_000_000


@lru_cache(maxsize=1)
def _skeleton_bytes():
    return len(render_to_string(TEMPLATE, {"lines": [], "rest": ""}).encode())


def filler(size):
    """Whole lines, and a last shorter piece, that bring the template to exactly `size` bytes."""
    room = max(0, size - _skeleton_bytes())
    count, remainder = divmod(room, len(f"<p>{LINE}</p>\n".encode()))
    return [LINE] * count, (LAST * (remainder // len(LAST) + 1))[:remainder]


def baseline(request):
    try:
        size = int(request.GET.get("octets", "0"))
    except ValueError:
        size = -1
    if not 0 <= size <= MAX_BYTES:
        return HttpResponseBadRequest("octets : un nombre d'octets attendu.")
    lines, rest = filler(size)
    return render(request, TEMPLATE, {"lines": lines, "rest": rest})
