"""The home page's welcome text and the portal's settings."""

from wagtail.models import Site

from home.models import HomePage
from portal.models import PortalSettings

WELCOME = (
    "<p>Des réseaux de cadres et d'agents, en préfecture, en direction régionale, en DDI ou en collectivité, "
    "expérimentent de nouvelles façons de manager, de coopérer et de conduire les transitions. Ce portail "
    "rassemble leurs <b>retours d'expérience</b> pour que chacun puisse s'en inspirer : ce qui a été tenté, "
    "avec qui, ce qui a marché et ce qui n'a pas marché.</p>"
)


def load():
    home = HomePage.objects.get(depth=2)
    if home.body != WELCOME:
        home.body = WELCOME
        home.save_revision().publish()
    site = Site.objects.get(is_default_site=True)
    settings = PortalSettings.for_site(site)
    if settings.contact_email != "reseaux-de-pratiques@demo.reseaux.localhost":
        settings.contact_email = "reseaux-de-pratiques@demo.reseaux.localhost"
        settings.save()
