"""Page types of the foundation: tree rules, and Wagtail's routable / renderable / editable checks."""

from django.utils.html import escape
from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from home.models import ContentPage, HomePage
from portal.models import PortalSettings
from practices.models import CollectionIndexPage, NetworkIndexPage, PracticeIndexPage

from .factories import make_user


class FoundationPagesTest(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.home = HomePage.objects.get(depth=2)
        cls.accessibility = ContentPage.objects.get(slug="accessibilite")
        cls.admin_user = make_user("Administrateurs", username="admin-pages")
        cls.reader = make_user("Lecteurs", username="lecteur-pages")

    def setUp(self):
        self.client.force_login(self.admin_user)

    def test_tree_rules(self):
        self.assertAllowedParentPageTypes(HomePage, {Page})
        self.assertAllowedSubpageTypes(HomePage, {ContentPage, PracticeIndexPage, NetworkIndexPage, CollectionIndexPage})
        self.assertAllowedParentPageTypes(ContentPage, {HomePage, ContentPage})
        self.assertCanNotCreateAt(HomePage, HomePage)  # one home page only

    def test_home_page(self):
        self.assertPageIsRoutable(self.home)
        self.assertPageIsRenderable(self.home, user=self.reader)
        self.assertPageIsEditable(self.home)
        self.assertPageIsPreviewable(self.home)

    def test_content_page(self):
        self.assertPageIsRoutable(self.accessibility)
        self.assertPageIsRenderable(self.accessibility, user=self.reader)
        post_data = nested_form_data(
            {"title": "Accessibilité", "slug": "accessibilite", "intro": "", "body": streamfield([("heading", "État")])}
        )
        self.assertPageIsEditable(self.accessibility, post_data=post_data)
        self.assertPageIsPreviewable(self.accessibility, post_data=post_data)
        self.client.force_login(self.admin_user)  # the helpers above log out when they finish
        self.assertCanCreate(
            self.home,
            ContentPage,
            nested_form_data({"title": "Aide", "slug": "aide", "intro": "", "body": streamfield([("paragraph", rich_text("<p>Comment chercher</p>"))])}),
        )

    def test_home_page_shows_the_dsfr_layout(self):
        response = self.client.get("/")
        html = response.content.decode()
        self.assertContains(response, 'class="fr-header"')
        self.assertContains(response, 'class="fr-footer"')
        self.assertContains(response, 'class="fr-skiplinks"')
        self.assertContains(response, 'id="recherche-entete"')
        self.assertContains(response, "Accessibilité : non conforme")
        self.assertIn(self.accessibility.url, html)  # the footer links the accessibility statement
        self.assertContains(response, "Se déconnecter")

    def test_main_menu_lists_only_live_sections(self):
        section = ContentPage(title="Ressources", slug="ressources", show_in_menus=True)
        self.home.add_child(instance=section)
        draft = ContentPage(title="Brouillon", slug="brouillon", show_in_menus=True, live=False)
        self.home.add_child(instance=draft)
        html = self.client.get("/").content.decode()
        self.assertIn('href="/ressources/"', html)
        self.assertNotIn('href="/brouillon/"', html)
        self.assertNotIn('href="/accessibilite/" aria-current', html)

    def test_breadcrumbs_follow_the_tree(self):
        child = ContentPage(title="Sous-page", slug="sous-page")
        self.accessibility.add_child(instance=child)
        html = self.client.get(child.url).content.decode()
        self.assertIn('class="fr-breadcrumb"', html)
        self.assertIn(f'href="{self.accessibility.url}"', html)
        self.assertIn('aria-current="page">Sous-page', html)

    def test_portal_name_comes_from_the_site_setting(self):
        settings = PortalSettings.for_site(self.home.get_site())
        settings.portal_name = "Réseau des managers"
        settings.save()
        response = self.client.get("/")
        self.assertContains(response, "Réseau des managers")
        # The home page is named once; other pages put the portal's name after their own.
        self.assertContains(response, "<title>Réseau des managers</title>", html=False)
        self.assertContains(self.client.get(self.accessibility.url), f"<title>{escape(self.accessibility.title)} — Réseau des managers</title>")

    def test_userbar_keeps_the_accessibility_checker(self):
        response = self.client.get("/")
        self.assertContains(response, "wagtail-userbar")
        self.assertContains(response, "checker-axe-configuration", msg_prefix="accessibility checker in the userbar")

    def test_readers_get_no_userbar_and_no_admin_link(self):
        self.client.force_login(make_user("Lecteurs"))
        response = self.client.get("/")
        self.assertNotContains(response, "wagtail-userbar")
        self.assertNotContains(response, "/admin/")
