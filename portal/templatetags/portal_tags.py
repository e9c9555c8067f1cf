from django import template
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from wagtail.models import Page

from portal import access, serving
from portal.cache import cached_content
from portal.dates import long_date

register = template.Library()


@register.filter
def longdate(value, arg=""):
    """{{ date|longdate }} → « 1er septembre 2021 »; {{ date|longdate:"jour" }} adds the weekday."""
    return long_date(value, with_weekday=arg == "jour")


# --- who the reader is --------------------------------------------------------------------------------


@register.simple_tag(takes_context=True)
def may_access_admin(context):
    """Whether the reader may open the administration (header link, Wagtail user bar), from the cache."""
    return access.may_access_admin(context.get("request"))


@register.simple_tag(takes_context=True)
def visibility_signature(context):
    """What this reader cannot see (portal.access): cached fragments that list pages vary on it."""
    return access.visibility_signature(context.get("request"))


# --- navigation ------------------------------------------------------------------------------------


def _menu_items(request, root):
    items = [{"title": _("Accueil"), "url": root.get_url(request), "path": root.path, "section": False}]
    for page in root.get_children().live().in_menu().only("id", "title", "slug", "path", "depth", "url_path"):
        items.append({"title": page.title, "url": page.get_url(request), "path": page.path, "section": True})
    return items


@register.simple_tag(takes_context=True)
def main_menu(context):
    """The main navigation: the home page and its live children marked "show in menus".

    A section appears once its page exists and is published, so the menu never links to nothing. The
    items are read once per content version; the menu is rendered once per active section.
    """
    request = context.get("request")
    site = serving.find_site(request) if request is not None else None
    if site is None:
        return mark_safe(render_to_string("includes/main_menu.html", {"items": []}))
    root = site.root_page
    items = cached_content(request, "menu-items", lambda: _menu_items(request, root), site.pk)
    current = context.get("page") or context.get("self")
    current_path = current.path if isinstance(current, Page) else ""
    active_section = context.get("active_section", "")
    active = [
        bool(current_path and current_path.startswith(item["path"])) or bool(active_section and active_section == item["url"])
        if item["section"]
        else current_path == item["path"]
        for item in items
    ]

    def render():
        return render_to_string(
            "includes/main_menu.html", {"items": [{**item, "active": on} for item, on in zip(items, active, strict=True)]}
        )

    return mark_safe(cached_content(request, "menu", render, site.pk, active))


@register.simple_tag(takes_context=True)
def breadcrumb_data(context):
    """Breadcrumb for the current page: a view's own `breadcrumb_data`, or the page's ancestors."""
    if context.get("breadcrumb_data"):
        return context["breadcrumb_data"]
    page = context.get("page")
    if page is not None and hasattr(page, "breadcrumb_data"):
        return page.breadcrumb_data(context.get("request"))
    return None
