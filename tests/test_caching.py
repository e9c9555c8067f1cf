"""Caching against the content version (portal.cache, portal.access, portal.serving): what readers see is
never stale, never someone else's, and a cached read costs next to nothing.

Every test starts with empty caches (tests/conftest.py). A page is read once to fill the caches, the
content is changed the way an editor or an administrator would, and the next read must show it.
"""

import re

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from taggit.models import Tag
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.signals import page_slug_changed, post_page_move

from home.models import ContentPage
from portal import access, roles
from portal.cache import CONTENT_VERSION_KEY, PAGE_VERSION_PREFIX, content_version, read_version, versions_in_database
from portal.models import CacheVersion, PageCacheVersion, PortalSettings
from practices.models import ActorCategory, Department, JoinRequest, Region, ServiceType, Theme
from search import facets

from .factories import make_collection, make_fiche, make_membership, make_network, make_person, make_user

pytestmark = pytest.mark.django_db


def related_titles(client, fiche):
    html = client.get(fiche.url).content.decode()
    section = html.split('id="fiches-proches"', 1)[1] if 'id="fiches-proches"' in html else ""
    return re.findall(r'<h3 class="fr-card__title"><a href="[^"]*">([^<]*)</a>', section)


def search_titles(client, url):
    return re.findall(r'<h2 class="fr-card__title"><a href="[^"]*">([^<]*)</a>', client.get(url).content.decode())


def count_queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured), response.content.decode()


@pytest.fixture
def fiche():
    return make_fiche("Référence", themes=("management", "cooperation"), tags=["coaching"])


@pytest.fixture(params=["database", "cache"])
def versions(request, settings):
    """Both places the tokens can live: the database (local-memory cache, the default) and the cache."""
    settings.PORTAL_CACHE_VERSIONS = request.param
    return request.param


def change_elsewhere(key):
    """What another process's publication does to a token: written where it lives, without signals."""
    if versions_in_database():
        if key.startswith(PAGE_VERSION_PREFIX):
            PageCacheVersion.objects.update_or_create(page_id=int(key.removeprefix(PAGE_VERSION_PREFIX)), defaults={"token": "changed-by-another-process"})
        else:
            CacheVersion.objects.filter(name=key).update(token="changed-by-another-process")
    else:
        cache.set(key, "changed-by-another-process")


# --- what replaces the content version ------------------------------------------------------------------


def _image():
    return get_image_model().objects.create(title="Illustration", file=get_test_image_file())


def _document():
    from django.core.files.base import ContentFile

    return get_document_model().objects.create(title="Charte", file=ContentFile(b"%PDF-1.4", name="charte.pdf"))


def _restriction(fiche, kind=PageViewRestriction.GROUPS):
    return PageViewRestriction.objects.create(page=fiche, restriction_type=kind)


def _moved(fiche):
    post_page_move.send(
        sender=type(fiche), instance=fiche, parent_page_before=None, parent_page_after=None, url_path_before="", url_path_after=""
    )


# trigger -> (prepare(fiche) -> object, act(object)): the version is read between the two.
TRIGGERS = {
    "page published": (lambda f: None, lambda _: make_fiche("Nouvelle")),
    "page unpublished": (lambda f: f, lambda f: f.unpublish()),
    "page deleted": (lambda f: f, lambda f: Page.objects.get(pk=f.pk).delete()),
    "page saved in code": (lambda f: f, lambda f: f.save()),
    "page slug changed": (lambda f: f, lambda f: page_slug_changed.send(sender=type(f), instance=f, instance_before=f)),
    "page moved": (lambda f: f, _moved),
    "view restriction added": (lambda f: f, _restriction),
    "view restriction deleted": (_restriction, lambda r: r.delete()),
    "view restriction groups": (_restriction, lambda r: r.groups.add(Group.objects.get(name=roles.READERS))),
    "theme renamed": (lambda f: Theme.objects.get(slug="management"), lambda t: t.save()),
    "theme deleted": (lambda f: Theme.objects.create(name="Éphémère", slug="ephemere"), lambda t: t.delete()),
    "region saved": (lambda f: Region.objects.get(code="53"), lambda o: o.save()),
    "department saved": (lambda f: Department.objects.first(), lambda o: o.save()),
    "service type saved": (lambda f: ServiceType.objects.first(), lambda o: o.save()),
    "actor category saved": (lambda f: ActorCategory.objects.first(), lambda o: o.save()),
    "tag saved": (lambda f: None, lambda _: Tag.objects.create(name="nouveau mot-clé")),
    "image saved": (lambda f: None, lambda _: _image()),
    "document saved": (lambda f: None, lambda _: _document()),
    "portal settings saved": (lambda f: PortalSettings.for_site(Site.objects.get()), lambda o: o.save()),
    "site saved": (lambda f: Site.objects.get(), lambda o: o.save()),
    "person saved": (lambda f: None, lambda _: make_person()),
    "membership saved": (lambda f: (make_network(), make_person()), lambda o: make_membership(*o)),
    "membership deleted": (lambda f: make_membership(make_network()), lambda m: m.delete()),
    "join request saved": (lambda f: make_network(), lambda n: JoinRequest.objects.create(network=n, user=make_user())),
    "facets rebuilt after an import": (lambda f: None, lambda _: facets.rebuild_all()),
}


@pytest.mark.parametrize("trigger", TRIGGERS)
def test_every_write_that_changes_what_pages_show_replaces_the_content_version(versions, fiche, trigger):
    prepare, act = TRIGGERS[trigger]
    target = prepare(fiche)
    before = content_version()
    act(target)
    assert content_version() != before


def test_the_content_version_is_read_once_per_request_and_follows_a_bump_of_this_process(versions, rf):
    request = rf.get("/")
    first = content_version(request)
    change_elsewhere(CONTENT_VERSION_KEY)
    assert content_version(request) == first  # one page, one version
    assert content_version(rf.get("/")) == "changed-by-another-process"  # the next request sees it
    make_fiche("Publiée pendant la requête")
    assert content_version(request) not in (first, "changed-by-another-process")


def test_a_publication_by_another_process_shows_on_the_next_read(versions, reader_client, fiche):
    """Another gunicorn worker, or the cron job that publishes scheduled pages, changes the token only."""
    reader_client.get(fiche.url)
    type(fiche).objects.filter(pk=fiche.pk).update(title="Titre changé ailleurs")
    assert "Titre changé ailleurs" not in reader_client.get(fiche.url).content.decode()  # cached, as expected
    # what the publication pipeline's cache step replaces: the content version and the page's own token
    change_elsewhere(CONTENT_VERSION_KEY)
    change_elsewhere(f"{PAGE_VERSION_PREFIX}{fiche.pk}")
    assert "Titre changé ailleurs" in reader_client.get(fiche.url).content.decode()


def test_with_a_local_memory_cache_the_tokens_live_in_the_database(settings):
    assert versions_in_database()  # the test settings use a local-memory cache, as the default deployment
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": "redis://127.0.0.1:1"}}
    assert not versions_in_database()


PERMISSION_TRIGGERS = {
    "groups of a user": lambda user: user.groups.add(Group.objects.get(name=roles.CONTRIBUTORS)),
    "permissions of a group": lambda user: Group.objects.get(name=roles.READERS).permissions.add(Permission.objects.first()),
    "permissions of a user": lambda user: user.user_permissions.add(Permission.objects.first()),
    "group saved": lambda user: Group.objects.create(name="Nouveau groupe"),
}


@pytest.mark.parametrize("trigger", PERMISSION_TRIGGERS)
def test_a_change_of_rights_replaces_the_permissions_version(versions, reader, trigger):
    before = read_version(access.PERMISSIONS_VERSION_KEY)
    PERMISSION_TRIGGERS[trigger](reader)
    assert read_version(access.PERMISSIONS_VERSION_KEY) != before


# --- readers see changes at once -------------------------------------------------------------------------


def test_publishing_fiche_b_changes_fiche_a_related_fiches_on_the_next_read(versions, reader_client, fiche):
    make_fiche("Voisine lointaine", region_id="76", service_type_id="commune", themes=("numerique",), tags=["coaching"])
    assert related_titles(reader_client, fiche) == ["Voisine lointaine"]
    assert related_titles(reader_client, fiche) == ["Voisine lointaine"]  # from the cache
    make_fiche("Jumelle", themes=("management", "cooperation"), tags=["coaching"])
    assert related_titles(reader_client, fiche) == ["Jumelle", "Voisine lointaine"]


def related_choice_queries(client, fiche):
    """The titles of the fiche's related fiches, and whether they were chosen again (their query ran)."""
    with CaptureQueriesContext(connection) as captured:
        titles = related_titles(client, fiche)
    return titles, any("practices_pinnedrelatedfiche" in query["sql"] for query in captured.captured_queries)


def test_a_related_fiche_published_again_shows_its_new_title_without_choosing_again(versions, reader_client, fiche):
    neighbour = make_fiche("Voisine", themes=("management", "cooperation"), tags=["coaching"])
    assert related_choice_queries(reader_client, fiche) == (["Voisine"], True)
    assert related_choice_queries(reader_client, fiche) == (["Voisine"], False)  # the fragment, from the cache
    neighbour.title = "Voisine renommée"
    neighbour.save_revision().publish()
    assert related_choice_queries(reader_client, fiche) == (["Voisine renommée"], False)


def test_a_related_fiche_classified_elsewhere_or_unpublished_leaves_the_related_fiches(versions, reader_client, fiche):
    near = make_fiche("Proche", themes=("management", "cooperation"), tags=["coaching"])
    far = make_fiche("Lointaine", region_id="76", service_type_id="commune", themes=("numerique",), tags=["coaching"])
    assert related_titles(reader_client, fiche) == ["Proche", "Lointaine"]
    far.tags.clear()
    far.save_revision().publish()  # it shares nothing with the fiche any more
    # brought up to date from the one fiche reclassified, not ranked again (practices.related)
    assert related_choice_queries(reader_client, fiche) == (["Proche"], False)
    near.unpublish()
    assert related_titles(reader_client, fiche) == []


def test_a_fiche_published_since_enters_the_related_fiches_without_ranking_them_again(versions, reader_client, fiche):
    make_fiche("Lointaine", region_id="76", service_type_id="commune", themes=("numerique",), tags=["coaching"])
    assert related_choice_queries(reader_client, fiche) == (["Lointaine"], True)
    make_fiche("Proche", themes=("management", "cooperation"), tags=["coaching"])
    assert related_choice_queries(reader_client, fiche) == (["Proche", "Lointaine"], False)
    cache.clear()  # what ranking afresh gives
    assert related_choice_queries(reader_client, fiche) == (["Proche", "Lointaine"], True)


def test_related_fiches_are_ranked_again_when_the_log_cannot_tell(versions, reader_client, fiche, monkeypatch):
    from portal.cache import bump_classification
    from practices import related
    from practices.models import PracticeSheetPage

    make_fiche("Voisine", themes=("management",))
    assert related_choice_queries(reader_client, fiche) == (["Voisine"], True)
    bump_classification(PracticeSheetPage)  # a change in bulk: no page named
    assert related_choice_queries(reader_client, fiche) == (["Voisine"], True)
    monkeypatch.setattr(related, "MAX_CHANGES", 1)
    make_fiche("Deuxième", themes=("management",))
    make_fiche("Troisième", themes=("management",))
    assert related_choice_queries(reader_client, fiche) == (["Troisième", "Deuxième", "Voisine"], True)


def test_a_hidden_fiche_published_since_joins_only_the_lists_of_those_who_may_see_it(versions, client, fiche, reader, moderator):
    secret = make_fiche("Coopération à venir", publish=False, themes=("management", "cooperation"), tags=["coaching"])
    restriction = PageViewRestriction.objects.create(page=secret, restriction_type=PageViewRestriction.GROUPS)
    restriction.groups.add(Group.objects.get(name=roles.MODERATORS))
    make_fiche("Ouverte", themes=("management",))
    for user in (reader, moderator):
        client.force_login(user)
        assert related_choice_queries(client, fiche) == (["Ouverte"], True)
    secret.save_revision().publish()
    client.force_login(reader)
    assert related_choice_queries(client, fiche) == (["Ouverte"], False)
    client.force_login(moderator)
    assert related_choice_queries(client, fiche) == (["Coopération à venir", "Ouverte"], False)


def test_related_fiches_brought_up_to_date_are_those_ranked_afresh(reader_client, reader, fiche):
    """Fiches published, classified differently and unpublished one after the other, the fiche page read
    after each: the list brought up to date from the log is the list ranked afresh (while each value
    has fewer pages than practices.related.NEIGHBOURS)."""
    import random

    from django.test import RequestFactory

    from practices.related import related_fiches

    draw = random.Random(11)
    themes, tags = ("management", "cooperation", "numerique"), ["coaching", "pairs", "codev"]

    def classification():
        return {
            "themes": tuple(draw.sample(themes, draw.randint(1, 2))),
            "tags": draw.sample(tags, draw.randint(0, 2)),
            "region_id": draw.choice(["53", "76"]),
        }

    pages = [make_fiche(f"Fiche {n}", **classification()) for n in range(6)]
    request = RequestFactory().get(fiche.url)
    request.user = reader
    for step in range(12):
        ranked_again = related_choice_queries(reader_client, fiche)[1]
        assert ranked_again == (step == 0)
        action = draw.choice(["new", "new", "reclassify", "unpublish"])
        if action == "new":
            pages.append(make_fiche(f"Nouvelle {step}", **classification()))
        else:
            page = draw.choice([page for page in pages if page.live])
            if action == "unpublish":
                page.unpublish()
            else:
                new = classification()
                page.themes = list(Theme.objects.filter(slug__in=new["themes"]))
                page.tags.set(new["tags"])
                page.region_id = new["region_id"]
                page.save_revision().publish()
            page.refresh_from_db()
        titles, ranked_again = related_choice_queries(reader_client, fiche)
        assert titles == [page.title for page in related_fiches(fiche, request)], (step, action)


def test_publishing_a_fiche_as_it_was_classified_leaves_the_classification_version(versions, fiche):
    from portal.cache import classification_version
    from practices.models import PracticeSheetPage

    before = classification_version(PracticeSheetPage)
    fiche.title = "Référence, titre corrigé"
    fiche.save_revision().publish()
    make_collection([fiche], title="Une sélection")  # another type of page arrives
    assert classification_version(PracticeSheetPage) == before
    fiche.region_id = "76"
    fiche.save_revision().publish()
    assert classification_version(PracticeSheetPage) != before


def test_renaming_a_theme_shows_on_a_cached_fiche_page(reader_client, fiche):
    assert "Management" in reader_client.get(fiche.url).content.decode()
    theme = Theme.objects.get(slug="management")
    theme.name = "Management des équipes"
    theme.save()
    assert "Management des équipes" in reader_client.get(fiche.url).content.decode()


def test_a_view_restriction_hides_a_fiche_at_once_from_readers_but_not_from_the_allowed_group(client, fiche, reader, moderator):
    secret = make_fiche("Coopération confidentielle", themes=("management", "cooperation"), tags=["coaching"])
    url = "/recherche/?q=confidentielle"
    for user in (reader, moderator):
        client.force_login(user)
        assert related_titles(client, fiche) == ["Coopération confidentielle"]
        assert search_titles(client, url) == ["Coopération confidentielle"]

    restriction = PageViewRestriction.objects.create(page=secret, restriction_type=PageViewRestriction.GROUPS)
    restriction.groups.add(Group.objects.get(name=roles.MODERATORS))

    client.force_login(reader)
    assert related_titles(client, fiche) == []
    assert search_titles(client, url) == []
    assert client.get(secret.url).status_code == 403  # the portal's French 403, not Wagtail's login page
    client.force_login(moderator)
    assert related_titles(client, fiche) == ["Coopération confidentielle"]
    assert search_titles(client, url) == ["Coopération confidentielle"]
    assert client.get(secret.url).status_code == 200


def test_joining_the_allowed_group_shows_the_restricted_fiche(client, fiche, reader):
    secret = make_fiche("Coopération réservée", themes=("management", "cooperation"), tags=["coaching"])
    restriction = PageViewRestriction.objects.create(page=secret, restriction_type=PageViewRestriction.GROUPS)
    restriction.groups.add(Group.objects.get(name=roles.MODERATORS))
    client.force_login(reader)
    assert related_titles(client, fiche) == []
    reader.groups.add(Group.objects.get(name=roles.MODERATORS))
    assert related_titles(client, fiche) == ["Coopération réservée"]


def test_a_password_restriction_is_passed_with_wagtail_session_key(client, fiche, reader):
    secret = make_fiche("Coopération protégée", themes=("management", "cooperation"), tags=["coaching"])
    restriction = PageViewRestriction.objects.create(page=secret, restriction_type=PageViewRestriction.PASSWORD, password="sesame")
    client.force_login(reader)
    assert related_titles(client, fiche) == []
    assert "password" in client.get(secret.url).content.decode()
    response = client.post(
        f"/_util/authenticate_with_password/{restriction.pk}/{secret.pk}/", {"password": "sesame", "return_url": secret.url}
    )
    assert response.status_code == 302
    assert client.get(secret.url).status_code == 200
    assert related_titles(client, fiche) == ["Coopération protégée"]


def test_a_new_published_section_appears_in_the_menu(reader_client, home_page):
    assert 'href="/ressources/"' not in reader_client.get("/").content.decode()
    home_page.add_child(instance=ContentPage(title="Ressources", slug="ressources", show_in_menus=True))
    html = reader_client.get("/").content.decode()
    assert 'href="/ressources/"' in html
    assert reader_client.get("/ressources/").status_code == 200  # routing's cached children too


def test_the_menu_marks_the_section_being_read(reader_client, fiche):
    html = reader_client.get(fiche.url).content.decode()
    assert re.search(r'href="/fiches/" aria-current="page"', html)
    html = reader_client.get("/recherche/?q=cooperation").content.decode()
    assert not re.search(r'href="/fiches/" aria-current="page"', html)


def test_changing_the_portal_name_shows_at_once(reader_client, fiche):
    assert "Réseaux de pratiques" in reader_client.get(fiche.url).content.decode()
    settings = PortalSettings.for_site(Site.objects.get())
    settings.portal_name = "Réseau des managers"
    settings.tagline = "Une nouvelle devise"
    settings.save()
    html = reader_client.get(fiche.url).content.decode()
    assert "<title>Référence — Réseau des managers</title>" in html
    assert '<p class="fr-header__service-title">Réseau des managers</p>' in html
    assert "Une nouvelle devise" in html
    assert "Réseau des managers rassemble" in html  # the footer


def test_renaming_the_index_page_shows_in_a_cached_breadcrumb(reader_client, fiche):
    breadcrumb = re.compile(r'<a class="fr-breadcrumb__link" href="/fiches/">([^<]*)</a>')
    assert breadcrumb.search(reader_client.get(fiche.url).content.decode())
    index = fiche.get_parent().specific
    index.title = "Toutes les fiches"
    index.save_revision().publish()
    html = reader_client.get(fiche.url).content.decode()
    assert breadcrumb.search(html).group(1) == "Toutes les fiches"


def test_an_unpublished_fiche_is_gone_at_once(reader_client, fiche):
    assert reader_client.get(fiche.url).status_code == 200
    fiche.unpublish()
    assert reader_client.get(fiche.url).status_code == 404


def test_a_search_listing_follows_publications(reader_client, fiche):
    url = "/recherche/?q=cooperation"
    assert search_titles(reader_client, url) == ["Référence"]
    make_fiche("Coopération nouvelle", themes=("cooperation",))
    assert sorted(search_titles(reader_client, url)) == ["Coopération nouvelle", "Référence"]


def test_an_invalid_search_answers_400_from_the_cache_too(reader_client, fiche):
    for _ in range(2):
        response = reader_client.get("/fiches/?region=99")
        assert response.status_code == 400
        assert "Région inconnue" in response.content.decode()


def test_the_same_search_written_another_way_reads_the_same_cached_listing(reader_client, fiche):
    """Parameters in another order, an unknown one, an empty one, the values of a filter swapped: one entry."""
    make_fiche("Coopération bretonne", themes=("cooperation", "management"))
    first = "/fiches/?q=cooperation&theme=cooperation&theme=management&tri=pertinence"
    assert count_queries(reader_client, first)[0] > 0
    warm, html = count_queries(reader_client, first)
    for same in (
        "/fiches/?tri=pertinence&theme=management&theme=cooperation&q=cooperation",
        "/fiches/?utm_source=lettre&q=cooperation&region=&theme=cooperation&theme=management&tri=pertinence",
        "/fiches/?q=cooperation&theme=cooperation&theme=management&tri=pertinence&page=1",
    ):
        queries, same_html = count_queries(reader_client, same)
        assert queries == warm, same
        assert re.findall(r'<h2 class="fr-card__title">.*?</h2>', same_html) == re.findall(
            r'<h2 class="fr-card__title">.*?</h2>', html
        )
    # what the reader typed is what the search box shows: another spelling is another entry
    assert count_queries(reader_client, "/fiches/?q=Cooperation&theme=cooperation&theme=management&tri=pertinence")[0] > warm


def test_an_invalid_value_never_reads_the_valid_query_cached_entry(reader_client, fiche):
    assert reader_client.get("/fiches/?q=cooperation").status_code == 200
    response = reader_client.get("/fiches/?q=cooperation&region=99")
    assert response.status_code == 400
    assert "Région inconnue" in response.content.decode()
    assert reader_client.get("/fiches/?q=cooperation&page=0").status_code == 400


@pytest.fixture
def counted_home_blocks(monkeypatch):
    """{block name: how many times it was built}: the home page's blocks, counted."""
    from home import sections

    built = {}

    def counting(build):
        def wrapper(request, home_page):
            built[build.__name__] = built.get(build.__name__, 0) + 1
            return build(request, home_page)

        wrapper.__name__ = build.__name__
        return wrapper

    monkeypatch.setattr(sections, "SECTIONS", tuple((counting(build), models) for build, models in sections.SECTIONS))
    return built


def test_publishing_a_fiche_renders_again_the_home_blocks_that_show_fiches_only(versions, reader_client, fiche, counted_home_blocks):
    make_network("Réseau des cadres")
    home = reader_client.get("/").content.decode()
    assert "Référence" in home and "Réseau des cadres" in home
    assert counted_home_blocks == {"latest_fiches": 1, "networks": 1, "featured_collections": 1}
    reader_client.get("/")
    assert counted_home_blocks == {"latest_fiches": 1, "networks": 1, "featured_collections": 1}

    make_fiche("Toute nouvelle fiche")
    home = reader_client.get("/").content.decode()
    assert "Toute nouvelle fiche" in home and "Réseau des cadres" in home
    # the sélections count their fiches: they follow the fiches; the networks do not
    assert counted_home_blocks == {"latest_fiches": 2, "networks": 1, "featured_collections": 2}

    make_network("Réseau des adjoints")
    assert "Réseau des adjoints" in reader_client.get("/").content.decode()
    assert counted_home_blocks == {"latest_fiches": 2, "networks": 2, "featured_collections": 2}


def test_a_new_member_shows_in_the_cached_home_networks_block(reader_client, fiche):
    network = make_network("Réseau des cadres")
    assert "0 membre" in reader_client.get("/").content.decode()
    make_membership(network, make_person("Alice", "Martin"))
    assert "1 membre" in reader_client.get("/").content.decode()


# --- nothing of one reader reaches another ---------------------------------------------------------------


def test_a_reader_never_sees_another_users_name_or_csrf_token(client, fiche):
    alice = make_user(roles.READERS, username="alice", first_name="Alice", last_name="Martin")
    bruno = make_user(roles.READERS, username="bruno", first_name="Bruno", last_name="Petit")
    pages = [fiche.url, "/", "/recherche/?q=cooperation", "/fiches/?region=53"]
    tokens = {}
    for user, other in ((alice, "Bruno Petit"), (bruno, "Alice Martin"), (alice, "Bruno Petit")):
        client.force_login(user)
        for url in pages:
            html = client.get(url).content.decode()
            assert user.get_full_name() in html, url
            assert other not in html, url
            tokens.setdefault(user.username, set()).add(re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1))
    assert not tokens["alice"] & tokens["bruno"]


def test_the_administration_link_follows_the_users_groups(versions, client, fiche):
    user = make_user(roles.READERS, username="agent-promu")
    client.force_login(user)
    assert "Administration" not in client.get(fiche.url).content.decode()
    user.groups.add(Group.objects.get(name=roles.CONTRIBUTORS))
    html = client.get(fiche.url).content.decode()
    assert "Administration" in html and "wagtail-userbar" in html
    user.groups.remove(Group.objects.get(name=roles.CONTRIBUTORS))
    html = client.get(fiche.url).content.decode()
    assert "Administration" not in html and "wagtail-userbar" not in html


def test_a_preview_neither_reads_nor_fills_the_cache(client, fiche, administrator):
    client.force_login(administrator)
    client.get(fiche.url)  # the live page is cached
    fiche = type(fiche).objects.get(pk=fiche.pk)
    fiche.title = "Titre en brouillon"
    fiche.intro = "Un chapô encore en brouillon."
    from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

    data = nested_form_data(
        {
            "title": fiche.title,
            "slug": fiche.slug,
            "intro": fiche.intro,
            "carrying_structure": "",
            "description": rich_text("<p>Une description en brouillon.</p>"),
            "objectives": rich_text("<p>Des objectifs.</p>"),
            "region": "53",
            "service_type": "ddi",
            "start_year": 2018,
            "themes": [Theme.objects.get(slug="management").pk],
            "key_figures": inline_formset([]),
            "contacts": inline_formset([]),
            "attachments": inline_formset([]),
            "images": inline_formset([]),
            "pinned_related": inline_formset([]),
        }
    )
    preview_url = f"/admin/pages/{fiche.pk}/edit/preview/"
    assert client.post(preview_url, data).json()["is_valid"]
    assert "Un chapô encore en brouillon." in client.get(preview_url).content.decode()
    html = client.get(fiche.url).content.decode()
    assert "Un chapô encore en brouillon." not in html


# --- a cached read costs next to nothing ---------------------------------------------------------------


def test_a_cached_fiche_page_needs_only_the_user_and_the_versions(versions, reader_client, fiche):
    make_fiche("Voisine", themes=("management",))
    cold, first = count_queries(reader_client, fiche.url)
    warm, second = count_queries(reader_client, fiche.url)
    # the user (the session is read from the cache); the site-wide versions and the fiche's own token
    # too when they live in the database
    assert warm == (3 if versions == "database" else 1)
    assert cold > warm
    strip = re.compile(r'name="csrfmiddlewaretoken" value="[^"]+"|breadcrumb-[a-z]+')
    assert strip.sub("", first) == strip.sub("", second)


def test_a_cold_fiche_page_stays_within_the_query_budget(reader_client, fiche):
    neighbour = make_fiche("Voisine", themes=("management",))
    reader_client.get(fiche.url)
    make_fiche("Publiée", themes=("numerique",))  # a publication: the content version changes
    reader_client.get(neighbour.url)  # the site is warm again; this fiche is read for the first time since
    with CaptureQueriesContext(connection) as captured:
        assert reader_client.get(fiche.url).status_code == 200
    assert len(captured) <= 15, [query["sql"][:120] for query in captured]


def test_routing_from_the_cache_keeps_wagtail_answers(reader_client, fiche):
    assert reader_client.get("/accessibilite/").status_code == 200  # a child of the home page (cached children)
    assert reader_client.get(fiche.url).status_code == 200  # a child of the fiches index (cached by slug)
    assert reader_client.get("/nexiste-pas/").status_code == 404
    assert reader_client.get("/fiches/nexiste-pas/").status_code == 404
    draft = make_fiche("Brouillon", publish=False)
    assert reader_client.get(f"/fiches/{draft.slug}/").status_code == 404


def test_another_fiche_publication_leaves_a_fiche_routing_and_own_content_in_the_cache(reader_client, fiche, monkeypatch):
    """The first read of a fiche after another one's publication: its route and its own content come
    from the cache; only what it shows of other pages (related fiches, sélections) is computed again.
    Routing as with thousands of fiches (the child found by slug): with a few, the index's map of its
    children follows each child's publication, and is read again."""
    from portal import serving

    monkeypatch.setattr(serving, "ROUTE_CACHE_MAX_CHILDREN", 0)
    other = make_fiche("Autre fiche")
    assert reader_client.get(fiche.url).status_code == 200
    other.save_revision().publish()
    with CaptureQueriesContext(connection) as captured:
        response = reader_client.get(fiche.url)
    html = response.content.decode()
    assert "Référence" in html and "Autre fiche" in html  # the other one, among the related fiches
    sql = [query["sql"] for query in captured.captured_queries]
    assert not [q for q in sql if "practices_keyfigure" in q]  # the fiche's own content
    assert not [q for q in sql if f"'{fiche.slug}'" in q]  # its routing


def test_the_selections_a_fiche_is_in_follow_the_selections_not_the_other_fiches(reader_client, fiche):
    """What a fiche shows of other pages is cached on what chooses them: another fiche's publication
    reads its related fiches' versions again (and chooses them again if it was classified differently),
    not the sélections that hold it; a sélection's, the reverse."""
    make_collection([fiche], title="Pour commencer")
    other = make_fiche("Autre fiche")
    assert "Pour commencer" in reader_client.get(fiche.url).content.decode()

    other.save_revision().publish()
    with CaptureQueriesContext(connection) as captured:
        html = reader_client.get(fiche.url).content.decode()
    sql = [query["sql"] for query in captured.captured_queries]
    assert "Pour commencer" in html and "Autre fiche" in html
    assert not [q for q in sql if "practices_collectionitem" in q]
    # published again as it was classified: the related fiches stay chosen, only their versions are read
    assert not [q for q in sql if "practices_pinnedrelatedfiche" in q]
    assert [q for q in sql if "search_searchdocument" in q]

    make_collection([fiche], title="Deuxième sélection")
    with CaptureQueriesContext(connection) as captured:
        html = reader_client.get(fiche.url).content.decode()
    sql = [query["sql"] for query in captured.captured_queries]
    assert "Pour commencer" in html and "Deuxième sélection" in html
    assert not [q for q in sql if "practices_pinnedrelatedfiche" in q]


def test_a_fiche_breadcrumb_follows_its_ancestors_not_the_other_fiches(reader_client, fiche):
    """The breadcrumb is cached on the tokens of the page types above a fiche: another fiche's
    publication leaves it, a new title of the fiches index shows at once."""
    from django.utils.html import escape

    from practices.models import PracticeIndexPage

    assert reader_client.get(fiche.url).status_code == 200
    make_fiche("Autre fiche")
    html = reader_client.get(fiche.url).content.decode()
    index = PracticeIndexPage.objects.get()
    assert f">{escape(index.title)}<" in html.split('class="fr-breadcrumb"', 1)[1].split("</nav>", 1)[0]
    index.title = "Retours d'expérience"
    index.save_revision().publish()
    breadcrumb = reader_client.get(fiche.url).content.decode().split('class="fr-breadcrumb"', 1)[1].split("</nav>", 1)[0]
    assert f">{escape(index.title)}<" in breadcrumb


def test_a_slug_freed_by_a_deleted_fiche_leads_to_the_new_one(reader_client, fiche):
    url = fiche.url
    assert "Référence" in reader_client.get(url).content.decode()
    slug = fiche.slug
    fiche.delete()
    assert reader_client.get(url).status_code == 404
    make_fiche("Nouvelle au même nom", slug=slug)
    response = reader_client.get(url)
    assert response.status_code == 200 and "Nouvelle au même nom" in response.content.decode()


def test_a_fiche_renamed_by_slug_answers_at_its_new_url_only(reader_client, fiche):
    old_url = fiche.url
    assert reader_client.get(old_url).status_code == 200
    fiche.slug = "nouvelle-adresse"
    fiche.save_revision().publish()
    assert reader_client.get(old_url).status_code == 404
    assert reader_client.get("/fiches/nouvelle-adresse/").status_code == 200


def test_every_page_type_token_fits_the_name_column():
    """Tokens in the database are named by prefix and model label (CacheVersion.name): SQLite would
    store a longer name, PostgreSQL refuses it."""
    from wagtail.models import get_page_models

    from portal.cache import CLASSIFICATION_VERSION_PREFIX, TYPE_VERSION_PREFIX

    longest = max(len(model._meta.label_lower) for model in get_page_models())
    limit = CacheVersion._meta.get_field("name").max_length
    assert len(CLASSIFICATION_VERSION_PREFIX) + longest <= limit
    assert len(TYPE_VERSION_PREFIX) + longest <= limit


def test_the_log_of_classification_changes_keeps_only_the_recent_ones(monkeypatch):
    from portal import cache as portal_cache
    from portal.models import ClassificationChange
    from practices.models import PracticeSheetPage

    monkeypatch.setattr(portal_cache, "CHANGES_KEPT", 3)
    for page_id in range(1, 11):
        portal_cache.bump_classification(PracticeSheetPage, page_id)
    ids = list(ClassificationChange.objects.order_by("pk").values_list("pk", flat=True))
    assert len(ids) <= 2 * 3 and ids[-1] - ids[0] < 2 * 3
    assert portal_cache.classification_change(PracticeSheetPage) == ids[-1]
