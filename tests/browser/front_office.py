"""What the console and accessibility tests share: one page of every front-office type, the reader's login,
and waiting until the DSFR's script has set up the components of a page (it reports its problems then)."""

from tests.factories import PASSWORD

WIDTHS = {"mobile": 375, "desktop": 1280}


def reader_pages(site):
    """(name, path) of every page type a logged-in reader visits, built by tests.factories.make_front_office."""
    fiche = site.fiches[0]
    return [
        ("accueil", "/"),
        ("fiches", "/fiches/"),
        ("fiches filtrées", "/fiches/?region=53&theme=management&tri=recent"),
        ("fiches sans résultat", "/fiches/?q=zzzzqqqq"),
        ("fiche", fiche.url),
        ("réseaux", "/reseaux/"),
        ("réseau", site.network.url),
        ("livrable", site.livrable.url),
        ("chantier", site.workstream.url),
        ("sélections", "/selections/"),
        ("sélection", site.collection.url),
        ("recherche", "/recherche/?q=managers"),
        ("déclaration d'accessibilité", "/accessibilite/"),
        ("erreur 404", "/cette-page-n-existe-pas/"),
        ("erreur 403", site.restricted.url),
    ]


def log_in(page, base_url, username, password=PASSWORD):
    page.goto(base_url + "/connexion/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("button[type=submit]")
    page.wait_for_url(lambda url: "/connexion/" not in url)


def settle(page):
    """After a navigation: the DSFR has started (`data-fr-js` on <html>) and drawn two frames, so that its
    components' checks (and warnings) have run."""
    page.wait_for_selector("html[data-fr-js]", state="attached")
    page.evaluate("new Promise(resolve => requestAnimationFrame(() => requestAnimationFrame(resolve)))")
