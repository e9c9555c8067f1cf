"""Two sélections of the demo fiches, for `manage.py load_demo`.

They show what an animator does with the fiches of others: pick a few, put them in a reading order and
say in one or two sentences why each one is there. One is featured on the home page. Curators are
people of the demo networks, so that load_demo must run portal.devtools.demo.networks first.

Idempotent like the other loaders; the cover is generated with Pillow (no media ships with the code)
and found again by its title.
"""

import io

from django.core.files.base import ContentFile
from django.db import transaction
from PIL import Image as PILImage
from PIL import ImageDraw
from wagtail.images import get_image_model

from practices.models import (
    CollectionIndexPage,
    CollectionItem,
    CuratedCollectionPage,
    Person,
    PracticeIndexPage,
    PracticeSheetPage,
    Theme,
)

from .fiches import BLUE_FRANCE, BLUE_FRANCE_LIGHT, BLUE_FRANCE_MAIN, RED_MARIANNE, _text, _with_metadata
from .networks import publish_if_changed
from .people_data import email_for

BRETAGNE = "reseau-breton-pratiques-manageriales"
OCCITANIE = "dreal-occitanie-accompagnement-des-managers"
TARN = "tarn-pole-territorial-management-par-la-cooperation"

COLLECTIONS = (
    {
        "slug": "pour-demarrer-un-reseau-de-managers",
        "title": "Pour démarrer un réseau de managers",
        "intro": (
            "Trois expériences à lire avant de lancer un réseau de cadres : comment le faire naître, comment le "
            "faire durer, et comment en faire autre chose qu'une réunion de plus."
        ),
        "theme": "management",
        "curator": ("Yann", "Le Gall"),
        "featured": True,
        "items": [
            (
                BRETAGNE,
                "À lire en premier : un réseau interministériel lancé par un service de terrain, avec la plateforme RH "
                "régionale. Regardez surtout la charte et la façon dont chaque livrable a reçu un numéro et un groupe "
                "porteur.",
            ),
            (
                TARN,
                "Les groupes de pairs d'agents et de DGS montrent qu'un réseau peut naître à petite échelle, dans un "
                "territoire rural, et avancer par notes successives pour convaincre les élus.",
            ),
            (
                OCCITANIE,
                "Pour passer des échanges aux actes : la mesure de la performance collective, restituée à toute "
                "l'équipe, et les pièges du mot « performance ».",
            ),
        ],
    },
    {
        "slug": "cooperer-avec-les-territoires",
        "title": "Coopérer avec les territoires",
        "intro": (
            "Des démarches où services de l'État, collectivités et partenaires apprennent à travailler ensemble, "
            "au-delà des frontières de leurs organisations."
        ),
        "theme": "cooperation",
        "curator": ("Mathilde", "Rouquayrol"),
        "featured": False,
        "items": [
            (
                TARN,
                "Cinq intercommunalités, une alliance pour les transitions et les services de l'État : la coopération "
                "commence par celle des managers. La partie « ce qui n'a pas marché » sur l'adhésion des élus est à "
                "lire de près.",
            ),
            (
                BRETAGNE,
                "Préfectures, directions régionales et DDI d'une même région : un exemple de coopération entre "
                "services de l'État qui prépare le travail commun avec les collectivités.",
            ),
        ],
    },
)


# --- cover images ---------------------------------------------------------------------------------


def cover_png(spec):
    """A 1200×600 cover in the DSFR light blue, unlike the dark fiche banners, with the sélection's title."""
    canvas = PILImage.new("RGB", (1200, 600), BLUE_FRANCE_LIGHT)
    draw = ImageDraw.Draw(canvas)
    draw.ellipse([(820, 220), (1320, 720)], fill=BLUE_FRANCE_MAIN)
    draw.ellipse([(980, 380), (1280, 680)], fill=BLUE_FRANCE)
    draw.rectangle([(80, 90), (200, 100)], fill=BLUE_FRANCE)
    draw.rectangle([(200, 90), (240, 100)], fill=RED_MARIANNE)
    _text(draw, (80, 130), "Sélection de fiches", 34, BLUE_FRANCE_MAIN)
    _text(draw, (80, 200), spec["title"], 64, BLUE_FRANCE, width=760, line_height=80)
    _text(draw, (80, 520), f"{len(spec['items'])} retours d'expérience commentés", 32, BLUE_FRANCE)
    out = io.BytesIO()
    canvas.save(out, format="PNG")
    return out.getvalue()


def get_or_create_cover(spec):
    Image = get_image_model()
    title = f"Couverture — {spec['title']}"
    image = Image.objects.filter(title=title).order_by("pk").first()
    if image is None:
        data = cover_png(spec)
        image = _with_metadata(Image(title=title, file=ContentFile(data, name=f"demo-{spec['slug']}.png")), data)
        image.save()
    return image


# --- sélections -----------------------------------------------------------------------------------

FIELDS = ("title", "intro", "theme_id", "curator_id", "featured", "cover_image_id")


def desired_state(spec, fiche_ids):
    return {
        "fields": {
            "title": spec["title"],
            "intro": spec["intro"],
            "theme_id": Theme.objects.get(slug=spec["theme"]).pk,
            "curator_id": Person.objects.get(email=email_for(*spec["curator"])).pk,
            "featured": spec["featured"],
            "cover_image_id": get_or_create_cover(spec).pk,
        },
        "items": [(fiche_ids[slug], commentary) for slug, commentary in spec["items"]],
    }


def read_state(page):
    return {
        "fields": {name: getattr(page, name) for name in FIELDS},
        "items": [(item.fiche_id, item.commentary) for item in page.items.all()],
    }


def write_state(page, state):
    for name, value in state["fields"].items():
        setattr(page, name, value)
    page.items = [
        CollectionItem(fiche_id=pk, commentary=commentary, sort_order=order)
        for order, (pk, commentary) in enumerate(state["items"])
    ]


@transaction.atomic
def load():
    """Create or refresh the two demo sélections under /selections/; returns them in order."""
    index = CollectionIndexPage.objects.get(slug="selections")
    fiches_index = PracticeIndexPage.objects.get(slug="fiches")
    fiche_ids = dict(
        PracticeSheetPage.objects.child_of(fiches_index)
        .filter(slug__in=[BRETAGNE, OCCITANIE, TARN])
        .values_list("slug", "pk")
    )
    return [
        publish_if_changed(
            index, CuratedCollectionPage, spec["slug"], desired_state(spec, fiche_ids), read_state, write_state
        )
        for spec in COLLECTIONS
    ]
